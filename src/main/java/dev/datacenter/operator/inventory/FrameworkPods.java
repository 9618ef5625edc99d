package dev.datacenter.operator.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.model.Json;
import dev.datacenter.operator.placement.AppSpec;
import dev.datacenter.operator.placement.Constraint;
import dev.datacenter.operator.placement.Resources;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Pods that name the operator as their scheduler ({@code spec.schedulerName}), as the engine sees them. Each
 * pod belongs to a framework "owner": its controller (a Job, a CronJob's Job, a ReplicaSet...), else its
 * Spark application ({@code spark-app-selector} label), else the pod alone. The pods of one owner with the
 * same placement needs (pool, requests, constraints, priority, gang) are the instances of one engine app, so
 * DRF between apps and pools applies to them as to DataCenterApps. Pure functions.
 */
public final class FrameworkPods {

    public static final String SPARK_APP_LABEL = "spark-app-selector";

    private FrameworkPods() {}

    /**
     * One pod translated: its engine app key, its owner ("Job/pi") and pool for the frameworks view, the
     * engine app spec, or the problem that keeps it from being placed (a bad annotation), else null.
     */
    public record Translation(
            String appKey, String namespace, String owner, String pool, AppSpec spec, String problem) {}

    /** Whether the pod is ours to schedule. */
    public static boolean isFramework(Pod pod, String schedulerName) {
        return pod.getSpec() != null && schedulerName.equals(pod.getSpec().getSchedulerName());
    }

    /** The pod's framework owner, as "Kind/name". */
    public static String owner(Pod pod) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        if (refs != null) {
            for (OwnerReference r : refs) {
                if (Boolean.TRUE.equals(r.getController())) return r.getKind() + "/" + r.getName();
            }
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels != null && labels.get(SPARK_APP_LABEL) != null) {
            return "SparkApplication/" + labels.get(SPARK_APP_LABEL);
        }
        return "Pod/" + pod.getMetadata().getName();
    }

    public static Translation translate(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String owner = owner(pod);
        Map<String, String> labels = pod.getMetadata().getLabels();
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String pool = labels == null || labels.get(ApiGroup.LABEL_POOL) == null
                ? ApiGroup.DEFAULT_POOL
                : labels.get(ApiGroup.LABEL_POOL);
        Resources requests = EngineInputs.requests(pod);
        String base = namespace + "/" + owner.replace('/', ':');
        try {
            List<Constraint> constraints = constraints(annotation(annotations, ApiGroup.ANNOTATION_CONSTRAINTS));
            int priority = integer(annotations, ApiGroup.ANNOTATION_PRIORITY, 0);
            String gang = annotation(annotations, ApiGroup.ANNOTATION_GANG);
            int gangSize = gang == null ? 0 : integer(annotations, ApiGroup.ANNOTATION_GANG_SIZE, 1);
            if (gang != null && gangSize < 1) {
                throw new IllegalArgumentException(ApiGroup.ANNOTATION_GANG_SIZE + " must be at least 1");
            }
            String gangKey = gang == null ? null : namespace + "/" + gang;
            String shape = Integer.toHexString(Objects.hash(
                            pool,
                            requests,
                            constraints,
                            priority,
                            gangKey,
                            gangSize,
                            pod.getSpec() == null ? null : pod.getSpec().getTolerations())
                    & 0xfffffff);
            String key = base + "~" + shape;
            List<dev.datacenter.operator.placement.Toleration> tolerations = EngineInputs.tolerations(
                    pod.getSpec() == null ? null : pod.getSpec().getTolerations());
            AppSpec spec = new AppSpec(key, pool, requests, List.of(), constraints, List.of(), Map.of())
                    .withTolerations(tolerations)
                    .withPriority(priority)
                    .withGang(gangKey, gangSize);
            return new Translation(key, namespace, owner, pool, spec, null);
        } catch (IllegalArgumentException e) {
            return new Translation(base, namespace, owner, pool, null, e.getMessage());
        }
    }

    /**
     * Marathon constraints as JSON: {@code [["hostname","UNIQUE"],["rack","LIKE","r[1-3]"]]}. A field
     * {@code hostname} means the node's name, as in Marathon; other fields are node labels or the aliases
     * {@code @hostname}, {@code @zone}, {@code @region}.
     */
    static List<Constraint> constraints(String json) {
        if (json == null || json.isBlank()) return List.of();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    ApiGroup.ANNOTATION_CONSTRAINTS + " is not JSON: " + e.getOriginalMessage());
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException(
                    ApiGroup.ANNOTATION_CONSTRAINTS + " must be a list of [field, operator, value?] lists");
        }
        List<Constraint> out = new ArrayList<>();
        for (JsonNode c : root) {
            if (!c.isArray() || c.size() < 2 || c.size() > 3) {
                throw new IllegalArgumentException(
                        ApiGroup.ANNOTATION_CONSTRAINTS + ": " + c + " is not [field, operator, value?]");
            }
            String field = c.get(0).asText();
            if ("hostname".equals(field)) field = "@hostname";
            Constraint.Operator op;
            try {
                op = Constraint.Operator.valueOf(c.get(1).asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ApiGroup.ANNOTATION_CONSTRAINTS + ": unknown operator "
                        + c.get(1).asText() + " (UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS)");
            }
            out.add(new Constraint(field, op, c.size() == 3 ? c.get(2).asText() : null));
        }
        return out;
    }

    private static String annotation(Map<String, String> annotations, String key) {
        String v = annotations == null ? null : annotations.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static int integer(Map<String, String> annotations, String key, int absent) {
        String v = annotation(annotations, key);
        if (v == null) return absent;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, not \"" + v + "\"");
        }
    }
}

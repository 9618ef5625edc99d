package dev.datacenter.operator.model;

import static dev.datacenter.operator.model.SpecDefaults.list;
import static dev.datacenter.operator.model.SpecDefaults.or;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.AppResources;
import dev.datacenter.operator.api.Artifact;
import dev.datacenter.operator.api.Colocation;
import dev.datacenter.operator.api.Constraint;
import dev.datacenter.operator.api.ContainerSpec;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.PortSpec;
import dev.datacenter.operator.api.ReadinessCheck;
import dev.datacenter.operator.api.VolumeSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash that identifies a revision: it covers exactly the fields of the spec that change the pods
 * or where they are placed, with defaults applied, so that writing a default out or leaving it away,
 * or writing {@code 0.5} instead of {@code 500m}, is no change.
 *
 * <p>Pod-changing (a new revision, a rolling deployment): {@code pool}, {@code container},
 * {@code resources}, {@code ports}, {@code constraints}, {@code colocateWith}, {@code healthChecks},
 * {@code readinessChecks}, {@code taskKillGracePeriodSeconds}, {@code volumes}, {@code artifacts},
 * {@code tolerations} (when set), and
 * the restart nonce (the value of a {@code datacenter.dev/restart} annotation). Pods are pinned to a
 * node, so a placement change (pool, constraints, colocation) needs new pods as much as a new image.
 *
 * <p>Not pod-changing (applied in place, no new revision): {@code instances}, {@code group} (labels
 * may be patched in place), {@code dependencies}, {@code upgradeStrategy}, {@code backoff},
 * {@code killSelection}, {@code unreachableStrategy}, {@code service}.
 */
public final class PodTemplateHash {
    /** Annotation on each pod: the template hash of the revision it was built from. */
    public static final String ANNOTATION = ApiGroup.GROUP + "/template-hash";
    /** Label on each ControllerRevision: its template hash. */
    public static final String LABEL = ApiGroup.GROUP + "/template-hash";

    static final int LENGTH = 10;

    private PodTemplateHash() {}

    /** The hash of the pod-changing part of {@code spec}, with no restart nonce. */
    public static String of(DataCenterAppSpec spec) {
        return of(spec, null);
    }

    /**
     * The hash of the pod-changing part of {@code spec} and of {@code restartNonce} (null for none): 10
     * lowercase letters and digits, valid in names and label values.
     */
    public static String of(DataCenterAppSpec spec, String restartNonce) {
        return Names.hash(Json.canonical(canonical(spec, restartNonce)), LENGTH);
    }

    /** The template hash recorded on a pod ({@link #ANNOTATION}), or null. */
    public static String of(Pod pod) {
        Map<String, String> annotations =
                pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ANNOTATION);
    }

    /** True when {@code pod} was built from the revision whose template hash is {@code hash}. */
    public static boolean matches(Pod pod, String hash) {
        return hash != null && hash.equals(of(pod));
    }

    /** The canonical form that is hashed (visible for tests and debugging). */
    static Map<String, Object> canonical(DataCenterAppSpec spec, String restartNonce) {
        Map<String, Object> m = new TreeMap<>();
        m.put("pool", SpecDefaults.pool(spec));
        m.put("container", container(spec.getContainer()));
        m.put("resources", resources(spec.getResources()));
        m.put("ports", map(list(spec.getPorts()), PodTemplateHash::port));
        m.put("constraints", map(list(spec.getConstraints()), PodTemplateHash::constraint));
        m.put("colocateWith", map(list(spec.getColocateWith()), PodTemplateHash::colocation));
        m.put("healthChecks", map(list(spec.getHealthChecks()), PodTemplateHash::health));
        m.put("readinessChecks", map(list(spec.getReadinessChecks()), PodTemplateHash::readiness));
        m.put("taskKillGracePeriodSeconds", SpecDefaults.taskKillGracePeriodSeconds(spec));
        m.put("volumes", map(list(spec.getVolumes()), PodTemplateHash::volume));
        m.put("artifacts", map(list(spec.getArtifacts()), PodTemplateHash::artifact));
        if (!list(spec.getTolerations()).isEmpty()) {
            // only when set, so that the revisions of apps written before the field existed keep their hash
            m.put("tolerations", Json.MAPPER.valueToTree(list(spec.getTolerations())));
        }
        if (restartNonce != null) {
            m.put("restart", restartNonce);
        }
        return m;
    }

    private static Object container(ContainerSpec c) {
        Map<String, Object> m = new TreeMap<>();
        if (c != null) {
            m.put("image", c.getImage());
            m.put("command", list(c.getCommand()));
            m.put("args", list(c.getArgs()));
            m.put("env", Json.MAPPER.valueToTree(list(c.getEnv())));
        }
        return m;
    }

    private static Object resources(AppResources r) {
        Map<String, Object> m = new TreeMap<>();
        if (r != null) {
            m.put("cpus", quantity(r.getCpus()));
            m.put("mem", quantity(r.getMem()));
            m.put("gpus", or(r.getGpus(), 0));
            m.put("disk", quantity(or(r.getDisk(), new Quantity("0"))));
        }
        return m;
    }

    /** A quantity as a plain decimal number, so that 0.5 and 500m, or 1Gi and 1024Mi, are equal. */
    static String quantity(Quantity q) {
        if (q == null) {
            return null;
        }
        try {
            return q.getNumericalAmount().stripTrailingZeros().toPlainString();
        } catch (RuntimeException e) {
            return q.toString();
        }
    }

    private static Object port(PortSpec p) {
        return entries(
                "name",
                p.getName(),
                "containerPort",
                p.getContainerPort(),
                "hostPort",
                p.getHostPort(),
                "protocol",
                SpecDefaults.protocol(p).name());
    }

    private static Object constraint(Constraint c) {
        return entries("field", c.getField(), "operator", String.valueOf(c.getOperator()), "value", c.getValue());
    }

    private static Object colocation(Colocation c) {
        return entries("app", c.getApp(), "field", or(c.getField(), "@hostname"));
    }

    private static Object health(HealthCheck h) {
        return entries(
                "protocol",
                SpecDefaults.protocol(h.getProtocol()).name(),
                "portName",
                h.getPortName(),
                "path",
                SpecDefaults.path(h.getPath()),
                "command",
                h.getCommand(),
                "gracePeriodSeconds",
                or(h.getGracePeriodSeconds(), SpecDefaults.HEALTH_GRACE_PERIOD_SECONDS),
                "intervalSeconds",
                or(h.getIntervalSeconds(), SpecDefaults.HEALTH_INTERVAL_SECONDS),
                "timeoutSeconds",
                or(h.getTimeoutSeconds(), SpecDefaults.HEALTH_TIMEOUT_SECONDS),
                "maxConsecutiveFailures",
                or(h.getMaxConsecutiveFailures(), SpecDefaults.HEALTH_MAX_CONSECUTIVE_FAILURES));
    }

    private static Object readiness(ReadinessCheck r) {
        return entries(
                "protocol",
                SpecDefaults.protocol(r.getProtocol()).name(),
                "portName",
                r.getPortName(),
                "path",
                SpecDefaults.path(r.getPath()),
                "command",
                r.getCommand(),
                "intervalSeconds",
                or(r.getIntervalSeconds(), SpecDefaults.READINESS_INTERVAL_SECONDS),
                "timeoutSeconds",
                or(r.getTimeoutSeconds(), SpecDefaults.READINESS_TIMEOUT_SECONDS));
    }

    private static Object volume(VolumeSpec v) {
        return entries("name", v.getName(), "mountPath", v.getMountPath(), "claimSet", v.getClaimSet());
    }

    private static Object artifact(Artifact a) {
        return entries("uri", a.getUri(), "extract", SpecDefaults.extract(a), "executable", SpecDefaults.executable(a));
    }

    private static Map<String, Object> entries(Object... keyValues) {
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    private static <T> List<Object> map(List<T> items, java.util.function.Function<T, Object> f) {
        List<Object> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(f.apply(i)));
        return out;
    }
}

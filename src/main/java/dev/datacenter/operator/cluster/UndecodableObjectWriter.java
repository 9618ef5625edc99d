package dev.datacenter.operator.cluster;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.ResourcePool;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reports an {@link UndecodableObject} on the object itself without the typed model: its status gets
 * {@code Ready=False}, reason {@code InvalidSpec} and the decode error (a status update of the raw JSON
 * object, written only when the Ready condition differs), and a Warning event with the same reason.
 */
@ApplicationScoped
public class UndecodableObjectWriter {
    private static final Logger LOG = Logger.getLogger(UndecodableObjectWriter.class);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            HasMetadata.getKind(DataCenterApp.class), DataCenterApp.class,
            HasMetadata.getKind(ResourcePool.class), ResourcePool.class,
            HasMetadata.getKind(PersistentVolumeClaimSet.class), PersistentVolumeClaimSet.class);

    @Inject
    KubernetesClient client;

    @Inject
    ClusterWrites writes;

    /** @return whether a status write was made (false: it already said so, or the object is gone) */
    public boolean writeInvalidSpec(UndecodableObject object, Instant now) {
        Map<String, Object> status = status(object.raw());
        Map<String, Object> desired = readyCondition(status, object, now);
        Map<String, Object> current = readyOf(status);
        if (current != null
                && Objects.equals(current.get("status"), desired.get("status"))
                && Objects.equals(current.get("reason"), desired.get("reason"))
                && Objects.equals(current.get("message"), desired.get("message"))
                && Objects.equals(number(current.get("observedGeneration")), desired.get("observedGeneration"))) {
            return false;
        }
        GenericKubernetesResource copy = client.getKubernetesSerialization().clone(object.raw());
        Map<String, Object> newStatus = new LinkedHashMap<>(status(copy));
        List<Object> conditions = new ArrayList<>();
        for (Object c : conditionsOf(newStatus)) {
            if (!(c instanceof Map<?, ?> m && ConditionReasons.READY.equals(m.get("type")))) {
                conditions.add(c);
            }
        }
        conditions.add(0, desired);
        newStatus.put("conditions", conditions);
        newStatus.put("observedGeneration", object.raw().getMetadata().getGeneration());
        copy.setAdditionalProperty("status", newStatus);
        try {
            writes.write(
                    "update-status",
                    object.kind(),
                    () -> client.genericKubernetesResources(context(object))
                            .resource(copy)
                            .updateStatus());
            return true;
        } catch (RuntimeException e) {
            if (ApiErrors.isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** A Warning event {@code InvalidSpec} on the object; a failed write is logged and dropped. */
    public void recordEvent(UndecodableObject object, Instant now) {
        String time = timestamp(now);
        String namespace = object.namespace() == null ? "default" : object.namespace();
        String message = "cannot be read: " + object.message();
        try {
            writes.write(
                    "create",
                    "Event",
                    () -> client.v1()
                            .events()
                            .inNamespace(namespace)
                            .resource(new EventBuilder()
                                    .withNewMetadata()
                                    .withName(object.name() + "."
                                            + UUID.randomUUID()
                                                    .toString()
                                                    .substring(0, 13)
                                                    .replace("-", ""))
                                    .withNamespace(namespace)
                                    .endMetadata()
                                    .withNewInvolvedObject()
                                    .withApiVersion(object.raw().getApiVersion())
                                    .withKind(object.kind())
                                    .withName(object.name())
                                    .withNamespace(object.namespace())
                                    .withUid(object.raw().getMetadata().getUid())
                                    .withResourceVersion(object.resourceVersion())
                                    .endInvolvedObject()
                                    .withType("Warning")
                                    .withReason(ConditionReasons.INVALID_SPEC)
                                    .withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
                                    .withCount(1)
                                    .withFirstTimestamp(time)
                                    .withLastTimestamp(time)
                                    .withNewSource()
                                    .withComponent("datacenter-operator")
                                    .endSource()
                                    .withReportingComponent("datacenter-operator")
                                    .build())
                            .create());
        } catch (RuntimeException e) {
            LOG.debugf("event InvalidSpec for %s %s not written: %s", object.kind(), object.key(), e.getMessage());
        }
    }

    private static Map<String, Object> readyCondition(
            Map<String, Object> status, UndecodableObject object, Instant now) {
        Map<String, Object> current = readyOf(status);
        boolean wasFalse = current != null && "False".equals(current.get("status"));
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("type", ConditionReasons.READY);
        ready.put("status", "False");
        ready.put("reason", ConditionReasons.INVALID_SPEC);
        ready.put("message", object.message());
        ready.put("observedGeneration", object.raw().getMetadata().getGeneration());
        ready.put(
                "lastTransitionTime",
                wasFalse && current.get("lastTransitionTime") != null
                        ? current.get("lastTransitionTime")
                        : timestamp(now));
        return ready;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readyOf(Map<String, Object> status) {
        for (Object c : conditionsOf(status)) {
            if (c instanceof Map<?, ?> m && ConditionReasons.READY.equals(m.get("type"))) {
                return (Map<String, Object>) m;
            }
        }
        return null;
    }

    private static List<?> conditionsOf(Map<String, Object> status) {
        return status.get("conditions") instanceof List<?> list ? list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource raw) {
        Object status = raw.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static ResourceDefinitionContext context(UndecodableObject object) {
        Class<? extends HasMetadata> type = KINDS.get(object.kind());
        if (type == null) {
            throw new IllegalArgumentException("not one of our kinds: " + object.kind());
        }
        return ResourceDefinitionContext.fromResourceType(type);
    }

    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}

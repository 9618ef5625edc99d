package dev.datacenter.operator.isolation;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.ResourcePool;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects of our kinds written and read as raw JSON, bypassing the typed client: what an older, looser
 * CRD version, a CRD without its schema, or another tool may leave in the API server.
 */
final class RawObjects {
    private RawObjects() {}

    /** The typed object as a JSON tree, with {@code value} set at the dotted {@code path} (a null value removes it). */
    @SuppressWarnings("unchecked")
    static GenericKubernetesResource with(KubernetesClient client, HasMetadata typed, String path, Object value) {
        Map<String, Object> tree = client.getKubernetesSerialization().convertValue(typed, Map.class);
        String[] parts = path.split("\\.");
        Map<String, Object> at = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.get(parts[i]);
        }
        if (value == null) {
            at.remove(parts[parts.length - 1]);
        } else {
            at.put(parts[parts.length - 1], value);
        }
        return client.getKubernetesSerialization().convertValue(tree, GenericKubernetesResource.class);
    }

    static void create(KubernetesClient client, GenericKubernetesResource raw) {
        resources(client, raw.getKind(), raw.getMetadata().getNamespace())
                .resource(raw)
                .create();
    }

    static GenericKubernetesResource get(KubernetesClient client, String kind, String namespace, String name) {
        return resources(client, kind, namespace).withName(name).get();
    }

    /** The raw object's Ready condition, if its status has one. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> ready(GenericKubernetesResource raw) {
        if (raw == null || !(raw.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
            return Optional.empty();
        }
        if (!(status.get("conditions") instanceof List<?> conditions)) {
            return Optional.empty();
        }
        List<Map<String, Object>> ready = new ArrayList<>();
        for (Object c : conditions) {
            if (c instanceof Map<?, ?> m && "Ready".equals(m.get("type"))) {
                ready.add((Map<String, Object>) m);
            }
        }
        return ready.isEmpty() ? Optional.empty() : Optional.of(ready.get(ready.size() - 1));
    }

    static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            resources(KubernetesClient client, String kind, String namespace) {
        Class<? extends HasMetadata> type = switch (kind) {
            case "DataCenterApp" -> DataCenterApp.class;
            case "ResourcePool" -> ResourcePool.class;
            case "PersistentVolumeClaimSet" -> PersistentVolumeClaimSet.class;
            default -> throw new IllegalArgumentException(kind);
        };
        var all = client.genericKubernetesResources(ResourceDefinitionContext.fromResourceType(type));
        return namespace == null ? all : all.inNamespace(namespace);
    }
}

package dev.datacenter.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/** The work-queue key of one object: kind, namespace (null for cluster-scoped kinds) and name. */
public record ResourceKey(ResourceKind kind, String namespace, String name) {
    public ResourceKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ResourceKey of(ResourceKind kind, HasMetadata object) {
        return new ResourceKey(
                kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    public static ResourceKey app(String namespace, String name) {
        return new ResourceKey(ResourceKind.DATA_CENTER_APP, namespace, name);
    }

    public static ResourceKey pool(String name) {
        return new ResourceKey(ResourceKind.RESOURCE_POOL, null, name);
    }

    public static ResourceKey claimSet(String namespace, String name) {
        return new ResourceKey(ResourceKind.PERSISTENT_VOLUME_CLAIM_SET, namespace, name);
    }

    @Override
    public String toString() {
        return kind.kind() + " " + (namespace == null ? name : namespace + "/" + name);
    }
}

package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * An object of one of our kinds that the operator cannot read into its typed model (a field of the wrong
 * JSON type, an integer beyond what Java holds, an enum value it does not know...). {@code raw} is the
 * object as the API server stores it: never modify it. {@code message} says which field and why.
 */
public record UndecodableObject(GenericKubernetesResource raw, String message) {

    public String kind() {
        return raw.getKind();
    }

    public String namespace() {
        return raw.getMetadata().getNamespace();
    }

    public String name() {
        return raw.getMetadata().getName();
    }

    public String resourceVersion() {
        return raw.getMetadata().getResourceVersion();
    }

    /** The same object with the same spec (generation) and the same error: reported once. */
    public boolean sameProblem(UndecodableObject other) {
        return key().equals(other.key())
                && java.util.Objects.equals(
                        raw.getMetadata().getGeneration(),
                        other.raw.getMetadata().getGeneration())
                && message.equals(other.message);
    }

    /** {@code namespace/name}, or the name of a cluster-scoped object. */
    public String key() {
        return CacheIndexes.key(namespace(), name());
    }
}

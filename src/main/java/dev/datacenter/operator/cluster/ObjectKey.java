package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A namespaced object's identity in the cache, as the informers report changes: namespace and name. */
public record ObjectKey(String namespace, String name) {

    public static ObjectKey of(HasMetadata object) {
        return new ObjectKey(
                object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}

package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.function.Consumer;

/**
 * Turns a generic informer's objects of one of our kinds into typed ones, one object at a time: an
 * object that decodes goes into the {@link TypedStore} and to the listeners; one that does not is taken
 * out of the store and reported to {@link UndecodableObjects}. So one bad object never stops the
 * informer, and every other object of the kind goes on being seen.
 */
final class DecodingHandler<T extends HasMetadata> implements ResourceEventHandler<GenericKubernetesResource> {
    private final Class<T> type;
    private final String kind;
    private final TypedStore<T> store;
    private final KubernetesSerialization json;
    private final UndecodableObjects undecodable;
    private final Consumer<T> changed;

    DecodingHandler(
            Class<T> type,
            TypedStore<T> store,
            KubernetesSerialization json,
            UndecodableObjects undecodable,
            Consumer<T> changed) {
        this.type = type;
        this.kind = HasMetadata.getKind(type);
        this.store = store;
        this.json = json;
        this.undecodable = undecodable;
        this.changed = changed;
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
        seen(object);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        seen(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
        String key = TypedStore.keyOf(object);
        undecodable.resolved(kind, key);
        store.remove(key).ifPresent(changed);
    }

    /**
     * The typed object. A status the model cannot read (one written by another version of the operator)
     * is dropped rather than the object: the reconciler writes a new one.
     */
    private T decode(GenericKubernetesResource object) {
        try {
            return json.convertValue(object, type);
        } catch (RuntimeException e) {
            if (!object.getAdditionalProperties().containsKey("status")) {
                throw e;
            }
            GenericKubernetesResource withoutStatus = json.clone(object);
            withoutStatus.getAdditionalProperties().remove("status");
            try {
                return json.convertValue(withoutStatus, type);
            } catch (RuntimeException again) {
                throw e;
            }
        }
    }

    private void seen(GenericKubernetesResource object) {
        T typed;
        try {
            typed = decode(object);
        } catch (RuntimeException e) {
            undecodable.report(new UndecodableObject(object, DecodeErrors.message(e)));
            // one that decoded before is gone from the typed cache: its reconciler forgets it (and deletes nothing)
            store.remove(TypedStore.keyOf(object)).ifPresent(changed);
            return;
        }
        undecodable.resolved(kind, TypedStore.keyOf(typed));
        store.put(typed);
        changed.accept(typed);
    }
}

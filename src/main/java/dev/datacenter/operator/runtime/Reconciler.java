package dev.datacenter.operator.runtime;

/**
 * Converges one object of one kind. Implementations are {@code @ApplicationScoped} beans, found by
 * {@link ReconcileDispatcher}. A reconcile reads the cluster from the cache, is idempotent, returns
 * quietly when the object is gone, and throws to be retried with backoff (a 409 is retried at once).
 */
public interface Reconciler {
    ResourceKind kind();

    void reconcile(ResourceKey key) throws Exception;
}

package dev.datacenter.operator.runtime;

import dev.datacenter.operator.cluster.ApiErrors;
import dev.datacenter.operator.runtime.OperatorMetrics.Result;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/** Hands each work-queue key to the reconciler of its kind, and counts and times the outcome. */
@ApplicationScoped
public class ReconcileDispatcher implements WorkQueue.Handler<ResourceKey> {

    @Inject
    Instance<Reconciler> all;

    @Inject
    OperatorMetrics metrics;

    private final Map<ResourceKind, Reconciler> byKind = new EnumMap<>(ResourceKind.class);

    @PostConstruct
    void index() {
        for (Reconciler reconciler : all) {
            if (byKind.put(reconciler.kind(), reconciler) != null) {
                throw new IllegalStateException("two reconcilers for " + reconciler.kind());
            }
        }
    }

    @Override
    public void handle(ResourceKey key) throws Exception {
        Reconciler reconciler = byKind.get(key.kind());
        if (reconciler == null) {
            return;
        }
        long start = System.nanoTime();
        Result result = Result.ERROR;
        try {
            reconciler.reconcile(key);
            result = Result.SUCCESS;
        } catch (Exception e) {
            result = ApiErrors.isConflict(e) ? Result.CONFLICT : Result.ERROR;
            throw e;
        } finally {
            metrics.reconciled(key.kind(), result, System.nanoTime() - start);
        }
    }
}

package dev.datacenter.operator.reconciler;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.StatusWriter;
import dev.datacenter.operator.status.ClaimSetStatusAggregator;

/** Reconciles a PersistentVolumeClaimSet. For now: observedGeneration and Ready. */
@ApplicationScoped
public class PersistentVolumeClaimSetReconciler implements Reconciler {

    @Inject
    ClusterCache cache;

    @Inject
    StatusWriter statusWriter;

    private final ClaimSetStatusAggregator aggregator = new ClaimSetStatusAggregator();

    @Override
    public ResourceKind kind() {
        return ResourceKind.PERSISTENT_VOLUME_CLAIM_SET;
    }

    @Override
    public void reconcile(ResourceKey key) {
        cache.claimSet(key.namespace(), key.name())
                .ifPresent(set -> statusWriter.writeIfChanged(set, aggregator.aggregate(set, Instant.now())));
    }
}

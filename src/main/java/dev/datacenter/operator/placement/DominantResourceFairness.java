package dev.datacenter.operator.placement;

import java.util.Comparator;

/**
 * Weighted DRF ordering, for pools (share of the cluster divided by weight) and for the apps within a pool.
 * Keys are computed when an entry enters a queue, so a queue stays consistent while shares change.
 */
final class DominantResourceFairness {

    static final Comparator<PoolState> POOL_ORDER =
            Comparator.comparingDouble((PoolState p) -> p.drfKey).thenComparing(p -> p.name);
    static final Comparator<AppState> APP_ORDER =
            Comparator.comparingDouble((AppState a) -> a.drfKey).thenComparing(a -> a.key);

    private DominantResourceFairness() {
    }

    static void key(PoolState p, Resources clusterCapacity) {
        p.drfKey = p.weightedShare(clusterCapacity);
    }

    static void key(AppState a, Resources clusterCapacity) {
        a.drfKey = a.allocated.dominantShare(clusterCapacity);
    }
}

package dev.datacenter.operator.placement;

/**
 * Weighted Dominant Resource Fairness: the next turn goes to the pool whose dominant share (its largest
 * fraction of any cluster resource, counting allocations plus unused reservations) divided by its weight is
 * smallest; within a pool, to the app of the highest priority, then the smallest dominant share. Ties go by
 * name ({@link FairQueue}).
 */
final class DominantResourceFairness {

    private DominantResourceFairness() {}

    static double weightedShare(PoolState p, Resources clusterCapacity) {
        return p.weightedShare(clusterCapacity);
    }

    static double share(AppState a, Resources clusterCapacity) {
        // a share is at most about 1, so one step of priority outweighs any difference of shares
        return a.allocated().dominantShare(clusterCapacity) - 2.0 * a.spec().priority();
    }
}

package dev.datacenter.operator.placement;

/**
 * The figures of a pool for its status.
 *
 * @param nodes            schedulable nodes matching the selector
 * @param capacity         their allocatable resources
 * @param allocated        resources of the pool's placed instances (running and assumed)
 * @param reserved         resources reserved for the pool on schedulable nodes
 * @param guaranteed       the pool's guarantee
 * @param dominantShare    (allocated + unused reservations) as the largest fraction of any cluster resource
 * @param weightedShare    dominantShare / weight
 * @param apps             apps in the pool
 * @param pendingInstances instances waiting for a node
 * @param preemptions      victims evicted for this pool since the engine started
 */
public record PoolFigures(
        String name,
        int nodes,
        Resources capacity,
        Resources allocated,
        Resources reserved,
        Resources guaranteed,
        double dominantShare,
        double weightedShare,
        int apps,
        int pendingInstances,
        long preemptions) {

    /** Figures without preemptions. */
    public PoolFigures(
            String name,
            int nodes,
            Resources capacity,
            Resources allocated,
            Resources reserved,
            Resources guaranteed,
            double dominantShare,
            double weightedShare,
            int apps,
            int pendingInstances) {
        this(
                name,
                nodes,
                capacity,
                allocated,
                reserved,
                guaranteed,
                dominantShare,
                weightedShare,
                apps,
                pendingInstances,
                0);
    }
}

package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One ResourcePool (a Mesos role): its spec figures and its status figures. {@code implied} is true for
 * the {@code default} pool while no user has created one of that name. {@code guarantee} and
 * {@code limit} are null when the spec sets none. Shares are in 0..1.
 */
@RegisterForReflection
public record PoolView(
        String name,
        boolean implied,
        double weight,
        ResourcesView guarantee,
        ResourcesView limit,
        int nodes,
        ResourcesView capacity,
        ResourcesView allocated,
        ResourcesView reserved,
        ResourcesView guaranteed,
        double dominantShare,
        double weightedShare,
        int apps,
        int pendingInstances,
        String readyReason,
        String readyMessage,
        long preemptions) {

    /** A pool for which no victim was evicted. */
    public PoolView(
            String name,
            boolean implied,
            double weight,
            ResourcesView guarantee,
            ResourcesView limit,
            int nodes,
            ResourcesView capacity,
            ResourcesView allocated,
            ResourcesView reserved,
            ResourcesView guaranteed,
            double dominantShare,
            double weightedShare,
            int apps,
            int pendingInstances,
            String readyReason,
            String readyMessage) {
        this(
                name,
                implied,
                weight,
                guarantee,
                limit,
                nodes,
                capacity,
                allocated,
                reserved,
                guaranteed,
                dominantShare,
                weightedShare,
                apps,
                pendingInstances,
                readyReason,
                readyMessage,
                0);
    }

    /** The implied {@code default} pool over the given nodes' capacity, with nothing allocated. */
    public static PoolView impliedDefault(int nodes, ResourcesView capacity) {
        return new PoolView(
                "default",
                true,
                1,
                null,
                null,
                nodes,
                capacity,
                ResourcesView.ZERO,
                ResourcesView.ZERO,
                ResourcesView.ZERO,
                0,
                0,
                0,
                0,
                "Ready",
                "the implied default pool");
    }
}

package dev.datacenter.operator.placement;

import java.util.List;
import java.util.Objects;

/**
 * A resource pool (a Mesos role).
 *
 * @param name         pool name
 * @param nodeSelector which nodes the pool may use; {@link LabelSelector#EVERYTHING} for all
 * @param weight       DRF weight, greater than 0
 * @param guarantee    what the pool may always reach when it has demand ({@link Resources#ZERO} for none)
 * @param limit        what the pool never exceeds, allocations plus unused reservations
 *                     ({@link Resources#UNLIMITED}, or {@code Long.MAX_VALUE} per unlimited component)
 * @param reservations per-node static reservations
 * @param preemption   whether the pool takes resources back from other pools when its work fits nowhere
 */
public record PoolSpec(
        String name,
        LabelSelector nodeSelector,
        double weight,
        Resources guarantee,
        Resources limit,
        List<Reservation> reservations,
        Preemption preemption) {

    /** Whether and how far a pool below its share takes resources back from others (see {@link PlacementEngine}). */
    public enum Preemption {
        /** Never preempts (the default). */
        NEVER,
        /** Preempts up to its guarantee. */
        TO_GUARANTEE,
        /** Preempts up to the larger of its guarantee and its weighted fair share. */
        TO_FAIR_SHARE
    }

    /** Name of the pool that exists implicitly until one with this name is upserted. */
    public static final String DEFAULT_POOL = "default";

    public PoolSpec {
        Objects.requireNonNull(name, "name");
        nodeSelector = nodeSelector == null ? LabelSelector.EVERYTHING : nodeSelector;
        if (!(weight > 0)) throw new IllegalArgumentException("pool weight must be > 0: " + weight);
        guarantee = guarantee == null ? Resources.ZERO : guarantee;
        limit = limit == null ? Resources.UNLIMITED : limit;
        reservations = reservations == null ? List.of() : List.copyOf(reservations);
        preemption = preemption == null ? Preemption.NEVER : preemption;
    }

    /** A pool that never preempts. */
    public PoolSpec(
            String name,
            LabelSelector nodeSelector,
            double weight,
            Resources guarantee,
            Resources limit,
            List<Reservation> reservations) {
        this(name, nodeSelector, weight, guarantee, limit, reservations, Preemption.NEVER);
    }

    public PoolSpec withPreemption(Preemption p) {
        return new PoolSpec(name, nodeSelector, weight, guarantee, limit, reservations, p);
    }

    /** Every node, the given weight, no guarantee, limit or reservation. */
    public static PoolSpec shared(String name, double weight) {
        return new PoolSpec(name, LabelSelector.EVERYTHING, weight, Resources.ZERO, Resources.UNLIMITED, List.of());
    }
}

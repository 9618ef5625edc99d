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
 */
public record PoolSpec(
        String name,
        LabelSelector nodeSelector,
        double weight,
        Resources guarantee,
        Resources limit,
        List<Reservation> reservations) {

    /** Name of the pool that exists implicitly until one with this name is upserted. */
    public static final String DEFAULT_POOL = "default";

    public PoolSpec {
        Objects.requireNonNull(name, "name");
        nodeSelector = nodeSelector == null ? LabelSelector.EVERYTHING : nodeSelector;
        if (!(weight > 0)) throw new IllegalArgumentException("pool weight must be > 0: " + weight);
        guarantee = guarantee == null ? Resources.ZERO : guarantee;
        limit = limit == null ? Resources.UNLIMITED : limit;
        reservations = reservations == null ? List.of() : List.copyOf(reservations);
    }

    /** Every node, the given weight, no guarantee, limit or reservation. */
    public static PoolSpec shared(String name, double weight) {
        return new PoolSpec(name, LabelSelector.EVERYTHING, weight, Resources.ZERO, Resources.UNLIMITED, List.of());
    }
}

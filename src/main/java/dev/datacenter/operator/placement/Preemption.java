package dev.datacenter.operator.placement;

import java.util.List;
import java.util.Objects;

/**
 * A preemption decided in a cycle: to place instance {@code instance} of {@code appKey} (pool {@code pool})
 * on {@code node}, the {@code victims} running there are to be evicted. The node's freed room is held for
 * that instance (nominated) until it is placed, a victim's eviction is refused
 * ({@link PlacementEngine#evictionRefused}), or the nomination times out.
 */
public record Preemption(
        String pool, String appKey, int instance, String node, Resources resources, List<Victim> victims) {

    public Preemption {
        Objects.requireNonNull(pool, "pool");
        victims = List.copyOf(victims);
    }

    /** A running task chosen for eviction. */
    public record Victim(String taskId, String appKey, int instance, String pool, int priority, Resources resources) {}
}

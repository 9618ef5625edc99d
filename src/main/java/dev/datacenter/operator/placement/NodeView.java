package dev.datacenter.operator.placement;

import java.util.List;
import java.util.Map;

/**
 * A node as the engine accounts for it (REST {@code /api/v1/state}).
 *
 * @param allocated resources of every task on the node (running and assumed, ours or not)
 * @param held      resources held for pinned instances that are down
 * @param free      what any pool may still use (unused reservations and holds excluded)
 * @param pools     pools whose node selector matches the node, by name
 * @param tasks     number of tasks on the node
 */
public record NodeView(
        String name,
        Map<String, String> labels,
        Resources allocatable,
        Resources allocated,
        Resources held,
        Resources free,
        boolean schedulable,
        List<String> pools,
        int tasks) {}

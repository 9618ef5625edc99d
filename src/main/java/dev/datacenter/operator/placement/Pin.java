package dev.datacenter.operator.placement;

import java.util.Objects;

/**
 * An instance pinned to a node (its persistent volume lives there).
 *
 * @param node          the only node the instance may run on
 * @param holdResources when true, the instance's resources stay reserved on that node while it is down
 */
public record Pin(String node, boolean holdResources) {
    public Pin {
        Objects.requireNonNull(node, "node");
    }
}

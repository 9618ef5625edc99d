package dev.datacenter.operator.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node as the engine sees it.
 *
 * @param name        the node name ({@code @hostname})
 * @param labels      the node labels (constraint attributes, pool selectors)
 * @param allocatable allocatable cpus (millicores), memory, gpus, disk
 * @param maxPods     allocatable pod count; 0 or less means no limit
 * @param schedulable false when cordoned or NotReady: such a node gets no offers
 * @param portRange   the dynamic host-port range, see {@link PortRange#parse(String)}
 * @param taints      the node's taints: NoSchedule/NoExecute bar apps that do not tolerate them all,
 *                    PreferNoSchedule only lowers the node's rank for them
 */
public record NodeSpec(
        String name,
        Map<String, String> labels,
        Resources allocatable,
        int maxPods,
        boolean schedulable,
        PortRange portRange,
        List<Taint> taints) {

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Objects.requireNonNull(allocatable, "allocatable");
        portRange = portRange == null ? PortRange.DEFAULT : portRange;
        taints = taints == null ? List.of() : List.copyOf(taints);
    }

    /** A node without taints. */
    public NodeSpec(
            String name,
            Map<String, String> labels,
            Resources allocatable,
            int maxPods,
            boolean schedulable,
            PortRange portRange) {
        this(name, labels, allocatable, maxPods, schedulable, portRange, List.of());
    }

    public NodeSpec withTaints(List<Taint> t) {
        return new NodeSpec(name, labels, allocatable, maxPods, schedulable, portRange, t);
    }

    /** A schedulable node with the default port range and no pod-count limit. */
    public static NodeSpec of(String name, Map<String, String> labels, Resources allocatable) {
        return new NodeSpec(name, labels, allocatable, 0, true, PortRange.DEFAULT, List.of());
    }
}

package dev.datacenter.operator.placement;

import java.util.List;

/**
 * "Why is instance i on node n".
 *
 * @param offered   the free resources the node offered the pool at the decision (null for tasks the engine
 *                  did not place itself, e.g. found running at start)
 * @param satisfied how the node satisfies each constraint and colocation rule
 * @param assumed   true while the decision is not yet committed
 */
public record PlacementExplanation(
        String appKey,
        int instance,
        String node,
        String pool,
        Resources resources,
        Resources offered,
        List<String> satisfied,
        List<Integer> hostPorts,
        boolean assumed) {}

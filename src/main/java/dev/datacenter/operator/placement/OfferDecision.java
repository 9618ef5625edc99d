package dev.datacenter.operator.placement;

import java.util.List;

/**
 * An accepted offer: instance {@code instance} of {@code appKey} goes to {@code node}. Already assumed in the
 * engine when returned; the caller writes the pod, then calls {@link PlacementEngine#commit} or
 * {@link PlacementEngine#rollback}.
 *
 * @param taskId      the engine's task id, {@link RunningTask#instanceId(String, int)}
 * @param hostPorts   assigned host ports, one per requested port index
 * @param resources   the instance's resources
 * @param offered     the free resources the node offered the pool just before acceptance
 * @param satisfied   how the node satisfied each constraint and colocation rule
 */
public record OfferDecision(
        String appKey,
        int instance,
        String taskId,
        String node,
        String pool,
        List<Integer> hostPorts,
        Resources resources,
        Resources offered,
        List<String> satisfied) {}

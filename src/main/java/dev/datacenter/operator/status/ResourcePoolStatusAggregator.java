package dev.datacenter.operator.status;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/**
 * The status a ResourcePool should have: its share figures from the allocation loop's newest cycle, and
 * {@code Ready}: False with {@code Invalid} (a rule the schema could not catch) or {@code NoNodes} (the
 * selector matches no node), else True ({@code PoolReady}, or {@code OverLimit} when more is allocated
 * than a lowered limit allows: reported, nothing is stopped).
 */
public final class ResourcePoolStatusAggregator {

    /**
     * What the reconciler observed.
     *
     * @param matchingNodes nodes of the cluster the selector matches (schedulable or not)
     * @param problem       what makes the pool unusable, or null
     * @param shares        a status holding only the share figures (nodes, capacity ... mem), or null before the first cycle
     * @param overLimit     what exceeds the limit, or null
     */
    public record Observation(int matchingNodes, String problem, ResourcePoolStatus shares, String overLimit) {}

    public ResourcePoolStatus aggregate(ResourcePool pool, Observation observed, Instant now) {
        ResourcePoolStatus previous = pool.getStatus() == null ? new ResourcePoolStatus() : pool.getStatus();
        ResourcePoolStatus status = copyShares(observed.shares() != null ? observed.shares() : previous);
        Long generation = pool.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        if (observed.shares() == null || observed.problem() != null) {
            status.setNodes(observed.problem() == null ? observed.matchingNodes() : 0);
        }
        Condition ready = ready(observed, status.getNodes() == null ? 0 : status.getNodes(), generation, now);
        status.setConditions(Conditions.keepTransitionTimes(previous.getConditions(), List.of(ready)));
        return status;
    }

    private static Condition ready(Observation o, int schedulable, Long generation, Instant now) {
        if (o.problem() != null) {
            return Conditions.of(ConditionReasons.READY, false, ConditionReasons.INVALID, o.problem(), generation, now);
        }
        if (o.matchingNodes() == 0) {
            return Conditions.of(
                    ConditionReasons.READY,
                    false,
                    ConditionReasons.NO_NODES,
                    "the pool's nodeSelector matches no node",
                    generation,
                    now);
        }
        String nodes = o.matchingNodes() + (o.matchingNodes() == 1 ? " node matches" : " nodes match")
                + " the pool's nodeSelector, " + schedulable + " schedulable";
        if (o.overLimit() != null) {
            return Conditions.of(
                    ConditionReasons.READY,
                    true,
                    ConditionReasons.OVER_LIMIT,
                    o.overLimit() + "; running instances are kept, new ones wait; " + nodes,
                    generation,
                    now);
        }
        return Conditions.of(ConditionReasons.READY, true, ConditionReasons.POOL_READY, nodes, generation, now);
    }

    private static ResourcePoolStatus copyShares(ResourcePoolStatus from) {
        ResourcePoolStatus status = new ResourcePoolStatus();
        status.setNodes(from.getNodes());
        status.setCapacity(from.getCapacity());
        status.setAllocated(from.getAllocated());
        status.setReserved(from.getReserved());
        status.setGuaranteed(from.getGuaranteed());
        status.setDominantShare(from.getDominantShare());
        status.setWeightedShare(from.getWeightedShare());
        status.setApps(from.getApps());
        status.setPendingInstances(from.getPendingInstances());
        status.setPreemptions(from.getPreemptions());
        status.setCpu(from.getCpu());
        status.setMem(from.getMem());
        return status;
    }
}

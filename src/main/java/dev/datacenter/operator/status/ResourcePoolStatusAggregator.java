package dev.datacenter.operator.status;

import java.time.Instant;
import java.util.List;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolStatus;
import io.fabric8.kubernetes.api.model.Condition;

/**
 * The status a ResourcePool should have from the number of nodes its selector matches (or the reason
 * the selector is invalid). The share figures are the allocation loop's and are kept as they were.
 */
public final class ResourcePoolStatusAggregator {

    /** @param matchingNodes nodes the pool's selector matches; ignored when {@code selectorProblem} is set */
    public ResourcePoolStatus aggregate(ResourcePool pool, int matchingNodes, String selectorProblem, Instant now) {
        ResourcePoolStatus previous = pool.getStatus() == null ? new ResourcePoolStatus() : pool.getStatus();
        ResourcePoolStatus status = carryOver(previous);
        Long generation = pool.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        status.setNodes(selectorProblem == null ? matchingNodes : 0);
        Condition ready = ready(matchingNodes, selectorProblem, generation, now);
        status.setConditions(Conditions.keepTransitionTimes(previous.getConditions(), List.of(ready)));
        return status;
    }

    private static Condition ready(int nodes, String selectorProblem, Long generation, Instant now) {
        if (selectorProblem != null) {
            return Conditions.of(ConditionReasons.READY, false, ConditionReasons.INVALID, selectorProblem, generation, now);
        }
        if (nodes == 0) {
            return Conditions.of(ConditionReasons.READY, false, ConditionReasons.NO_NODES,
                    "the pool's nodeSelector matches no node", generation, now);
        }
        return Conditions.of(ConditionReasons.READY, true, ConditionReasons.POOL_READY,
                nodes + (nodes == 1 ? " node matches" : " nodes match") + " the pool's nodeSelector", generation, now);
    }

    private static ResourcePoolStatus carryOver(ResourcePoolStatus previous) {
        ResourcePoolStatus status = new ResourcePoolStatus();
        status.setCapacity(previous.getCapacity());
        status.setAllocated(previous.getAllocated());
        status.setReserved(previous.getReserved());
        status.setGuaranteed(previous.getGuaranteed());
        status.setDominantShare(previous.getDominantShare());
        status.setWeightedShare(previous.getWeightedShare());
        status.setApps(previous.getApps());
        status.setPendingInstances(previous.getPendingInstances());
        status.setCpu(previous.getCpu());
        status.setMem(previous.getMem());
        return status;
    }
}

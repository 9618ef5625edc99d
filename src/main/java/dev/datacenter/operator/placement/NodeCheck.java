package dev.datacenter.operator.placement;

import java.util.EnumMap;
import java.util.Map;

/**
 * The per-node checks for one instance, in Marathon's reject-summary order: role, schedulable, taints, refused, pin,
 * constraint, cpus, mem, disk, gpus, ports, scarce. Counts every evaluation for the offer statistics.
 */
final class NodeCheck {

    private long evaluated;
    private long evaluatedTotal;
    private final Map<DeclineReason, Long> declined = new EnumMap<>(DeclineReason.class);

    void resetCycle() {
        evaluated = 0;
        declined.clear();
    }

    /** Records a refusal made before any node was evaluated (a pool-level one). */
    void decline(DeclineReason reason) {
        declined.merge(reason, 1L, Long::sum);
    }

    /** Checks and records the outcome as an offer made (and declined when a reason is returned). */
    DeclineReason offer(NodeState n, PlacementRequest r, boolean scarceAllowed) {
        evaluated++;
        evaluatedTotal++;
        DeclineReason reason = check(n, r, scarceAllowed);
        if (reason != null) declined.merge(reason, 1L, Long::sum);
        return reason;
    }

    /** The first failing check, or null when the node can take the instance. Does not count. */
    static DeclineReason check(NodeState n, PlacementRequest r, boolean scarceAllowed) {
        if (!n.present()) return DeclineReason.NodeUnschedulable;
        if (!n.groups().contains(r.pool().group())) return DeclineReason.UnfulfilledRole;
        if (!n.spec().schedulable() || n.podsFull()) return DeclineReason.NodeUnschedulable;
        if (n.hardTaints() != null && !r.app().toleratesAll(n.hardTaints())) return DeclineReason.UntoleratedTaint;
        if (r.app().barred(r.instance(), n.name())) return DeclineReason.RefusedByNode;
        if (r.pin() != null && !r.pin().node().equals(n.name())) return DeclineReason.PinnedNodeUnavailable;
        if (!r.app().rules().accepts(n, r)) return DeclineReason.UnfulfilledConstraint;
        DeclineReason shortfall = r.resources().shortfall(r.freeOn(n));
        if (shortfall != null) return shortfall;
        if (r.app().portRequest().length > 0 && !n.ports().canAssign(r.app().portRequest()))
            return DeclineReason.InsufficientPorts;
        if (!scarceAllowed && r.pin() == null && !r.app().wantsGpu() && n.gpuNode())
            return DeclineReason.DeclinedScarceResources;
        return null;
    }

    Map<DeclineReason, Long> declined() {
        return declined;
    }

    long evaluated() {
        return evaluated;
    }

    long evaluatedTotal() {
        return evaluatedTotal;
    }
}

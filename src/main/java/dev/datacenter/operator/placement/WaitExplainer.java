package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link WaitingExplanation}: one pass over the nodes, each requirement checked on its own. A
 * decline reason with no check of its own here (one added to {@link NodeCheck} later) is still counted,
 * from the node's first failing check, so every reason of the enum can appear.
 */
final class WaitExplainer {

    static final int CLOSEST = 5;

    private WaitExplainer() {}

    static WaitingExplanation explain(EngineState state, AppState a) {
        int pending = a.placeable() ? a.waiting().size() : 0;
        if (!a.placeable()) {
            return new WaitingExplanation(
                    a.key(), a.spec().pool(), a.waiting().size(), -1, 0, List.of(), List.of(), a.errors());
        }
        int instance = representative(a);
        PlacementRequest r = new PlacementRequest(a, instance, state.inventory(), state.apps());
        Map<String, DeclineReason> names = names(a, r);
        Map<String, int[]> declined = new LinkedHashMap<>();
        names.keySet().forEach(k -> declined.put(k, new int[1]));
        Map<DeclineReason, int[]> other = new EnumMap<>(DeclineReason.class);
        List<WaitingExplanation.NodeFit> fits = new ArrayList<>();
        Map<String, Double> room = new java.util.HashMap<>();
        int nodes = 0;
        for (NodeState n : state.inventory().nodes().values()) {
            if (!n.present()) continue;
            nodes++;
            List<String> failed = failures(state, a, r, n);
            for (String f : failed) declined.get(f)[0]++;
            DeclineReason first = NodeCheck.check(n, r, true);
            if (first != null && !names.containsValue(first)) {
                other.computeIfAbsent(first, k -> new int[1])[0]++;
                failed = new ArrayList<>(failed);
                failed.add(first.name());
            }
            Resources free = r.freeOn(n);
            fits.add(new WaitingExplanation.NodeFit(n.name(), List.copyOf(failed), free));
            room.put(n.name(), room(r.resources(), free));
        }
        List<WaitingExplanation.Requirement> requirements = new ArrayList<>();
        for (DeclineReason reason : DeclineReason.values()) {
            names.forEach((name, rr) -> {
                if (rr == reason) {
                    int d = declined.get(name)[0];
                    requirements.add(new WaitingExplanation.Requirement(name, reason, 0, d));
                }
            });
            int[] o = other.get(reason);
            if (o != null) requirements.add(new WaitingExplanation.Requirement(reason.name(), reason, 0, o[0]));
        }
        int total = nodes;
        List<WaitingExplanation.Requirement> counted = requirements.stream()
                .map(q -> new WaitingExplanation.Requirement(q.name(), q.reason(), total - q.declined(), q.declined()))
                .toList();
        fits.sort(Comparator.comparingInt(
                        (WaitingExplanation.NodeFit f) -> f.failed().size())
                .thenComparing(f -> -room.get(f.node()))
                .thenComparing(WaitingExplanation.NodeFit::node));
        return new WaitingExplanation(
                a.key(),
                a.spec().pool(),
                pending,
                instance,
                nodes,
                counted,
                List.copyOf(fits.subList(0, Math.min(CLOSEST, fits.size()))),
                a.errors());
    }

    /** The requirements that apply to this app, by name, with the reason a node failing each gives. */
    private static Map<String, DeclineReason> names(AppState a, PlacementRequest r) {
        Map<String, DeclineReason> out = new LinkedHashMap<>();
        out.put("pool " + a.pool().name(), DeclineReason.UnfulfilledRole);
        out.put("schedulable", DeclineReason.NodeUnschedulable);
        if (r.pin() != null) out.put("pinned to " + r.pin().node(), DeclineReason.PinnedNodeUnavailable);
        for (ConstraintEvaluator.Rule rule : a.rules().rules()) {
            out.put(rule.constraint().toString(), DeclineReason.UnfulfilledConstraint);
        }
        for (Colocation c : a.spec().colocateWith()) {
            out.put("colocateWith " + c.appKey() + " on " + c.field(), DeclineReason.UnfulfilledConstraint);
        }
        out.put("cpus", DeclineReason.InsufficientCpus);
        out.put("mem", DeclineReason.InsufficientMemory);
        out.put("disk", DeclineReason.InsufficientDisk);
        out.put("gpus", DeclineReason.InsufficientGpus);
        if (a.portRequest().length > 0) out.put("ports", DeclineReason.InsufficientPorts);
        if (!a.wantsGpu() && r.pin() == null)
            out.put("no GPU node for a non-GPU app", DeclineReason.DeclinedScarceResources);
        out.put("pool limit and guarantees", DeclineReason.PoolLimitReached);
        return out;
    }

    /** The names of the requirements node {@code n} fails, in {@link #names} order. */
    private static List<String> failures(EngineState state, AppState a, PlacementRequest r, NodeState n) {
        List<String> out = new ArrayList<>();
        if (!n.groups().contains(r.pool().group())) out.add("pool " + a.pool().name());
        if (!n.spec().schedulable() || n.podsFull()) out.add("schedulable");
        if (r.pin() != null && !r.pin().node().equals(n.name()))
            out.add("pinned to " + r.pin().node());
        for (int i = 0; i < a.rules().rules().size(); i++) {
            if (!a.rules().acceptsRule(i, n, r))
                out.add(a.rules().rules().get(i).constraint().toString());
        }
        List<Colocation> coloc = a.spec().colocateWith();
        for (int i = 0; i < coloc.size(); i++) {
            if (!a.rules().acceptsColocation(i, n, r)) {
                out.add("colocateWith " + coloc.get(i).appKey() + " on "
                        + coloc.get(i).field());
            }
        }
        Resources want = r.resources();
        Resources free = r.freeOn(n);
        if (want.cpus() > free.cpus()) out.add("cpus");
        if (want.mem() > free.mem()) out.add("mem");
        if (want.disk() > free.disk()) out.add("disk");
        if (want.gpus() > free.gpus()) out.add("gpus");
        if (a.portRequest().length > 0 && !n.ports().canAssign(a.portRequest())) out.add("ports");
        if (!a.wantsGpu() && r.pin() == null && n.gpuNode()) out.add("no GPU node for a non-GPU app");
        if (!PoolAdmission.admits(
                a.pool(), PoolAdmission.growth(a.pool(), n, want), state.ledger(), state.inventory())) {
            out.add("pool limit and guarantees");
        }
        return out;
    }

    /** How many instances of this size the free resources hold (the smallest ratio over what is asked). */
    private static double room(Resources want, Resources free) {
        double room = Double.MAX_VALUE;
        if (want.cpus() > 0) room = Math.min(room, (double) free.cpus() / want.cpus());
        if (want.mem() > 0) room = Math.min(room, (double) free.mem() / want.mem());
        if (want.disk() > 0) room = Math.min(room, (double) free.disk() / want.disk());
        if (want.gpus() > 0) room = Math.min(room, (double) free.gpus() / want.gpus());
        return room == Double.MAX_VALUE ? 0 : room;
    }

    /** The first unpinned waiting instance, else the first waiting one, else the next ordinal after the placed ones. */
    private static int representative(AppState a) {
        for (int i : a.waiting()) if (!a.spec().pins().containsKey(i)) return i;
        if (!a.waiting().isEmpty()) return a.waiting().first();
        int next = 0;
        for (int i : a.instances().keySet()) next = Math.max(next, i + 1);
        return next;
    }
}

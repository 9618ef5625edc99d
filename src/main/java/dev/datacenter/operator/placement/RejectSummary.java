package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Marathon's reject summary: for an app's first unpinned waiting instance (else its first), each node counted once by its first failing check. */
final class RejectSummary {

    private RejectSummary() {}

    static List<PendingSummary.ReasonCount> of(EngineState state, AppState a) {
        NodeInventory inventory = state.inventory();
        if (a.waiting().isEmpty() || !a.placeable()) return List.of();
        PlacementRequest r = new PlacementRequest(a, representative(a), inventory, state.apps());
        Map<DeclineReason, Integer> counts = new EnumMap<>(DeclineReason.class);
        for (NodeState n : inventory.nodes().values()) {
            if (!n.present()) continue;
            DeclineReason reason = NodeCheck.check(n, r, false);
            if (reason == null
                    && !PoolAdmission.admits(
                            a.pool(), PoolAdmission.growth(a.pool(), n, r.resources()), state.ledger(), inventory)) {
                reason = DeclineReason.PoolLimitReached;
            }
            if (reason != null) counts.merge(reason, 1, Integer::sum);
        }
        List<PendingSummary.ReasonCount> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new PendingSummary.ReasonCount(k, v)));
        out.sort((x, y) -> x.nodes() != y.nodes()
                ? Integer.compare(y.nodes(), x.nodes())
                : x.reason().compareTo(y.reason()));
        return List.copyOf(out);
    }

    /** The first waiting instance without a pin (it speaks for all unpinned ones), else the first waiting one. */
    private static int representative(AppState a) {
        for (int i : a.waiting()) if (a.pinOf(i) == null) return i;
        return a.waiting().first();
    }
}

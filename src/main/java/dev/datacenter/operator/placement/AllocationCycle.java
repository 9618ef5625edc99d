package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass of level 1 and level 2: pools take turns by weighted DRF, apps within a pool by DRF, one instance
 * per turn; each turn searches a node ({@link NodeSearch}), admits the pool's growth ({@link PoolAdmission})
 * and assumes the placement ({@link TaskAccounting}).
 */
final class AllocationCycle {

    private final EngineState state;
    private final TaskAccounting accounting;
    private final NodeInventory inventory;
    private final NodeCheck check;
    private final NodeSearch search;
    private final PoolLedger ledger;
    private final Map<String, AppState> apps;
    /** Pool-level refusals (limit or others' guarantees) this cycle: offers declined before any node was evaluated. */
    private long gateDeclines;

    AllocationCycle(EngineState state, TaskAccounting accounting) {
        this.state = state;
        this.accounting = accounting;
        this.inventory = state.inventory();
        this.check = state.check();
        this.search = state.search();
        this.ledger = state.ledger();
        this.apps = state.apps();
    }

    /**
     * One DRF pass over the candidates (which must be sorted by app key); returns the non-GPU apps that may
     * still fit on GPU nodes. Apps refused by their pool's limit or by others' guarantees go to {@code limited}.
     */
    List<AppState> runDrf(
            List<AppState> candidates, boolean fallback, List<OfferDecision> out, List<AppState> limited) {
        Resources capacity = inventory.capacity();
        search.refreshHint(apps, state.version());
        List<PoolState> active = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            AppState a = candidates.get(i);
            a.enterPass(i);
            PoolState p = a.pool();
            if (p.openQueue()) active.add(p);
            p.queue().add(a, DominantResourceFairness.share(a, capacity), a.rank());
        }
        active.sort(Comparator.comparing((PoolState p) -> p.name()));
        FairQueue<PoolState> order = new FairQueue<>();
        for (int i = 0; i < active.size(); i++) {
            PoolState p = active.get(i);
            p.rankInPass(i);
            order.add(p, DominantResourceFairness.weightedShare(p, capacity), p.rank());
        }
        List<AppState> scarce = new ArrayList<>();
        Map<String, Placement> failedShapes = new HashMap<>();
        // the pool and app whose turn it is stay at the top of their queues and are re-keyed in place after the
        // turn (or polled when done): the same order as polling and re-adding them, with half the heap work
        while (!order.isEmpty()) {
            PoolState p = order.peek();
            AppState a = p.queue().peek();
            Integer ord = a.nextCandidate();
            if (ord != null && a.spec().gang() != null) {
                GangTurn turn = placeGang(a, fallback, out);
                if (!turn.placed) {
                    for (AppState m : turn.members) m.failUnpinned();
                    if (turn.limited) limited.add(a);
                    else if (turn.tried
                            && !fallback
                            && !a.wantsGpu()
                            && !p.group().gpu().isEmpty()) scarce.add(a);
                }
                if (a.nextCandidate() != null) p.queue().rekeyTop(DominantResourceFairness.share(a, capacity));
                else p.queue().poll();
            } else if (ord != null) {
                boolean pinned = a.pinOf(ord) != null;
                boolean individual = a.individual(ord);
                Placement outcome = individual || a.shape() == null ? null : failedShapes.get(a.shape());
                if (outcome == null) {
                    outcome = tryPlace(a, ord, fallback);
                    if (outcome.decision == null && !individual && a.shape() != null)
                        failedShapes.put(a.shape(), outcome);
                }
                if (outcome.decision != null) {
                    out.add(outcome.decision);
                } else if (pinned) {
                    a.failPinned(ord);
                } else {
                    if (individual) a.failPinned(ord);
                    else a.failUnpinned();
                    if (a.listAfterFailure()) { // once per app and pass, though barred instances fail one by one
                        if (outcome.limited) limited.add(a);
                        else if (!fallback && !a.wantsGpu() && !p.group().gpu().isEmpty()) scarce.add(a);
                    }
                }
                if (a.nextCandidate() != null) p.queue().rekeyTop(DominantResourceFairness.share(a, capacity));
                else p.queue().poll();
            } else {
                p.queue().poll();
            }
            if (p.queue().isEmpty()) {
                p.closeQueue();
                order.poll();
            } else {
                order.rekeyTop(DominantResourceFairness.weightedShare(p, capacity));
            }
        }
        return scarce;
    }

    private record Placement(OfferDecision decision, boolean limited) {}

    private record GangTurn(List<AppState> members, boolean placed, boolean limited, boolean tried) {}

    /**
     * Every waiting instance of the gang in this one turn, or none: each is assumed in turn, and when one finds
     * no node all those assumed in this turn are rolled back. Nothing is tried before every member is known.
     */
    private GangTurn placeGang(AppState a, boolean fallback, List<OfferDecision> out) {
        List<AppState> members = Gangs.members(state, a);
        if (Gangs.known(members) < a.spec().gangSize()) return new GangTurn(members, false, false, false);
        for (AppState m : members) {
            if (!m.placeable()) return new GangTurn(members, false, false, false);
        }
        List<OfferDecision> made = new ArrayList<>();
        for (AppState m : members) {
            for (int ord : new ArrayList<>(m.waiting())) {
                Placement outcome = tryPlace(m, ord, fallback);
                if (outcome.decision == null) {
                    for (int i = made.size() - 1; i >= 0; i--)
                        accounting.remove(made.get(i).taskId());
                    return new GangTurn(members, false, outcome.limited, true);
                }
                made.add(outcome.decision);
            }
        }
        out.addAll(made);
        return new GangTurn(members, true, false, true);
    }

    private Placement tryPlace(AppState a, int ord, boolean fallback) {
        PoolState p = a.pool();
        Resources req = a.spec().resources();
        if (p.reservedUnused().isZero() && !PoolAdmission.admits(p, req, ledger, inventory)) {
            gateDeclines++;
            check.decline(DeclineReason.PoolLimitReached);
            return new Placement(null, true);
        }
        PlacementRequest r = new PlacementRequest(a, ord, inventory, apps);
        NodeState n = search.find(r, fallback);
        if (n == null) return new Placement(null, false);
        if (!PoolAdmission.admits(p, PoolAdmission.growth(p, n, req), ledger, inventory)) {
            check.decline(DeclineReason.PoolLimitReached);
            return new Placement(null, true);
        }
        return new Placement(place(a, ord, n, r), false);
    }

    private OfferDecision place(AppState a, int ord, NodeState n, PlacementRequest r) {
        Resources offered = r.freeOn(n);
        List<Integer> ports =
                a.portRequest().length == 0 ? List.of() : n.ports().assign(a.portRequest());
        List<String> satisfied =
                a.rules().rules().isEmpty() && a.spec().colocateWith().isEmpty()
                        ? List.of()
                        : a.rules().describe(n, a);
        String id = RunningTask.instanceId(a.key(), ord);
        OfferDecision d = new OfferDecision(
                a.key(), ord, id, n.name(), a.pool().name(), ports, a.spec().resources(), offered, satisfied);
        TaskRecord t = new TaskRecord(id, a.key(), ord, n.name(), a.spec().resources(), ports, true, Long.MAX_VALUE, d);
        state.advanceVersion();
        accounting.add(t, a, n, true);
        return d;
    }

    void startCycle() {
        gateDeclines = 0;
    }

    long gateDeclines() {
        return gateDeclines;
    }
}

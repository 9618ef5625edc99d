package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses victims for pools whose preemption is enabled and whose waiting work fits nowhere.
 *
 * <p>Rules, in the order they apply:
 * <ul>
 *   <li>A pool preempts for an instance only while that instance keeps it within its target: with
 *       {@code TO_GUARANTEE}, its consumption plus the instance stays within its guarantee in every resource the
 *       guarantee names, and the instance needs some such resource; with {@code TO_FAIR_SHARE}, that, or its
 *       dominant share with the instance stays within its weighted fair share (weight over the weights of pools
 *       with consumption or demand). Never past its limit. Room already nominated for it counts as its own.</li>
 *   <li>Within the pool, waiting apps preempt in the order of their turns in placement: the highest
 *       {@link AppSpec#priority()} first, then the smallest dominant share, then the key. So a waiting app of a
 *       lower priority never takes the room the pool may still claim before one of a higher priority.</li>
 *   <li>Victims are running tasks of our apps in other pools (never foreign pods, never assumed placements,
 *       never tasks already being evicted or whose eviction was refused lately).</li>
 *   <li>A victim pool stays at or above its whole guarantee (every resource it names) after the eviction;
 *       when the preemptor grows beyond its own guarantee (fair-share preemption), or the victim pool itself
 *       preempts to its fair share, the victim pool also keeps at least its weighted fair share. So a pool never
 *       takes back what another took while at or below its target: no ping-pong.</li>
 *   <li>A victim app keeps its {@code minimumHealthCapacity}: at most {@link AppSpec#disruptionBudget()} of its
 *       instances are taken, counting evictions still in flight.</li>
 *   <li>No useless kills: a node is chosen only when the instance passes there every check but resources,
 *       and fits once the victims are gone (simulated on the node's accounting, reservations included).</li>
 *   <li>Fewest victims first (exact on nodes with few candidates, greedy-then-pruned beyond), then the lowest
 *       highest priority among them, then the lowest priority sum, then the node name; on a node, candidates are
 *       tried lowest priority first, then youngest first.</li>
 * </ul>
 */
final class Preemptor {

    /** Above this many candidates on a node the exact search gives way to greedy-then-pruned. */
    static final int EXACT_CANDIDATES = 16;
    /** Subset checks allowed per node in the exact search. */
    static final int EXACT_BUDGET = 20_000;

    private final EngineState state;
    private final TaskAccounting accounting;
    private final NodeInventory inventory;
    private final Map<String, AppState> apps;

    /** Resources being freed by evictions in flight, by pool and by node; evictions in flight by app. */
    private final Map<String, Resources> evictingByPool = new HashMap<>();

    private final Map<String, Resources> evictingByNode = new HashMap<>();
    private final Map<String, Integer> evictingByApp = new HashMap<>();
    private final Map<String, Resources> nominatedByPool = new HashMap<>();
    private double activeWeight;

    Preemptor(EngineState state, TaskAccounting accounting) {
        this.state = state;
        this.accounting = accounting;
        this.inventory = state.inventory();
        this.apps = state.apps();
    }

    /** Whether any pool with preemption enabled has waiting work not yet nominated (cheap). */
    boolean wanted() {
        for (PoolState p : state.pools().values()) {
            if (p.declared() && p.spec().preemption() != PoolSpec.Preemption.NEVER && p.demand() > 0) return true;
        }
        return false;
    }

    /** Ends nominations and evictions past their deadline, and nominations of instances no longer waiting. */
    void expire() {
        long now = state.now();
        state.expireEvictions(now);
        for (EngineState.Nomination nm : new ArrayList<>(state.nominations().values())) {
            AppState a = apps.get(nm.appKey());
            boolean stale = a == null || !a.waiting().contains(nm.instance());
            if (stale || nm.deadline() <= now) accounting.dropNomination(nm.appKey(), nm.instance());
        }
    }

    List<Preemption> run(long nominationTimeoutMillis) {
        List<Preemption> out = new ArrayList<>();
        if (!wanted()) return out;
        tally();
        for (PoolState p : state.pools().values()) {
            if (!p.declared() || p.spec().preemption() == PoolSpec.Preemption.NEVER || p.demand() == 0) continue;
            for (AppState a : inTurnOrder(p)) {
                for (int ord : new ArrayList<>(a.waiting())) {
                    if (a.pinOf(ord) != null) continue;
                    Mode mode = mayGrow(p, a.spec().resources());
                    if (mode == null) break;
                    Choice c = choose(p, a, ord, mode);
                    if (c == null) break; // its other instances are alike: they would not fit either
                    out.add(apply(p, a, ord, c, nominationTimeoutMillis));
                }
            }
        }
        return out;
    }

    /**
     * The pool's waiting apps in the order its turns go to them ({@link DominantResourceFairness}): the highest
     * priority first, then the smallest dominant share, then the key. So the room a preemption makes goes to the
     * app placement would give it to, not to whichever app's key comes first.
     */
    private List<AppState> inTurnOrder(PoolState p) {
        List<AppState> waiting = new ArrayList<>();
        for (AppState a : p.apps().values()) if (a.placeable() && !a.waiting().isEmpty()) waiting.add(a);
        if (waiting.size() < 2) return waiting;
        Resources capacity = inventory.capacity();
        Map<AppState, Double> share = new HashMap<>();
        for (AppState a : waiting) share.put(a, DominantResourceFairness.share(a, capacity));
        waiting.sort(Comparator.comparingDouble((AppState a) -> share.get(a)).thenComparing(AppState::key));
        return waiting;
    }

    // ------------------------------------------------------------------ the pools' standing

    private enum Mode {
        GUARANTEE,
        FAIR_SHARE
    }

    private void tally() {
        evictingByPool.clear();
        evictingByNode.clear();
        evictingByApp.clear();
        nominatedByPool.clear();
        for (String id : state.evicting().keySet()) {
            TaskRecord t = state.tasks().get(id);
            if (t == null) continue;
            if (t.pool() != null) evictingByPool.merge(t.pool(), t.resources(), Resources::plus);
            evictingByNode.merge(t.node(), t.resources(), Resources::plus);
            if (t.appKey() != null) evictingByApp.merge(t.appKey(), 1, Integer::sum);
        }
        for (EngineState.Nomination nm : state.nominations().values())
            nominatedByPool.merge(nm.pool(), nm.resources(), Resources::plus);
        activeWeight = 0;
        for (PoolState p : state.pools().values()) {
            if (p.declared() && (p.demand() > 0 || !p.consumption().isZero() || nominatedByPool.containsKey(p.name())))
                activeWeight += p.spec().weight();
        }
    }

    /** What the pool will hold once nominations are placed and evictions in flight are done. */
    private Resources projected(PoolState p) {
        return p.consumption()
                .plus(nominatedByPool.getOrDefault(p.name(), Resources.ZERO))
                .minus(evictingByPool.getOrDefault(p.name(), Resources.ZERO));
    }

    private double fairFraction(PoolState p) {
        return activeWeight <= 0 ? 1 : p.spec().weight() / activeWeight;
    }

    /** Why the pool may preempt for {@code req} now, or null when that would take it past its target. */
    private Mode mayGrow(PoolState p, Resources req) {
        Resources after = projected(p).plus(req);
        if (!req.fitsUnder(projected(p), p.spec().limit())) return null;
        if (withinGuarantee(after, req, p.spec().guarantee())) return Mode.GUARANTEE;
        if (p.spec().preemption() == PoolSpec.Preemption.TO_FAIR_SHARE
                && after.dominantShare(inventory.capacity()) <= fairFraction(p) + 1e-12) return Mode.FAIR_SHARE;
        return null;
    }

    /** {@code after} within the guarantee in every resource it names, {@code req} needing one of them. */
    private static boolean withinGuarantee(Resources after, Resources req, Resources g) {
        boolean needs = (g.cpus() > 0 && req.cpus() > 0)
                || (g.mem() > 0 && req.mem() > 0)
                || (g.gpus() > 0 && req.gpus() > 0)
                || (g.disk() > 0 && req.disk() > 0);
        return needs
                && (g.cpus() == 0 || after.cpus() <= g.cpus())
                && (g.mem() == 0 || after.mem() <= g.mem())
                && (g.gpus() == 0 || after.gpus() <= g.gpus())
                && (g.disk() == 0 || after.disk() <= g.disk());
    }

    /** Whether pool {@code v} may lose {@code removed} (beyond what it already loses) for a preemptor in {@code mode}. */
    private boolean mayLose(PoolState v, Resources removed, Mode mode) {
        Resources after = projected(v).minus(removed);
        Resources g = v.spec().guarantee();
        if ((g.cpus() > 0 && after.cpus() < g.cpus())
                || (g.mem() > 0 && after.mem() < g.mem())
                || (g.gpus() > 0 && after.gpus() < g.gpus())
                || (g.disk() > 0 && after.disk() < g.disk())) return false;
        if (mode == Mode.FAIR_SHARE || v.spec().preemption() == PoolSpec.Preemption.TO_FAIR_SHARE)
            return after.dominantShare(inventory.capacity()) >= fairFraction(v) - 1e-12;
        return true;
    }

    // ------------------------------------------------------------------ the victims

    /** A node and the victims there whose eviction lets the instance fit. */
    private record Choice(NodeState node, List<TaskRecord> victims, int maxPriority, long prioritySum) {
        boolean betterThan(Choice o) {
            if (o == null) return true;
            if (victims.size() != o.victims.size()) return victims.size() < o.victims.size();
            if (maxPriority != o.maxPriority) return maxPriority < o.maxPriority;
            if (prioritySum != o.prioritySum) return prioritySum < o.prioritySum;
            return node.name().compareTo(o.node.name()) < 0;
        }
    }

    private Choice choose(PoolState p, AppState a, int ord, Mode mode) {
        PlacementRequest r = new PlacementRequest(a, ord, inventory, apps);
        Resources req = a.spec().resources();
        Choice best = null;
        List<TaskRecord> candidates = new ArrayList<>();
        int lowest = lowestPriority(p);
        for (NodeState n : p.group().members().values()) {
            // one victim of the lowest priority there is: no node can do better (later nodes lose on the name)
            if (best != null && best.victims.size() == 1 && best.maxPriority <= lowest) break;
            if (!n.offerable() || !a.rules().accepts(n, r)) continue;
            if (n.hardTaints() != null && !a.toleratesAll(n.hardTaints())) continue; // no kill on a node it cannot use
            if (a.barred(ord, n.name())) continue;
            if (a.portRequest().length > 0 && !n.ports().canAssign(a.portRequest())) continue;
            if (!a.wantsGpu() && n.gpuNode()) continue;
            Resources before = freeAfter(n, p, List.of());
            if (req.fitsIn(before) && !n.podsFull()) continue; // fits (once evictions in flight end) without victims
            candidates.clear();
            Resources evictable = Resources.ZERO;
            for (TaskRecord t : n.tasks().values()) {
                if (!eligible(t, p, mode)) continue;
                candidates.add(t);
                evictable = evictable.plus(t.resources());
            }
            if (candidates.isEmpty() || !req.fitsIn(before.plus(evictable))) continue;
            candidates.sort(Preemptor::preference);
            int bound = best == null ? Integer.MAX_VALUE : best.victims.size();
            Choice c = onNode(n, p, req, mode, candidates, bound);
            if (c != null && c.betterThan(best)) best = c;
        }
        return best;
    }

    /** The lowest priority of any app outside the preemptor's pool: a bound for the early end of the search. */
    private int lowestPriority(PoolState preemptor) {
        int lowest = Integer.MAX_VALUE;
        for (PoolState v : state.pools().values()) {
            if (v == preemptor) continue;
            for (AppState a : v.apps().values())
                if (!a.instances().isEmpty()) lowest = Math.min(lowest, a.spec().priority());
        }
        return lowest;
    }

    /** Lowest priority first, then youngest (latest start, then the latest the engine learned of), then id. */
    private static int preference(TaskRecord x, TaskRecord y) {
        int px = priorityOf(x);
        int py = priorityOf(y);
        if (px != py) return Integer.compare(px, py);
        if (x.started() != y.started()) return Long.compare(y.started(), x.started());
        if (x.seq() != y.seq()) return Long.compare(y.seq(), x.seq());
        return x.id().compareTo(y.id());
    }

    private static int priorityOf(TaskRecord t) {
        return t.victimPriority();
    }

    private boolean eligible(TaskRecord t, PoolState preemptor, Mode mode) {
        if (t.appKey() == null || t.assumed() || t.pool() == null || t.pool().equals(preemptor.name())) return false;
        if (state.evicting().containsKey(t.id()) || state.refused().containsKey(t.id())) return false;
        AppState owner = apps.get(t.appKey());
        if (owner == null || owner.instances().get(t.instance()) != t) return false;
        if (owner.spec().disruptionBudget() - evictingByApp.getOrDefault(t.appKey(), 0) <= 0) return false;
        PoolState v = state.pools().get(t.pool());
        if (v == null || !v.declared()) return false;
        t.noteVictimPriority(owner.spec().priority());
        return mayLose(v, t.resources(), mode);
    }

    /** The best victim set on one node with fewer than {@code bound} victims, or null. */
    private Choice onNode(NodeState n, PoolState p, Resources req, Mode mode, List<TaskRecord> candidates, int bound) {
        List<TaskRecord> greedy = greedy(n, p, req, mode, candidates);
        if (greedy == null) return null;
        List<TaskRecord> found = greedy;
        if (greedy.size() > 1 && candidates.size() <= EXACT_CANDIDATES) {
            int[] budget = {EXACT_BUDGET};
            int limit = Math.min(greedy.size() - 1, bound);
            for (int k = 1; k <= limit; k++) {
                List<TaskRecord> exact = firstFitting(n, p, req, mode, candidates, k, budget);
                if (exact != null) {
                    found = exact;
                    break;
                }
                if (budget[0] <= 0) break;
            }
        }
        if (found.size() > bound) return null;
        int max = Integer.MIN_VALUE;
        long sum = 0;
        for (TaskRecord t : found) {
            max = Math.max(max, t.victimPriority());
            sum += t.victimPriority();
        }
        return new Choice(n, List.copyOf(found), max, sum);
    }

    /** Takes candidates in preference order until the instance fits, then drops any it does not need. */
    private List<TaskRecord> greedy(NodeState n, PoolState p, Resources req, Mode mode, List<TaskRecord> candidates) {
        List<TaskRecord> chosen = new ArrayList<>();
        for (TaskRecord t : candidates) {
            chosen.add(t);
            if (!allowed(chosen, mode)) {
                chosen.remove(chosen.size() - 1);
                continue;
            }
            if (fits(n, p, req, chosen)) break;
        }
        if (chosen.isEmpty() || !fits(n, p, req, chosen)) return null;
        for (int i = chosen.size() - 1; i >= 0 && chosen.size() > 1; i--) {
            TaskRecord t = chosen.remove(i);
            if (!fits(n, p, req, chosen)) chosen.add(i, t);
        }
        return chosen;
    }

    /** The first k-subset in preference order that is allowed and lets the instance fit. */
    private List<TaskRecord> firstFitting(
            NodeState n, PoolState p, Resources req, Mode mode, List<TaskRecord> candidates, int k, int[] budget) {
        int m = candidates.size();
        if (k > m) return null;
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        List<TaskRecord> subset = new ArrayList<>(k);
        while (true) {
            if (--budget[0] < 0) return null;
            subset.clear();
            for (int i : idx) subset.add(candidates.get(i));
            if (fits(n, p, req, subset) && allowed(subset, mode)) return new ArrayList<>(subset);
            int i = k - 1;
            while (i >= 0 && idx[i] == m - k + i) i--;
            if (i < 0) return null;
            idx[i]++;
            for (int j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
        }
    }

    /** Every victim pool keeps its floor and every victim app its health, with all of {@code victims} gone. */
    private boolean allowed(List<TaskRecord> victims, Mode mode) {
        if (victims.size() == 1) return true; // checked one by one in eligible()
        Map<String, Resources> byPool = new HashMap<>();
        Map<String, Integer> byApp = new HashMap<>();
        for (TaskRecord t : victims) {
            byPool.merge(t.pool(), t.resources(), Resources::plus);
            byApp.merge(t.appKey(), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> e : byApp.entrySet()) {
            AppState owner = apps.get(e.getKey());
            if (e.getValue() > owner.spec().disruptionBudget() - evictingByApp.getOrDefault(e.getKey(), 0))
                return false;
        }
        for (Map.Entry<String, Resources> e : byPool.entrySet()) {
            if (!mayLose(state.pools().get(e.getKey()), e.getValue(), mode)) return false;
        }
        return true;
    }

    private boolean fits(NodeState n, PoolState p, Resources req, List<TaskRecord> victims) {
        return req.fitsIn(freeAfter(n, p, victims));
    }

    /**
     * What a task of pool {@code p} could use on node {@code n} once evictions in flight there and
     * {@code victims} are gone: the node's accounting recomputed as {@link NodeState#recompute} does.
     */
    private Resources freeAfter(NodeState n, PoolState p, List<TaskRecord> victims) {
        Resources gone = evictingByNode.getOrDefault(n.name(), Resources.ZERO);
        for (TaskRecord t : victims) gone = gone.plus(t.resources());
        if (gone.isZero() && victims.isEmpty()) return n.freeFor(p.name());
        Resources avail = n.spec()
                .allocatable()
                .minus(n.used())
                .plus(gone)
                .minus(n.held())
                .clampToZero();
        if (n.reservedByPool().isEmpty()) return avail;
        Map<String, Resources> goneByPool = new HashMap<>();
        for (String id : state.evicting().keySet()) {
            TaskRecord t = n.tasks().get(id);
            if (t != null && t.pool() != null) goneByPool.merge(t.pool(), t.resources(), Resources::plus);
        }
        for (TaskRecord t : victims) goneByPool.merge(t.pool(), t.resources(), Resources::plus);
        Resources own = Resources.ZERO;
        for (Map.Entry<String, Resources> e : n.reservedByPool().entrySet()) {
            Resources used = n.usedByPool()
                    .getOrDefault(e.getKey(), Resources.ZERO)
                    .minus(goneByPool.getOrDefault(e.getKey(), Resources.ZERO));
            Resources u = e.getValue().minus(used).clampToZero().min(avail);
            if (u.isZero()) continue;
            avail = avail.minus(u);
            if (e.getKey().equals(p.name())) own = u;
        }
        return avail.plus(own);
    }

    // ------------------------------------------------------------------ the outcome

    private Preemption apply(PoolState p, AppState a, int ord, Choice c, long timeout) {
        long deadline = timeout >= Long.MAX_VALUE - state.now() ? Long.MAX_VALUE : state.now() + timeout;
        List<Preemption.Victim> victims = new ArrayList<>();
        for (TaskRecord t : c.victims) {
            state.evictionAsked(t.id(), deadline);
            evictingByPool.merge(t.pool(), t.resources(), Resources::plus);
            evictingByNode.merge(t.node(), t.resources(), Resources::plus);
            evictingByApp.merge(t.appKey(), 1, Integer::sum);
            victims.add(new Preemption.Victim(
                    t.id(), t.appKey(), t.instance(), t.pool(), t.victimPriority(), t.resources()));
        }
        Resources req = a.spec().resources();
        String id = RunningTask.instanceId(a.key(), ord);
        List<String> ids = victims.stream().map(Preemption.Victim::taskId).toList();
        accounting.nominate(
                a, ord, new EngineState.Nomination(id, a.key(), ord, p.name(), c.node.name(), req, deadline, ids));
        nominatedByPool.merge(p.name(), req, Resources::plus);
        p.countPreemptions(c.victims.size());
        state.changed();
        state.markDirty(a.key());
        return new Preemption(p.name(), a.key(), ord, c.node.name(), req, victims);
    }

    /** An eviction was refused: the victim is spared for a while and the nomination it served ends. */
    void refused(String victimTaskId, long backoffMillis) {
        Long until = state.evicting().get(victimTaskId);
        if (until == null && !state.tasks().containsKey(victimTaskId)) return;
        state.evictionRefused(victimTaskId, state.now() + backoffMillis);
        for (EngineState.Nomination nm : new ArrayList<>(state.nominations().values())) {
            if (!nm.victims().contains(victimTaskId)) continue;
            PoolState p = state.pools().get(nm.pool());
            if (p != null) p.evictionRefused();
            accounting.dropNomination(nm.appKey(), nm.instance());
        }
        state.changed();
    }
}

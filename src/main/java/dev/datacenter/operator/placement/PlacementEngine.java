package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The two-level placement engine: a long-lived, incrementally updated model of nodes, running tasks, pools
 * and apps, and an allocation cycle that offers free node resources to pools by weighted DRF (level 1) and
 * lets each app accept the nodes that satisfy its constraints, ports, GPUs, pins and colocation (level 2).
 *
 * <p>Feeding it: {@link #upsertNode}/{@link #removeNode} from the node informer, {@link #addRunningTask}/
 * {@link #removeTask} for every pod bound to a node (ours or not), {@link #upsertPool}/{@link #removePool},
 * {@link #upsertApp}/{@link #removeApp} and {@link #setPending} for which instances need a node. Then
 * {@link #allocate()} returns decisions that are already assumed (their resources are taken);
 * write each pod and {@link #commit} it, or {@link #rollback} it when the write fails or the cluster refuses it.
 *
 * <p>Changes are tracked: a cycle with nothing new does no node evaluation at all. Results are deterministic
 * for the same sequence of calls (ties broken by name). Not thread-safe: one thread (the allocation loop)
 * owns the engine.
 */
public final class PlacementEngine {

    private final EngineState state = new EngineState();
    private final TaskAccounting accounting = new TaskAccounting(state);
    private final AllocationCycle cycle = new AllocationCycle(state, accounting);
    private final Preemptor preemptor = new Preemptor(state, accounting);
    private long nominationTimeoutMillis = 120_000;
    private long refusalBackoffMillis = 30_000;
    private long preemptVersion = -1;
    private long nextPreemptDeadline = Long.MAX_VALUE;
    private final TreeMap<String, PoolState> pools = state.pools();
    private final NodeInventory inventory = state.inventory();
    private final NodeCheck check = state.check();
    private final Map<String, AppState> apps = state.apps();
    private final Map<String, TaskRecord> tasks = state.tasks();
    private final TreeSet<String> waitingApps = state.waitingApps();
    private final TreeSet<String> dirtyApps = state.dirtyApps();

    /** Extra passes within one cycle for pools that other pools' guarantees held back. */
    private static final int MAX_GUARANTEE_ROUNDS = 3;

    private long lastCycleGen = -1;
    private long cachedVersion = -1;
    private List<CycleResult.PendingApp> cachedPending = List.of();
    private List<PoolFigures> cachedPools = List.of();

    /** An engine with only the implied {@code default} pool. */
    public PlacementEngine() {
        upsertPool(PoolSpec.shared(PoolSpec.DEFAULT_POOL, 1));
    }

    // ---------------------------------------------------------------- nodes

    /** Adds or replaces a node (labels, allocatable, schedulable, port range). An equal spec is a no-op. */
    public void upsertNode(NodeSpec spec) {
        NodeState n = inventory.getOrCreate(spec.name());
        NodeSpec old = n.spec();
        if (spec.equals(old)) return;
        state.changed();
        boolean relabel = old == null || !old.labels().equals(spec.labels());
        inventory.update(n, () -> {
            n.respec(spec);
            if (relabel) {
                inventory.regroup(n);
                for (PoolState p : pools.values()) reserve(p, n);
            }
        });
        if (relabel && old != null) state.recountAppsOn(n);
    }

    /** Removes a node. Tasks recorded on it stay accounted until removed with {@link #removeTask}. */
    public void removeNode(String name) {
        NodeState n = inventory.find(name);
        if (n == null || !n.present()) return;
        state.changed();
        inventory.update(n, () -> {
            n.respec(null);
            inventory.regroup(n);
            n.clearReservations();
        });
        state.recountAppsOn(n);
        state.forgetIfEmpty(n);
    }

    // ---------------------------------------------------------------- pools

    /** Adds or replaces a pool (an equal spec is a no-op). Upserting {@code default} replaces the implied default pool. */
    public void upsertPool(PoolSpec spec) {
        PoolState p = state.poolState(spec.name());
        PoolSpec old = p.spec();
        if (p.declared() && spec.equals(old)) return;
        state.changed();
        boolean reselect = p.group() == null || !p.group().selector().equals(spec.nodeSelector());
        boolean rereserve = reselect || old == null || !old.reservations().equals(spec.reservations());
        p.declare(spec);
        if (reselect) {
            NodeGroup previous = p.selectNodes(inventory.acquire(spec.nodeSelector()));
            if (previous != null) inventory.release(previous);
        }
        if (rereserve
                && (!spec.reservations().isEmpty()
                        || (old != null && !old.reservations().isEmpty()))) {
            for (NodeState n : inventory.nodes().values()) {
                if (n.present()) inventory.update(n, () -> reserve(p, n));
            }
        }
        p.refresh();
        for (AppState a : p.apps().values()) state.refreshDemand(a);
    }

    /** Removes a pool; its apps wait with {@code PoolNotFound}. Removing {@code default} restores the implied one. */
    public void removePool(String name) {
        if (PoolSpec.DEFAULT_POOL.equals(name)) {
            upsertPool(PoolSpec.shared(PoolSpec.DEFAULT_POOL, 1));
            return;
        }
        PoolState p = pools.get(name);
        if (p == null || !p.declared()) return;
        state.changed();
        if (!p.spec().reservations().isEmpty()) {
            for (NodeState n : new ArrayList<>(inventory.nodes().values())) {
                if (n.reservedByPool().containsKey(name)) inventory.update(n, () -> n.reserve(name, null));
            }
        }
        inventory.release(p.undeclare());
        p.refresh();
        for (AppState a : p.apps().values()) state.refreshDemand(a);
    }

    /** Sets pool {@code p}'s reservation entry on node {@code n}; call inside an inventory update. */
    private static void reserve(PoolState p, NodeState n) {
        n.reserve(p.name(), null);
        if (!p.declared() || !n.present() || p.spec().reservations().isEmpty()) return;
        if (!p.spec().nodeSelector().matches(n.spec().labels())) return;
        Resources sum = Resources.ZERO;
        for (Reservation r : p.spec().reservations()) {
            if (r.nodeSelector().matches(n.spec().labels())) sum = sum.plus(r.resources());
        }
        if (!sum.isZero()) n.reserve(p.name(), sum);
    }

    // ---------------------------------------------------------------- apps

    /**
     * Adds or replaces an app (an equal spec is a no-op). Invalid constraints or ports become app-level errors
     * ({@link PendingSummary#errors()}), never exceptions. Running tasks keep the resources they were placed with.
     */
    public void upsertApp(AppSpec spec) {
        AppState a = state.appState(spec.key());
        AppSpec old = a.spec();
        if (spec.equals(old)) return;
        state.changed();
        if (old != null) {
            for (Colocation c : old.colocateWith()) state.uncolocate(c.appKey(), a.key());
        }
        for (Colocation c : spec.colocateWith()) state.colocate(c.appKey(), a.key());
        if (old != null && old.gang() != null && !old.gang().equals(spec.gang())) state.leaveGang(old.gang(), a.key());
        if (spec.gang() != null) state.joinGang(spec.gang(), a.key());
        PoolState pool = state.poolState(spec.pool());
        if (a.pool() != null && a.pool() != pool) {
            a.leavePool();
            for (TaskRecord t : a.instances().values()) accounting.attribute(t, pool.name());
        }
        a.joinPool(pool);
        a.respec(spec);
        TreeMap<Integer, TaskRecord> adopted = accounting.takeOrphans(a.key());
        if (adopted != null) {
            for (TaskRecord t : adopted.values()) {
                a.adopt(t);
                accounting.attribute(t, pool.name());
            }
        }
        a.recount(inventory);
        Set<Integer> holdOrdinals = new TreeSet<>(spec.pins().keySet());
        if (old != null) holdOrdinals.addAll(old.pins().keySet());
        for (int ord : holdOrdinals) accounting.syncHold(a, ord, old);
        resetWaiting(a);
        state.markDirty(a.key());
    }

    /** Removes an app. Its running tasks stay accounted on their nodes until removed. */
    public void removeApp(String key) {
        AppState a = state.removeAppState(key);
        if (a == null) return;
        state.changed();
        for (Colocation c : a.spec().colocateWith()) state.uncolocate(c.appKey(), key);
        if (a.spec().gang() != null) state.leaveGang(a.spec().gang(), key);
        a.leavePool();
        for (int ord : a.spec().pins().keySet())
            accounting.setHold(a, a.spec().pins().get(ord), ord, null);
        TreeMap<Integer, TaskRecord> orphaned = new TreeMap<>();
        for (TaskRecord t : a.instances().values()) {
            accounting.attribute(t, null);
            orphaned.put(t.instance(), t);
        }
        if (!orphaned.isEmpty()) accounting.orphan(key, orphaned);
        for (int ord : new ArrayList<>(a.nominated().keySet())) accounting.dropNomination(key, ord);
        state.unlist(a);
    }

    /**
     * Sets which instance ordinals of the app need a node. Ordinals already running or assumed are ignored
     * until their task is removed or rolled back.
     *
     * @throws IllegalArgumentException when the app is unknown
     */
    public void setPending(String appKey, Collection<Integer> instances) {
        AppState a = apps.get(appKey);
        if (a == null) throw new IllegalArgumentException("unknown app " + appKey);
        TreeSet<Integer> requested = new TreeSet<>(instances);
        if (requested.equals(a.requested())) return;
        state.advanceVersion();
        Set<Integer> before = new HashSet<>(a.waiting());
        a.request(requested);
        state.refreshDemand(a);
        if (!before.containsAll(a.waiting())) {
            state.markDirty(appKey);
            if (a.spec().gang() != null) state.markGangDirty(a.spec().gang());
        }
    }

    private void resetWaiting(AppState a) {
        a.resetWaiting();
        state.refreshDemand(a);
    }

    // ---------------------------------------------------------------- tasks

    /**
     * Records a pod bound to a node (ours: {@link RunningTask#instance}; any other: {@link RunningTask#foreign}).
     * Re-adding the task an assumed decision created confirms it, like {@link #commit}.
     */
    public void addRunningTask(RunningTask task) {
        TaskRecord existing = tasks.get(task.id());
        if (existing != null) {
            if (existing.node().equals(task.node())
                    && existing.resources().equals(task.resources())
                    && (task.hostPorts().isEmpty() || existing.ports().equals(task.hostPorts()))) {
                existing.confirm(task.started());
                state.advanceVersion();
                return;
            }
            removeTask(task.id());
        }
        state.advanceVersion();
        accounting.add(new TaskRecord(
                task.id(),
                task.appKey(),
                task.instance(),
                task.node(),
                task.resources(),
                task.hostPorts(),
                false,
                task.started(),
                null));
    }

    /** Forgets a task (the pod ended or was deleted): its resources and ports are free again. */
    public boolean removeTask(String taskId) {
        return accounting.remove(taskId);
    }

    /** Confirms an assumed decision: the instance is running. Returns false when it is no longer assumed. */
    public boolean commit(OfferDecision decision) {
        TaskRecord t = tasks.get(decision.taskId());
        if (t == null || !t.assumed() || !t.node().equals(decision.node())) return false;
        t.confirm(0);
        state.advanceVersion();
        return true;
    }

    /**
     * Undoes an assumed decision (the pod write failed or the cluster refused it): its resources and ports
     * are free again and the instance waits again. Returns false when it is not (or no longer) assumed.
     */
    public boolean rollback(OfferDecision decision) {
        TaskRecord t = tasks.get(decision.taskId());
        if (t == null || !t.assumed() || !t.node().equals(decision.node())) return false;
        return removeTask(t.id());
    }

    // ---------------------------------------------------------------- the cycle

    /**
     * Runs one allocation cycle: offers free resources to pools by weighted DRF and places waiting instances.
     * Returned decisions are already assumed. When nothing changed since the previous cycle it returns at once.
     */
    public CycleResult allocate() {
        long start = System.nanoTime();
        check.resetCycle();
        cycle.startCycle();
        long gen = state.enablingChanges();
        boolean capacityChanged = gen != lastCycleGen;
        if (!capacityChanged && dirtyApps.isEmpty()) {
            List<Preemption> preemptions = preempt();
            return result(List.of(), preemptions.isEmpty(), start, preemptions);
        }
        lastCycleGen = gen;
        List<AppState> candidates = new ArrayList<>();
        for (String key : capacityChanged ? waitingApps : dirtyApps) {
            AppState a = apps.get(key);
            if (a != null && a.placeable() && !a.waiting().isEmpty()) candidates.add(a);
        }
        state.clearDirty();
        List<OfferDecision> decisions = new ArrayList<>();
        List<AppState> limited = new ArrayList<>();
        long relaxations = state.ledger().relaxations();
        List<AppState> scarce = cycle.runDrf(candidates, false, decisions, limited);
        if (!scarce.isEmpty()) cycle.runDrf(byKey(scarce), true, decisions, limited);
        for (int round = 0;
                round < MAX_GUARANTEE_ROUNDS
                        && !limited.isEmpty()
                        && state.ledger().relaxations() != relaxations;
                round++) {
            // pools held back for others' guarantees get another turn once those guarantees shrank this cycle
            relaxations = state.ledger().relaxations();
            List<AppState> retry = byKey(limited);
            limited = new ArrayList<>();
            scarce = cycle.runDrf(retry, false, decisions, limited);
            if (!scarce.isEmpty()) cycle.runDrf(byKey(scarce), true, decisions, limited);
        }
        // what this cycle changed itself is settled, unless held-back pools may still go (then retry next cycle)
        boolean settled = limited.isEmpty() || state.ledger().relaxations() == relaxations;
        if (settled) lastCycleGen = state.enablingChanges();
        return result(decisions, false, start, preempt());
    }

    /**
     * Preemption, after the cycle's placements: for pools with preemption enabled whose waiting instances
     * fit nowhere, choose victims ({@link Preemptor}) and hold the room they free for the instance. Skipped
     * when nothing changed since the last time and no deadline passed.
     */
    private List<Preemption> preempt() {
        if (state.nominations().isEmpty()
                && state.evicting().isEmpty()
                && state.refused().isEmpty()
                && !preemptor.wanted()) return List.of();
        if (state.version() == preemptVersion && state.now() < nextPreemptDeadline) return List.of();
        preemptor.expire();
        List<Preemption> out = preemptor.run(nominationTimeoutMillis);
        preemptVersion = state.version();
        long next = Long.MAX_VALUE;
        for (EngineState.Nomination nm : state.nominations().values()) next = Math.min(next, nm.deadline());
        for (long d : state.evicting().values()) next = Math.min(next, d);
        for (long d : state.refused().values()) next = Math.min(next, d);
        nextPreemptDeadline = next;
        return out;
    }

    // ---------------------------------------------------------------- preemption

    /** Sets the engine's clock (epoch millis) for nomination and refusal timeouts; the caller's clock, never read here. */
    public void setTime(long epochMillis) {
        state.setNow(epochMillis);
    }

    /**
     * @param nominationMillis how long freed room stays held for a preemptor's instance (and the engine waits for
     *                         a victim to go) before preemption may choose again
     * @param refusalMillis    how long a victim whose eviction was refused is spared
     */
    public void setPreemptionTimeouts(long nominationMillis, long refusalMillis) {
        this.nominationTimeoutMillis = nominationMillis;
        this.refusalBackoffMillis = refusalMillis;
    }

    /**
     * The victim's eviction was refused (a PodDisruptionBudget, HTTP 429) or failed: it is spared for a while,
     * the nomination it served ends, and the next cycle chooses another victim or waits.
     */
    public void evictionRefused(String victimTaskId) {
        preemptor.refused(victimTaskId, refusalBackoffMillis);
    }

    /** Node nominated for the instance (room held after a preemption), if any. */
    public Optional<String> nominatedNode(String appKey, int instance) {
        EngineState.Nomination nm = state.nominations().get(RunningTask.instanceId(appKey, instance));
        return nm == null ? Optional.empty() : Optional.of(nm.node());
    }

    /** Task ids whose eviction the engine waits for. */
    public Set<String> evicting() {
        return Set.copyOf(state.evicting().keySet());
    }

    private static List<AppState> byKey(List<AppState> apps) {
        List<AppState> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(apps));
        sorted.sort(java.util.Comparator.comparing((AppState a) -> a.key()));
        return sorted;
    }

    private CycleResult result(
            List<OfferDecision> decisions, boolean unchanged, long start, List<Preemption> preemptions) {
        if (cachedVersion != state.version()) {
            cachedPending = pendingApps();
            cachedPools = poolFigures();
            cachedVersion = state.version();
        }
        long made = check.evaluated() + cycle.gateDeclines();
        Map<DeclineReason, Long> byReason = new EnumMap<>(DeclineReason.class);
        byReason.putAll(check.declined());
        OfferStatistics stats = new OfferStatistics(
                made, decisions.size(), Math.max(0, made - decisions.size()), byReason, System.nanoTime() - start);
        return new CycleResult(List.copyOf(decisions), cachedPending, stats, cachedPools, unchanged, preemptions);
    }

    private List<CycleResult.PendingApp> pendingApps() {
        List<CycleResult.PendingApp> out = new ArrayList<>();
        for (String key : waitingApps) {
            AppState a = apps.get(key);
            out.add(new CycleResult.PendingApp(key, a.spec().pool(), a.waiting().size(), errorsOf(a)));
        }
        return List.copyOf(out);
    }

    private List<AppError> errorsOf(AppState a) {
        List<AppError> errors = a.errors();
        Optional<AppError> gang = Gangs.problem(state, a);
        if (gang.isEmpty()) return errors;
        List<AppError> all = new ArrayList<>(errors);
        all.add(gang.get());
        return List.copyOf(all);
    }

    /** Figures of every declared pool, by name (for pool status). */
    public List<PoolFigures> poolFigures() {
        Resources capacity = inventory.capacity();
        List<PoolFigures> out = new ArrayList<>();
        for (PoolState p : pools.values()) {
            if (!p.declared()) continue;
            out.add(new PoolFigures(
                    p.name(),
                    p.group().offerableNodes(),
                    p.group().capacity(),
                    p.allocated(),
                    p.reservedTotal(),
                    p.spec().guarantee(),
                    p.dominantShare(capacity),
                    p.weightedShare(capacity),
                    p.apps().size(),
                    p.demand(),
                    p.preemptions()));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- explain

    /**
     * Why the app's instances wait: for its first unpinned waiting instance (else its first), how many nodes decline for each reason
     * (each node counted once, by its first failing check), plus app-level errors. Computed on demand (one
     * pass over the nodes) and cached until the engine changes.
     */
    public Optional<PendingSummary> whyPending(String appKey) {
        AppState a = apps.get(appKey);
        if (a == null) return Optional.empty();
        PendingSummary cached = a.summary(state.version());
        if (cached != null) return Optional.of(cached);
        PendingSummary summary = new PendingSummary(
                a.key(), a.spec().pool(), a.waiting().size(), RejectSummary.of(state, a), errorsOf(a));
        a.cacheSummary(summary, state.version());
        return Optional.of(summary);
    }

    /**
     * Why the app waits, in full: every requirement checked on every node on its own (how many nodes meet
     * it, how many do not) and the nodes that came closest; empty for an unknown app. One pass over the
     * nodes, computed on demand and not cached: call it on the thread that owns the engine.
     */
    public Optional<WaitingExplanation> explainWaiting(String appKey) {
        AppState a = apps.get(appKey);
        return a == null ? Optional.empty() : Optional.of(WaitExplainer.explain(state, a));
    }

    /** Why instance {@code instance} of the app is where it is, or empty when it has no task. */
    public Optional<PlacementExplanation> whyPlaced(String appKey, int instance) {
        AppState a = apps.get(appKey);
        TaskRecord t = a == null ? null : a.instances().get(instance);
        if (t == null) return Optional.empty();
        OfferDecision d = t.decision();
        if (d != null) {
            return Optional.of(new PlacementExplanation(
                    appKey,
                    instance,
                    t.node(),
                    d.pool(),
                    d.resources(),
                    d.offered(),
                    d.satisfied(),
                    d.hostPorts(),
                    t.assumed()));
        }
        NodeState n = inventory.find(t.node());
        List<String> satisfied = n != null && n.present() ? a.rules().describe(n, a) : List.of();
        return Optional.of(new PlacementExplanation(
                appKey, instance, t.node(), t.pool(), t.resources(), null, satisfied, t.ports(), t.assumed()));
    }

    // ---------------------------------------------------------------- views for tests, REST and benchmarks

    /** Total node evaluations since the engine was created (offers made); a cheap unchanged cycle adds none. */
    public long nodesEvaluated() {
        return check.evaluatedTotal();
    }

    /** Free resources of a node for tasks of a pool (general free plus the pool's unused reservation). */
    public Optional<Resources> freeFor(String node, String pool) {
        NodeState n = inventory.find(node);
        return n == null || !n.present() ? Optional.empty() : Optional.of(n.freeFor(pool));
    }

    /** Instance ordinals of the app that wait for a node. */
    public Set<Integer> waiting(String appKey) {
        AppState a = apps.get(appKey);
        return a == null ? Set.of() : Set.copyOf(a.waiting());
    }

    /** Every present node, by name, with its accounting. Costs a pass over the nodes: for the REST API, not the hot path. */
    public List<NodeView> nodes() {
        List<NodeView> out = new ArrayList<>(inventory.nodes().size());
        for (NodeState n : inventory.nodes().values()) {
            if (!n.present()) continue;
            List<String> in = new ArrayList<>();
            for (PoolState p : pools.values()) if (p.declared() && n.groups().contains(p.group())) in.add(p.name());
            out.add(new NodeView(
                    n.name(),
                    n.spec().labels(),
                    n.spec().allocatable(),
                    n.used(),
                    n.held(),
                    n.generalFree(),
                    n.spec().schedulable(),
                    List.copyOf(in),
                    n.tasks().size()));
        }
        return out;
    }

    /** Sum of allocatable resources of schedulable nodes. */
    public Resources clusterCapacity() {
        return inventory.capacity();
    }
}

package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
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

    private final PoolLedger ledger = new PoolLedger();
    private final TreeMap<String, PoolState> pools = new TreeMap<>();
    private final NodeInventory inventory = new NodeInventory(pools::get);
    private final NodeCheck check = new NodeCheck();
    private final NodeSearch search = new NodeSearch(inventory, check);
    private final Map<String, AppState> apps = new HashMap<>();
    private final Map<String, TaskRecord> tasks = new HashMap<>();
    private final Map<String, TreeMap<Integer, TaskRecord>> orphans = new HashMap<>();
    private final Map<String, Set<String>> colocators = new HashMap<>();
    private final TreeSet<String> waitingApps = new TreeSet<>();
    private final TreeSet<String> dirtyApps = new TreeSet<>();

    private long capacityGen;
    private long lastCycleGen = -1;
    private long version;
    private long cachedVersion = -1;
    private long gateDeclines;
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
        NodeSpec old = n.spec;
        if (spec.equals(old)) return;
        changed();
        boolean relabel = old == null || !old.labels().equals(spec.labels());
        inventory.update(n, () -> {
            n.spec = spec;
            if (old == null || !old.portRange().equals(spec.portRange())) n.ports.setRange(spec.portRange());
            if (relabel) {
                inventory.regroup(n);
                for (PoolState p : pools.values()) reserve(p, n);
            }
        });
        if (relabel && old != null) recountAppsOn(n);
    }

    /** Removes a node. Tasks recorded on it stay accounted until removed with {@link #removeTask}. */
    public void removeNode(String name) {
        NodeState n = inventory.find(name);
        if (n == null || !n.present()) return;
        changed();
        inventory.update(n, () -> {
            n.spec = null;
            inventory.regroup(n);
            n.reservedByPool.clear();
        });
        recountAppsOn(n);
        forgetIfEmpty(n);
    }

    // ---------------------------------------------------------------- pools

    /** Adds or replaces a pool (an equal spec is a no-op). Upserting {@code default} replaces the implied default pool. */
    public void upsertPool(PoolSpec spec) {
        PoolState p = pools.computeIfAbsent(spec.name(), k -> new PoolState(k, ledger));
        PoolSpec old = p.spec;
        if (p.declared && spec.equals(old)) return;
        changed();
        boolean reselect = p.group == null || !p.group.selector.equals(spec.nodeSelector());
        boolean rereserve = reselect || old == null || !old.reservations().equals(spec.reservations());
        p.spec = spec;
        p.declared = true;
        if (reselect) {
            NodeGroup previous = p.group;
            p.group = inventory.acquire(spec.nodeSelector());
            if (previous != null) inventory.release(previous);
        }
        if (rereserve && (!spec.reservations().isEmpty() || (old != null && !old.reservations().isEmpty()))) {
            for (NodeState n : inventory.nodes.values()) {
                if (n.present()) inventory.update(n, () -> reserve(p, n));
            }
        }
        p.refresh();
        for (AppState a : p.apps.values()) refreshDemand(a);
    }

    /** Removes a pool; its apps wait with {@code PoolNotFound}. Removing {@code default} restores the implied one. */
    public void removePool(String name) {
        if (PoolSpec.DEFAULT_POOL.equals(name)) {
            upsertPool(PoolSpec.shared(PoolSpec.DEFAULT_POOL, 1));
            return;
        }
        PoolState p = pools.get(name);
        if (p == null || !p.declared) return;
        changed();
        if (!p.spec.reservations().isEmpty()) {
            for (NodeState n : new ArrayList<>(inventory.nodes.values())) {
                if (n.reservedByPool.containsKey(name)) inventory.update(n, () -> n.reservedByPool.remove(name));
            }
        }
        p.declared = false;
        inventory.release(p.group);
        p.group = null;
        p.refresh();
        for (AppState a : p.apps.values()) refreshDemand(a);
    }

    /** Sets pool {@code p}'s reservation entry on node {@code n}; call inside an inventory update. */
    private static void reserve(PoolState p, NodeState n) {
        n.reservedByPool.remove(p.name);
        if (!p.declared || !n.present() || p.spec.reservations().isEmpty()) return;
        if (!p.spec.nodeSelector().matches(n.spec.labels())) return;
        Resources sum = Resources.ZERO;
        for (Reservation r : p.spec.reservations()) {
            if (r.nodeSelector().matches(n.spec.labels())) sum = sum.plus(r.resources());
        }
        if (!sum.isZero()) n.reservedByPool.put(p.name, sum);
    }

    // ---------------------------------------------------------------- apps

    /**
     * Adds or replaces an app (an equal spec is a no-op). Invalid constraints or ports become app-level errors
     * ({@link PendingSummary#errors()}), never exceptions. Running tasks keep the resources they were placed with.
     */
    public void upsertApp(AppSpec spec) {
        AppState a = apps.computeIfAbsent(spec.key(), AppState::new);
        AppSpec old = a.spec;
        if (spec.equals(old)) return;
        changed();
        if (old != null) {
            for (Colocation c : old.colocateWith()) colocators.getOrDefault(c.appKey(), new HashSet<>()).remove(a.key);
        }
        for (Colocation c : spec.colocateWith()) colocators.computeIfAbsent(c.appKey(), k -> new HashSet<>()).add(a.key);
        PoolState pool = poolState(spec.pool());
        if (a.pool != null && a.pool != pool) {
            a.pool.addDemand(-a.demandCounted);
            a.demandCounted = 0;
            a.pool.apps.remove(a.key);
            for (TaskRecord t : a.instances.values()) attribute(t, pool.name);
        }
        a.pool = pool;
        pool.apps.put(a.key, a);
        a.spec = spec;
        a.rules = ConstraintEvaluator.compile(spec.constraints());
        a.portRequest = spec.ports().stream().mapToInt(Integer::intValue).toArray();
        List<AppError> errors = new ArrayList<>(a.rules.errors);
        portErrors(spec, errors);
        a.specErrors = List.copyOf(errors);
        a.shape = spec.constraints().isEmpty() && spec.colocateWith().isEmpty()
                ? spec.pool() + "|" + spec.resources() + "|" + spec.ports() : null;
        TreeMap<Integer, TaskRecord> adopted = orphans.remove(a.key);
        if (adopted != null) {
            for (TaskRecord t : adopted.values()) {
                a.instances.put(t.instance, t);
                a.allocated = a.allocated.plus(t.resources);
                attribute(t, pool.name);
            }
        }
        a.recount(inventory);
        Set<Integer> holdOrdinals = new TreeSet<>(spec.pins().keySet());
        if (old != null) holdOrdinals.addAll(old.pins().keySet());
        for (int ord : holdOrdinals) syncHold(a, ord, old);
        resetWaiting(a);
        dirtyApps.add(a.key);
    }

    private static void portErrors(AppSpec spec, List<AppError> errors) {
        Set<Integer> fixed = new HashSet<>();
        for (int p : spec.ports()) {
            if (p < 0 || p > 65535) errors.add(new AppError("InvalidPorts", "host port " + p + " out of range"));
            else if (p > 0 && !fixed.add(p)) errors.add(new AppError("InvalidPorts", "host port " + p + " requested twice"));
        }
    }

    /** Removes an app. Its running tasks stay accounted on their nodes until removed. */
    public void removeApp(String key) {
        AppState a = apps.remove(key);
        if (a == null) return;
        changed();
        for (Colocation c : a.spec.colocateWith()) colocators.getOrDefault(c.appKey(), new HashSet<>()).remove(key);
        a.pool.addDemand(-a.demandCounted);
        a.pool.apps.remove(key);
        for (int ord : a.spec.pins().keySet()) setHold(a, a.spec.pins().get(ord), ord, null);
        TreeMap<Integer, TaskRecord> orphaned = new TreeMap<>();
        for (TaskRecord t : a.instances.values()) {
            attribute(t, null);
            orphaned.put(t.instance, t);
        }
        if (!orphaned.isEmpty()) orphans.put(key, orphaned);
        waitingApps.remove(key);
        a.listedWaiting = false;
        dirtyApps.remove(key);
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
        if (requested.equals(a.requested)) return;
        version++;
        a.requested.clear();
        a.requested.addAll(requested);
        Set<Integer> before = new HashSet<>(a.waiting);
        resetWaiting(a);
        if (!before.containsAll(a.waiting)) dirtyApps.add(appKey);
    }

    private void resetWaiting(AppState a) {
        a.waiting.clear();
        for (int i : a.requested) if (!a.instances.containsKey(i)) a.waiting.add(i);
        refreshDemand(a);
    }

    private void refreshDemand(AppState a) {
        int demand = a.demand();
        if (demand != a.demandCounted) {
            int poolBefore = a.pool.demand;
            a.pool.addDemand(demand - a.demandCounted);
            a.demandCounted = demand;
            if (poolBefore > 0 && a.pool.demand == 0) capacityGen++;
        }
        boolean waits = !a.waiting.isEmpty();
        if (waits != a.listedWaiting) {
            a.listedWaiting = waits;
            if (waits) waitingApps.add(a.key);
            else waitingApps.remove(a.key);
        }
    }

    private PoolState poolState(String name) {
        return pools.computeIfAbsent(name, k -> new PoolState(k, ledger));
    }

    // ---------------------------------------------------------------- tasks

    /**
     * Records a pod bound to a node (ours: {@link RunningTask#instance}; any other: {@link RunningTask#foreign}).
     * Re-adding the task an assumed decision created confirms it, like {@link #commit}.
     */
    public void addRunningTask(RunningTask task) {
        TaskRecord existing = tasks.get(task.id());
        if (existing != null) {
            if (existing.node.equals(task.node()) && existing.resources.equals(task.resources())
                    && (task.hostPorts().isEmpty() || existing.ports.equals(task.hostPorts()))) {
                existing.assumed = false;
                version++;
                return;
            }
            removeTask(task.id());
        }
        version++;
        addTask(new TaskRecord(task.id(), task.appKey(), task.instance(), task.node(), task.resources(), task.hostPorts(), false));
    }

    /** Forgets a task (the pod ended or was deleted): its resources and ports are free again. */
    public boolean removeTask(String taskId) {
        TaskRecord t = tasks.remove(taskId);
        if (t == null) return false;
        changed();
        NodeState n = inventory.find(t.node);
        inventory.update(n, () -> {
            n.tasks.remove(t.id);
            n.used = n.used.minus(t.resources);
            n.pods--;
            n.ports.release(t.ports);
            if (t.pool != null) unuse(n, t.pool, t.resources);
        });
        if (t.pool != null) pools.get(t.pool).addAllocated(Resources.ZERO.minus(t.resources));
        AppState a = t.appKey == null ? null : apps.get(t.appKey);
        if (a != null && a.instances.get(t.instance) == t) {
            a.instances.remove(t.instance);
            a.allocated = a.allocated.minus(t.resources);
            a.count(n, -1);
            if (a.requested.contains(t.instance)) a.waiting.add(t.instance);
            refreshDemand(a);
            syncHold(a, t.instance, a.spec);
            markColocators(a.key);
        } else if (t.appKey != null) {
            TreeMap<Integer, TaskRecord> o = orphans.get(t.appKey);
            if (o != null && o.get(t.instance) == t) o.remove(t.instance);
        }
        forgetIfEmpty(n);
        return true;
    }

    /** Confirms an assumed decision: the instance is running. Returns false when it is no longer assumed. */
    public boolean commit(OfferDecision decision) {
        TaskRecord t = tasks.get(decision.taskId());
        if (t == null || !t.assumed || !t.node.equals(decision.node())) return false;
        t.assumed = false;
        version++;
        return true;
    }

    /**
     * Undoes an assumed decision (the pod write failed or the cluster refused it): its resources and ports
     * are free again and the instance waits again. Returns false when it is not (or no longer) assumed.
     */
    public boolean rollback(OfferDecision decision) {
        TaskRecord t = tasks.get(decision.taskId());
        if (t == null || !t.assumed || !t.node.equals(decision.node())) return false;
        return removeTask(t.id);
    }

    private void addTask(TaskRecord t) {
        addTask(t, t.appKey == null ? null : apps.get(t.appKey), inventory.getOrCreate(t.node), false);
    }

    /** @param fresh true when the instance is known to have no task (a placement of a waiting instance) */
    private void addTask(TaskRecord t, AppState a, NodeState n, boolean fresh) {
        TaskRecord other = a == null || fresh ? null : a.instances.get(t.instance);
        if (other != null) removeTask(other.id);
        tasks.put(t.id, t);
        t.pool = a == null ? null : a.pool.name;
        inventory.update(n, () -> {
            n.tasks.put(t.id, t);
            n.used = n.used.plus(t.resources);
            n.pods++;
            n.ports.hold(t.ports);
            if (t.pool != null) n.usedByPool.merge(t.pool, t.resources, Resources::plus);
        });
        if (a != null) {
            a.instances.put(t.instance, t);
            a.allocated = a.allocated.plus(t.resources);
            a.pool.addAllocated(t.resources);
            a.count(n, +1);
            if (a.waiting.remove(t.instance)) refreshDemand(a);
            syncHold(a, t.instance, a.spec);
            markColocators(a.key);
        } else if (t.appKey != null) {
            orphans.computeIfAbsent(t.appKey, k -> new TreeMap<>()).put(t.instance, t);
        }
    }

    /** Moves a task's pool attribution (node usage by pool and pool allocation). */
    private void attribute(TaskRecord t, String pool) {
        if (java.util.Objects.equals(t.pool, pool)) return;
        NodeState n = inventory.find(t.node);
        String from = t.pool;
        inventory.update(n, () -> {
            if (from != null) unuse(n, from, t.resources);
            if (pool != null) n.usedByPool.merge(pool, t.resources, Resources::plus);
        });
        if (from != null) pools.get(from).addAllocated(Resources.ZERO.minus(t.resources));
        if (pool != null) pools.get(pool).addAllocated(t.resources);
        t.pool = pool;
    }

    private static void unuse(NodeState n, String pool, Resources r) {
        Resources left = n.usedByPool.getOrDefault(pool, Resources.ZERO).minus(r);
        if (left.isZero()) n.usedByPool.remove(pool);
        else n.usedByPool.put(pool, left);
    }

    /** Holds an instance's resources on its pinned node while it has no task there (pin with holdResources). */
    private void syncHold(AppState a, int ord, AppSpec previousSpec) {
        Pin oldPin = previousSpec == null ? null : previousSpec.pins().get(ord);
        Pin pin = a.spec.pins().get(ord);
        if (oldPin != null && !oldPin.equals(pin)) setHold(a, oldPin, ord, null);
        if (pin == null) return;
        boolean down = !a.instances.containsKey(ord);
        setHold(a, pin, ord, pin.holdResources() && down ? a.spec.resources() : null);
    }

    private void setHold(AppState a, Pin pin, int ord, Resources amount) {
        NodeState n = inventory.find(pin.node());
        if (n == null) {
            if (amount == null) return;
            n = inventory.getOrCreate(pin.node());
        }
        String id = RunningTask.instanceId(a.key, ord);
        Resources current = n.holds.get(id);
        if (java.util.Objects.equals(current, amount)) return;
        NodeState node = n;
        inventory.update(node, () -> {
            if (current != null) {
                node.holds.remove(id);
                node.held = node.held.minus(current);
            }
            if (amount != null) {
                node.holds.put(id, amount);
                node.held = node.held.plus(amount);
            }
        });
        if (amount == null) {
            forgetIfEmpty(node);
            capacityGen++;
        }
    }

    private void markColocators(String appKey) {
        Set<String> c = colocators.get(appKey);
        if (c != null) dirtyApps.addAll(c);
    }

    private void recountAppsOn(NodeState n) {
        Set<String> keys = new TreeSet<>();
        for (TaskRecord t : n.tasks.values()) if (t.appKey != null) keys.add(t.appKey);
        for (String k : keys) {
            AppState a = apps.get(k);
            if (a != null) a.recount(inventory);
        }
    }

    private void forgetIfEmpty(NodeState n) {
        if (!n.present() && n.tasks.isEmpty() && n.holds.isEmpty()) inventory.forget(n);
    }

    private void changed() {
        capacityGen++;
        version++;
    }

    // ---------------------------------------------------------------- the cycle

    /**
     * Runs one allocation cycle: offers free resources to pools by weighted DRF and places waiting instances.
     * Returned decisions are already assumed. When nothing changed since the previous cycle it returns at once.
     */
    public CycleResult allocate() {
        long start = System.nanoTime();
        check.resetCycle();
        gateDeclines = 0;
        boolean capacityChanged = capacityGen != lastCycleGen;
        if (!capacityChanged && dirtyApps.isEmpty()) return result(List.of(), true, start);
        lastCycleGen = capacityGen;
        List<AppState> candidates = new ArrayList<>();
        for (String key : capacityChanged ? waitingApps : dirtyApps) {
            AppState a = apps.get(key);
            if (a != null && a.placeable() && !a.waiting.isEmpty()) candidates.add(a);
        }
        dirtyApps.clear();
        List<OfferDecision> decisions = new ArrayList<>();
        List<AppState> scarce = runDrf(candidates, false, decisions);
        if (!scarce.isEmpty()) runDrf(scarce, true, decisions);
        return result(decisions, false, start);
    }

    /** One DRF pass over the candidates; returns the non-GPU apps that may still fit on GPU nodes. */
    private List<AppState> runDrf(List<AppState> candidates, boolean fallback, List<OfferDecision> out) {
        Resources capacity = inventory.capacity;
        List<PoolState> active = new ArrayList<>();
        for (AppState a : candidates) {
            a.resetCycle();
            PoolState p = a.pool;
            if (p.queue == null) {
                p.queue = new PriorityQueue<>(DominantResourceFairness.APP_ORDER);
                active.add(p);
            }
            DominantResourceFairness.key(a, capacity);
            p.queue.add(a);
        }
        PriorityQueue<PoolState> order = new PriorityQueue<>(DominantResourceFairness.POOL_ORDER);
        for (PoolState p : active) {
            DominantResourceFairness.key(p, capacity);
            order.add(p);
        }
        List<AppState> scarce = new ArrayList<>();
        Map<String, Placement> failedShapes = new HashMap<>();
        while (!order.isEmpty()) {
            PoolState p = order.poll();
            AppState a = p.queue.poll();
            Integer ord = a.nextCandidate();
            if (ord != null) {
                boolean pinned = a.spec.pins().containsKey(ord);
                Placement outcome = pinned || a.shape == null ? null : failedShapes.get(a.shape);
                if (outcome == null) {
                    outcome = tryPlace(a, ord, fallback);
                    if (outcome.decision == null && !pinned && a.shape != null) failedShapes.put(a.shape, outcome);
                }
                if (outcome.decision != null) {
                    out.add(outcome.decision);
                } else if (a.spec.pins().containsKey(ord)) {
                    a.failedPinned.add(ord);
                } else {
                    a.failedUnpinned = true;
                    if (!fallback && !outcome.limited && !a.wantsGpu() && !p.group.gpu.isEmpty()) scarce.add(a);
                }
                if (a.nextCandidate() != null) {
                    DominantResourceFairness.key(a, capacity);
                    p.queue.add(a);
                }
            }
            if (p.queue.isEmpty()) {
                p.queue = null;
            } else {
                DominantResourceFairness.key(p, capacity);
                order.add(p);
            }
        }
        return scarce;
    }

    private record Placement(OfferDecision decision, boolean limited) {
    }

    private Placement tryPlace(AppState a, int ord, boolean fallback) {
        PoolState p = a.pool;
        Resources req = a.spec.resources();
        if (p.reservedUnused.isZero() && !PoolAdmission.admits(p, req, ledger, inventory)) {
            gateDeclines++;
            check.declined.merge(DeclineReason.PoolLimitReached, 1L, Long::sum);
            return new Placement(null, true);
        }
        PlacementRequest r = new PlacementRequest(a, ord, inventory, apps);
        NodeState n = search.find(r, fallback);
        if (n == null) return new Placement(null, false);
        if (!PoolAdmission.admits(p, PoolAdmission.growth(p, n, req), ledger, inventory)) {
            check.declined.merge(DeclineReason.PoolLimitReached, 1L, Long::sum);
            return new Placement(null, true);
        }
        return new Placement(place(a, ord, n, r), false);
    }

    private OfferDecision place(AppState a, int ord, NodeState n, PlacementRequest r) {
        Resources offered = r.freeOn(n);
        List<Integer> ports = a.portRequest.length == 0 ? List.of() : n.ports.assign(a.portRequest);
        List<String> satisfied = a.rules.rules.isEmpty() && a.spec.colocateWith().isEmpty() ? List.of() : a.rules.describe(n, a);
        String id = RunningTask.instanceId(a.key, ord);
        TaskRecord t = new TaskRecord(id, a.key, ord, n.name, a.spec.resources(), ports, true);
        version++;
        addTask(t, a, n, true);
        OfferDecision d = new OfferDecision(a.key, ord, id, n.name, a.pool.name, ports, a.spec.resources(), offered, satisfied);
        t.decision = d;
        return d;
    }

    private CycleResult result(List<OfferDecision> decisions, boolean unchanged, long start) {
        if (cachedVersion != version) {
            cachedPending = pendingApps();
            cachedPools = poolFigures();
            cachedVersion = version;
        }
        long made = check.evaluated + gateDeclines;
        Map<DeclineReason, Long> byReason = new EnumMap<>(DeclineReason.class);
        byReason.putAll(check.declined);
        OfferStatistics stats = new OfferStatistics(made, decisions.size(), Math.max(0, made - decisions.size()),
                byReason, System.nanoTime() - start);
        return new CycleResult(List.copyOf(decisions), cachedPending, stats, cachedPools, unchanged);
    }

    private List<CycleResult.PendingApp> pendingApps() {
        List<CycleResult.PendingApp> out = new ArrayList<>();
        for (String key : waitingApps) {
            AppState a = apps.get(key);
            out.add(new CycleResult.PendingApp(key, a.spec.pool(), a.waiting.size(), a.errors()));
        }
        return List.copyOf(out);
    }

    /** Figures of every declared pool, by name (for pool status). */
    public List<PoolFigures> poolFigures() {
        Resources capacity = inventory.capacity;
        List<PoolFigures> out = new ArrayList<>();
        for (PoolState p : pools.values()) {
            if (!p.declared) continue;
            out.add(new PoolFigures(p.name, p.group.offerableNodes, p.group.capacity, p.allocated, p.reservedTotal,
                    p.spec.guarantee(), p.dominantShare(capacity), p.weightedShare(capacity), p.apps.size(), p.demand));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- explain

    /**
     * Why the app's instances wait: for its first waiting instance, how many nodes decline for each reason
     * (each node counted once, by its first failing check), plus app-level errors. Computed on demand (one
     * pass over the nodes) and cached until the engine changes.
     */
    public Optional<PendingSummary> whyPending(String appKey) {
        AppState a = apps.get(appKey);
        if (a == null) return Optional.empty();
        if (a.summaryVersion != version) {
            a.summary = new PendingSummary(a.key, a.spec.pool(), a.waiting.size(), rejectSummary(a), a.errors());
            a.summaryVersion = version;
        }
        return Optional.of(a.summary);
    }

    private List<PendingSummary.ReasonCount> rejectSummary(AppState a) {
        if (a.waiting.isEmpty() || !a.placeable()) return List.of();
        PlacementRequest r = new PlacementRequest(a, a.waiting.first(), inventory, apps);
        Map<DeclineReason, Integer> counts = new EnumMap<>(DeclineReason.class);
        for (NodeState n : inventory.nodes.values()) {
            if (!n.present()) continue;
            DeclineReason reason = NodeCheck.check(n, r, false);
            if (reason == null && !PoolAdmission.admits(a.pool, PoolAdmission.growth(a.pool, n, r.resources), ledger, inventory)) {
                reason = DeclineReason.PoolLimitReached;
            }
            if (reason != null) counts.merge(reason, 1, Integer::sum);
        }
        List<PendingSummary.ReasonCount> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new PendingSummary.ReasonCount(k, v)));
        out.sort((x, y) -> x.nodes() != y.nodes() ? Integer.compare(y.nodes(), x.nodes()) : x.reason().compareTo(y.reason()));
        return List.copyOf(out);
    }

    /** Why instance {@code instance} of the app is where it is, or empty when it has no task. */
    public Optional<PlacementExplanation> whyPlaced(String appKey, int instance) {
        AppState a = apps.get(appKey);
        TaskRecord t = a == null ? null : a.instances.get(instance);
        if (t == null) return Optional.empty();
        OfferDecision d = t.decision;
        if (d != null) {
            return Optional.of(new PlacementExplanation(appKey, instance, t.node, d.pool(), d.resources(), d.offered(),
                    d.satisfied(), d.hostPorts(), t.assumed));
        }
        NodeState n = inventory.find(t.node);
        List<String> satisfied = n != null && n.present() ? a.rules.describe(n, a) : List.of();
        return Optional.of(new PlacementExplanation(appKey, instance, t.node, t.pool, t.resources, null, satisfied, t.ports, t.assumed));
    }

    // ---------------------------------------------------------------- views for tests, REST and benchmarks

    /** Total node evaluations since the engine was created (offers made); a cheap unchanged cycle adds none. */
    public long nodesEvaluated() {
        return check.evaluatedTotal;
    }

    /** Free resources of a node for tasks of a pool (general free plus the pool's unused reservation). */
    public Optional<Resources> freeFor(String node, String pool) {
        NodeState n = inventory.find(node);
        return n == null || !n.present() ? Optional.empty() : Optional.of(n.freeFor(pool));
    }

    /** Instance ordinals of the app that wait for a node. */
    public Set<Integer> waiting(String appKey) {
        AppState a = apps.get(appKey);
        return a == null ? Set.of() : Set.copyOf(a.waiting);
    }

    /** Sum of allocatable resources of schedulable nodes. */
    public Resources clusterCapacity() {
        return inventory.capacity;
    }
}

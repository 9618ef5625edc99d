package dev.datacenter.operator.placement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the engine knows, shared by its parts ({@link TaskAccounting}, {@link AllocationCycle},
 * {@link RejectSummary}): nodes, pools, apps, tasks, and the change counters that make unchanged cycles free.
 */
final class EngineState {

    final PoolLedger ledger = new PoolLedger();
    final TreeMap<String, PoolState> pools = new TreeMap<>();
    final NodeInventory inventory = new NodeInventory(pools::get);
    final NodeCheck check = new NodeCheck();
    final NodeSearch search = new NodeSearch(inventory, check);
    final Map<String, AppState> apps = new HashMap<>();
    final Map<String, TaskRecord> tasks = new HashMap<>();
    /** Tasks of apps the engine does not know (yet), adopted when the app is upserted. */
    final Map<String, TreeMap<Integer, TaskRecord>> orphans = new HashMap<>();
    /** App key to the apps that colocate with it (they may fit once it gets an instance). */
    final Map<String, Set<String>> colocators = new HashMap<>();

    /** Preemptions whose freed room is held for an instance, by the instance's task id. */
    final TreeMap<String, Nomination> nominations = new TreeMap<>();
    /** Victims whose eviction was asked for, by task id, to the time the engine stops waiting for them. */
    final Map<String, Long> evicting = new HashMap<>();
    /** Victims whose eviction was refused (a PodDisruptionBudget), by task id, to when they may be chosen again. */
    final Map<String, Long> refused = new HashMap<>();
    /** The caller's clock (epoch millis), for nomination timeouts: see {@link PlacementEngine#setTime}. */
    long now;
    /** Counts tasks as the engine learns of them: the tie-break of YoungestFirst. */
    long taskSeq;

    /** The room of a preemption held for one instance on one node until it is placed or {@code deadline}. */
    record Nomination(
            String taskId,
            String appKey,
            int instance,
            String pool,
            String node,
            Resources resources,
            long deadline,
            List<String> victims) {}

    final TreeSet<String> waitingApps = new TreeSet<>();
    final TreeSet<String> dirtyApps = new TreeSet<>();
    /** Gang name to the keys of its member apps. */
    final Map<String, TreeSet<String>> gangs = new HashMap<>();
    /** Bumped by every change that may let a waiting instance fit: such a change makes the next cycle retry all. */
    long capacityGen;

    /** Changes that may let a waiting instance fit, including shrinking unmet guarantees of other pools. */
    long enablingChanges() {
        return capacityGen + ledger.relaxations;
    }
    /** Bumped by every change at all: keys caches of results and reject summaries. */
    long version;

    void changed() {
        capacityGen++;
        version++;
    }

    void refreshDemand(AppState a) {
        int demand = a.demand();
        if (demand != a.demandCounted) {
            a.pool.addDemand(demand - a.demandCounted);
            a.demandCounted = demand;
        }
        boolean waits = !a.waiting.isEmpty();
        if (waits != a.listedWaiting) {
            a.listedWaiting = waits;
            if (waits) waitingApps.add(a.key);
            else waitingApps.remove(a.key);
        }
    }

    PoolState poolState(String name) {
        return pools.computeIfAbsent(name, k -> new PoolState(k, ledger));
    }

    void markColocators(String appKey) {
        Set<String> c = colocators.get(appKey);
        if (c != null) dirtyApps.addAll(c);
    }

    void recountAppsOn(NodeState n) {
        Set<String> keys = new TreeSet<>();
        for (TaskRecord t : n.tasks.values()) if (t.appKey != null) keys.add(t.appKey);
        for (String k : keys) {
            AppState a = apps.get(k);
            if (a != null) a.recount(inventory);
        }
    }

    void forgetIfEmpty(NodeState n) {
        if (!n.present() && n.tasks.isEmpty() && n.holds.isEmpty()) inventory.forget(n);
    }
}

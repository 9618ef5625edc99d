package dev.datacenter.operator.placement;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Adds and removes tasks (running or assumed) with all their effects: node usage, ports, pool and app
 * allocation, per-value counts, waiting instances, holds of pinned instances, colocation wake-ups.
 */
final class TaskAccounting {

    private final EngineState state;
    private final NodeInventory inventory;
    private final Map<String, AppState> apps;
    /** Tasks of apps the engine does not know (yet), adopted when the app is upserted. */
    private final Map<String, TreeMap<Integer, TaskRecord>> orphans = new HashMap<>();

    private final Map<String, PoolState> pools;

    TaskAccounting(EngineState state) {
        this.state = state;
        this.inventory = state.inventory();
        this.apps = state.apps();
        this.pools = state.pools();
    }

    boolean remove(String taskId) {
        TaskRecord t = state.forgetTask(taskId);
        if (t == null) return false;
        state.changed();
        state.forgetEviction(taskId);
        NodeState n = inventory.find(t.node());
        inventory.updateUsage(n, () -> n.removeTask(t));
        if (t.pool() != null) pools.get(t.pool()).addAllocated(Resources.ZERO.minus(t.resources()));
        AppState a = t.appKey() == null ? null : apps.get(t.appKey());
        if (a != null && a.instances().get(t.instance()) == t) {
            a.removeInstance(t, n);
            state.refreshDemand(a);
            syncHold(a, t.instance(), a.spec());
            state.markColocators(a.key());
        } else if (t.appKey() != null) {
            TreeMap<Integer, TaskRecord> o = orphans.get(t.appKey());
            if (o != null && o.get(t.instance()) == t) o.remove(t.instance());
        }
        state.forgetIfEmpty(n);
        return true;
    }

    void add(TaskRecord t) {
        add(t, t.appKey() == null ? null : apps.get(t.appKey()), inventory.getOrCreate(t.node()), false);
    }

    /** @param fresh true when the instance is known to have no task (a placement of a waiting instance) */
    void add(TaskRecord t, AppState a, NodeState n, boolean fresh) {
        TaskRecord other = a == null || fresh ? null : a.instances().get(t.instance());
        if (other != null) remove(other.id());
        state.recordTask(t);
        t.learnt(state.nextTaskSeq(), a == null ? null : a.pool().name());
        inventory.updateUsage(n, () -> n.addTask(t));
        if (a != null) {
            a.pool().addAllocated(t.resources());
            if (a.addInstance(t, n)) state.refreshDemand(a);
            syncHold(a, t.instance(), a.spec());
            dropNomination(a.key(), t.instance());
            state.markColocators(a.key());
        } else if (t.appKey() != null) {
            orphans.computeIfAbsent(t.appKey(), k -> new TreeMap<>()).put(t.instance(), t);
        }
    }

    /** The tasks recorded for an app the engine did not know, by ordinal (null for none); they are no longer orphans. */
    TreeMap<Integer, TaskRecord> takeOrphans(String appKey) {
        return orphans.remove(appKey);
    }

    /** The app is gone: its tasks, by ordinal, wait for it to come back. */
    void orphan(String appKey, TreeMap<Integer, TaskRecord> byOrdinal) {
        orphans.put(appKey, byOrdinal);
    }

    /** Moves a task's pool attribution (node usage by pool and pool allocation). */
    void attribute(TaskRecord t, String pool) {
        if (Objects.equals(t.pool(), pool)) return;
        NodeState n = inventory.find(t.node());
        String from = t.pool();
        inventory.update(n, () -> n.reattribute(t, from, pool));
        if (from != null) pools.get(from).addAllocated(Resources.ZERO.minus(t.resources()));
        if (pool != null) pools.get(pool).addAllocated(t.resources());
        t.attributeTo(pool);
    }

    /** Holds an instance's resources on its pinned node while it has no task there (pin with holdResources). */
    void syncHold(AppState a, int ord, AppSpec previousSpec) {
        Pin oldPin = previousSpec == null ? null : previousSpec.pins().get(ord);
        Pin pin = a.spec().pins().get(ord);
        if (oldPin != null && !oldPin.equals(pin)) setHold(a, oldPin, ord, null);
        if (pin == null) return;
        boolean down = !a.instances().containsKey(ord);
        setHold(a, pin, ord, pin.holdResources() && down ? a.spec().resources() : null);
    }

    /** Releases the room a preemption held for the instance (it was placed, or the nomination ended). */
    void dropNomination(String appKey, int ord) {
        if (state.nominations().isEmpty()) return;
        String id = RunningTask.instanceId(appKey, ord);
        EngineState.Nomination nm = state.endNomination(id);
        if (nm == null) return;
        AppState a = apps.get(appKey);
        if (a != null) a.unnominate(ord);
        setHold(id, nm.node(), null);
    }

    /** Holds the room of a preemption on {@code node} for the instance until it is placed. */
    void nominate(AppState a, int ord, EngineState.Nomination nm) {
        state.startNomination(nm);
        a.nominate(ord, nm.node());
        setHold(nm.taskId(), nm.node(), nm.resources());
    }

    void setHold(AppState a, Pin pin, int ord, Resources amount) {
        setHold(RunningTask.instanceId(a.key(), ord), pin.node(), amount);
    }

    private void setHold(String id, String nodeName, Resources amount) {
        NodeState n = inventory.find(nodeName);
        if (n == null) {
            if (amount == null) return;
            n = inventory.getOrCreate(nodeName);
        }
        if (Objects.equals(n.holdOf(id), amount)) return;
        NodeState node = n;
        inventory.update(node, () -> node.hold(id, amount));
        if (amount == null) {
            state.forgetIfEmpty(node);
            state.capacityReleased();
        }
    }
}

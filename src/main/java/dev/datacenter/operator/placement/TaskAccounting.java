package dev.datacenter.operator.placement;

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
    private final Map<String, TaskRecord> tasks;
    private final Map<String, TreeMap<Integer, TaskRecord>> orphans;
    private final Map<String, PoolState> pools;

    TaskAccounting(EngineState state) {
        this.state = state;
        this.inventory = state.inventory;
        this.apps = state.apps;
        this.tasks = state.tasks;
        this.orphans = state.orphans;
        this.pools = state.pools;
    }

    boolean remove(String taskId) {
        TaskRecord t = tasks.remove(taskId);
        if (t == null) return false;
        state.changed();
        state.evicting.remove(taskId);
        state.refused.remove(taskId);
        NodeState n = inventory.find(t.node);
        inventory.updateUsage(n, () -> {
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
            state.refreshDemand(a);
            syncHold(a, t.instance, a.spec);
            state.markColocators(a.key);
        } else if (t.appKey != null) {
            TreeMap<Integer, TaskRecord> o = orphans.get(t.appKey);
            if (o != null && o.get(t.instance) == t) o.remove(t.instance);
        }
        state.forgetIfEmpty(n);
        return true;
    }

    void add(TaskRecord t) {
        add(t, t.appKey == null ? null : apps.get(t.appKey), inventory.getOrCreate(t.node), false);
    }

    /** @param fresh true when the instance is known to have no task (a placement of a waiting instance) */
    void add(TaskRecord t, AppState a, NodeState n, boolean fresh) {
        TaskRecord other = a == null || fresh ? null : a.instances.get(t.instance);
        if (other != null) remove(other.id);
        tasks.put(t.id, t);
        t.seq = ++state.taskSeq;
        t.pool = a == null ? null : a.pool.name;
        inventory.updateUsage(n, () -> {
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
            if (a.waiting.remove(t.instance)) state.refreshDemand(a);
            syncHold(a, t.instance, a.spec);
            dropNomination(a.key, t.instance);
            state.markColocators(a.key);
        } else if (t.appKey != null) {
            orphans.computeIfAbsent(t.appKey, k -> new TreeMap<>()).put(t.instance, t);
        }
    }

    /** Moves a task's pool attribution (node usage by pool and pool allocation). */
    void attribute(TaskRecord t, String pool) {
        if (Objects.equals(t.pool, pool)) return;
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
    void syncHold(AppState a, int ord, AppSpec previousSpec) {
        Pin oldPin = previousSpec == null ? null : previousSpec.pins().get(ord);
        Pin pin = a.spec.pins().get(ord);
        if (oldPin != null && !oldPin.equals(pin)) setHold(a, oldPin, ord, null);
        if (pin == null) return;
        boolean down = !a.instances.containsKey(ord);
        setHold(a, pin, ord, pin.holdResources() && down ? a.spec.resources() : null);
    }

    /** Releases the room a preemption held for the instance (it was placed, or the nomination ended). */
    void dropNomination(String appKey, int ord) {
        if (state.nominations.isEmpty()) return;
        String id = RunningTask.instanceId(appKey, ord);
        EngineState.Nomination nm = state.nominations.remove(id);
        if (nm == null) return;
        AppState a = apps.get(appKey);
        if (a != null) a.nominated.remove(ord);
        setHold(id, nm.node(), null);
    }

    /** Holds the room of a preemption on {@code node} for the instance until it is placed. */
    void nominate(AppState a, int ord, EngineState.Nomination nm) {
        state.nominations.put(nm.taskId(), nm);
        a.nominated.put(ord, new Pin(nm.node(), true));
        setHold(nm.taskId(), nm.node(), nm.resources());
    }

    void setHold(AppState a, Pin pin, int ord, Resources amount) {
        setHold(RunningTask.instanceId(a.key, ord), pin.node(), amount);
    }

    private void setHold(String id, String nodeName, Resources amount) {
        NodeState n = inventory.find(nodeName);
        if (n == null) {
            if (amount == null) return;
            n = inventory.getOrCreate(nodeName);
        }
        Resources current = n.holds.get(id);
        if (Objects.equals(current, amount)) return;
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
            state.forgetIfEmpty(node);
            state.capacityGen++;
        }
    }
}

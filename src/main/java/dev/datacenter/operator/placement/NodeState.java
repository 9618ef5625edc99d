package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The engine's mutable view of one node: what runs there, what is held and reserved, and what is free. */
final class NodeState {

    private final String name;
    private NodeSpec spec;
    private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    private Resources used = Resources.ZERO;
    private int pods;
    private final TreeMap<String, Resources> holds = new TreeMap<>();
    private Resources held = Resources.ZERO;
    private final TreeMap<String, Resources> reservedByPool = new TreeMap<>();
    private final Map<String, Resources> usedByPool = new HashMap<>();
    private final TreeMap<String, Resources> unusedReserved = new TreeMap<>();
    private Resources generalFree = Resources.ZERO;
    /** The spec's NoSchedule/NoExecute taints, null when none (the common case: one null check). */
    private Taint[] hardTaints;
    /** The spec's PreferNoSchedule taints, null when none. */
    private Taint[] softTaints;

    private final PortAllocator ports;
    private final List<NodeGroup> groups = new ArrayList<>();
    private final List<FreeIndex> memberships = new ArrayList<>(4);
    private long keyCpu;
    private long keyMem;
    /** Cached by {@link TargetHint}: this node's values and per-value indexes for the hint fields. */
    private long[][] hintWeights;

    private FreeIndex[] hintIndexes;
    private long hintStamp = -1;
    private NodeSpec hintSpec;
    private NodeGroup hintGroup;

    NodeState(String name) {
        this.name = name;
        this.ports = new PortAllocator(PortRange.DEFAULT);
    }

    private NodeState(long cpu, long mem) {
        this.name = "";
        this.ports = null;
        this.keyCpu = cpu;
        this.keyMem = mem;
    }

    static NodeState probe(long cpu, long mem) {
        return new NodeState(cpu, mem);
    }

    /** Replaces the spec (null: the node is gone) and what is drawn from it. Call inside an inventory update. */
    void respec(NodeSpec spec) {
        NodeSpec old = this.spec;
        this.spec = spec;
        indexTaints();
        if (spec != null && (old == null || !old.portRange().equals(spec.portRange())))
            ports.setRange(spec.portRange());
    }

    /** Moves this probe (a lookup key, never indexed) to the given free capacity. */
    void probeAt(long cpus, long mem) {
        keyCpu = cpus;
        keyMem = mem;
    }

    /** Accounts a task on this node: usage, pod count, ports and usage by pool. Call inside an inventory update. */
    void addTask(TaskRecord t) {
        tasks.put(t.id(), t);
        used = used.plus(t.resources());
        pods++;
        ports.hold(t.ports());
        if (t.pool() != null) usedByPool.merge(t.pool(), t.resources(), Resources::plus);
    }

    /** Takes a task off this node, undoing {@link #addTask}. Call inside an inventory update. */
    void removeTask(TaskRecord t) {
        tasks.remove(t.id());
        used = used.minus(t.resources());
        pods--;
        ports.release(t.ports());
        if (t.pool() != null) unuse(t.pool(), t.resources());
    }

    /** Moves a task's usage from pool {@code from} to pool {@code to} (either may be null). Call inside an inventory update. */
    void reattribute(TaskRecord t, String from, String to) {
        if (from != null) unuse(from, t.resources());
        if (to != null) usedByPool.merge(to, t.resources(), Resources::plus);
    }

    private void unuse(String pool, Resources r) {
        Resources left = usedByPool.getOrDefault(pool, Resources.ZERO).minus(r);
        if (left.isZero()) usedByPool.remove(pool);
        else usedByPool.put(pool, left);
    }

    /** The resources held for a task id (a pin with held resources, or a nomination), or null. */
    Resources holdOf(String id) {
        return holds.get(id);
    }

    /** Sets (or with null releases) what is held for a task id. Call inside an inventory update. */
    void hold(String id, Resources amount) {
        Resources current = holds.remove(id);
        if (current != null) held = held.minus(current);
        if (amount != null) {
            holds.put(id, amount);
            held = held.plus(amount);
        }
    }

    /** Sets (or with null removes) the pool's reservation on this node. Call inside an inventory update. */
    void reserve(String pool, Resources amount) {
        if (amount == null) reservedByPool.remove(pool);
        else reservedByPool.put(pool, amount);
    }

    boolean hasReservations() {
        return !reservedByPool.isEmpty();
    }

    /** Drops every reservation (the node is gone). Call inside an inventory update. */
    void clearReservations() {
        reservedByPool.clear();
    }

    /** Notes that the node belongs to a group (the group keeps its members itself). Call inside an inventory update. */
    void join(NodeGroup g) {
        groups.add(g);
    }

    void leave(NodeGroup g) {
        groups.remove(g);
    }

    void leaveAllGroups() {
        groups.clear();
    }

    /** Notes that an index holds this node, so that {@link #unindex} can take it out. */
    void indexedIn(FreeIndex index) {
        memberships.add(index);
    }

    /** Takes the node out of every index that holds it. */
    void unindex() {
        for (int i = 0; i < memberships.size(); i++) memberships.get(i).remove(this);
        memberships.clear();
    }

    /** Whether {@link #cacheHint} was called for these hint fields, this spec and this group. */
    boolean hintCurrent(long stamp, NodeGroup group) {
        return hintStamp == stamp && hintSpec == spec && hintGroup == group;
    }

    /** Caches {@link TargetHint}'s per-field cells and indexes for this node. */
    void cacheHint(long[][] weights, FreeIndex[] indexes, long stamp, NodeGroup group) {
        hintWeights = weights;
        hintIndexes = indexes;
        hintStamp = stamp;
        hintSpec = spec;
        hintGroup = group;
    }

    /** Sets the taint arrays from the spec; call whenever the spec changes. */
    private void indexTaints() {
        hardTaints = null;
        softTaints = null;
        if (spec == null || spec.taints().isEmpty()) return;
        List<Taint> hard = new ArrayList<>();
        List<Taint> soft = new ArrayList<>();
        for (Taint t : spec.taints()) {
            if (t.hard()) hard.add(t);
            else if (t.soft()) soft.add(t);
        }
        hardTaints = hard.isEmpty() ? null : hard.toArray(new Taint[0]);
        softTaints = soft.isEmpty() ? null : soft.toArray(new Taint[0]);
    }

    /** The node has a PreferNoSchedule taint the app does not tolerate: it ranks after every other node. */
    boolean disfavours(AppState app) {
        return softTaints != null && !app.toleratesAll(softTaints);
    }

    boolean present() {
        return spec != null;
    }

    boolean offerable() {
        return spec != null && spec.schedulable();
    }

    boolean podsFull() {
        return spec.maxPods() > 0 && pods >= spec.maxPods();
    }

    boolean gpuNode() {
        return spec != null && spec.allocatable().gpus() > 0;
    }

    String attribute(String field) {
        return spec == null ? null : NodeAttributes.value(field, name, spec.labels());
    }

    /** Free resources a task of {@code pool} may use: the general free plus the pool's unused reservation. */
    Resources freeFor(String pool) {
        Resources r = unusedReserved.get(pool);
        return r == null ? generalFree : generalFree.plus(r);
    }

    /** Recomputes unused reservations (pool-name order) and the general free from the accounting. */
    void recompute() {
        unusedReserved.clear();
        if (!offerable()) {
            generalFree = Resources.ZERO;
            return;
        }
        Resources avail = spec.allocatable().minus(used).minus(held).clampToZero();
        for (Map.Entry<String, Resources> e : reservedByPool.entrySet()) {
            Resources u = e.getValue()
                    .minus(usedByPool.getOrDefault(e.getKey(), Resources.ZERO))
                    .clampToZero()
                    .min(avail);
            if (!u.isZero()) {
                unusedReserved.put(e.getKey(), u);
                avail = avail.minus(u);
            }
        }
        generalFree = avail;
        keyCpu = avail.cpus();
        keyMem = avail.mem();
    }

    Resources generalFree() {
        return generalFree;
    }

    List<NodeGroup> groups() {
        return groups;
    }

    Taint[] hardTaints() {
        return hardTaints;
    }

    Resources held() {
        return held;
    }

    FreeIndex[] hintIndexes() {
        return hintIndexes;
    }

    long[][] hintWeights() {
        return hintWeights;
    }

    TreeMap<String, Resources> holds() {
        return holds;
    }

    long keyCpu() {
        return keyCpu;
    }

    long keyMem() {
        return keyMem;
    }

    String name() {
        return name;
    }

    PortAllocator ports() {
        return ports;
    }

    TreeMap<String, Resources> reservedByPool() {
        return reservedByPool;
    }

    Taint[] softTaints() {
        return softTaints;
    }

    NodeSpec spec() {
        return spec;
    }

    Map<String, TaskRecord> tasks() {
        return tasks;
    }

    TreeMap<String, Resources> unusedReserved() {
        return unusedReserved;
    }

    Resources used() {
        return used;
    }

    Map<String, Resources> usedByPool() {
        return usedByPool;
    }
}

package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The engine's mutable view of one node: what runs there, what is held and reserved, and what is free. */
final class NodeState {

    final String name;
    NodeSpec spec;
    final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    Resources used = Resources.ZERO;
    int pods;
    final TreeMap<String, Resources> holds = new TreeMap<>();
    Resources held = Resources.ZERO;
    final TreeMap<String, Resources> reservedByPool = new TreeMap<>();
    final Map<String, Resources> usedByPool = new HashMap<>();
    final TreeMap<String, Resources> unusedReserved = new TreeMap<>();
    Resources generalFree = Resources.ZERO;
    /** The spec's NoSchedule/NoExecute taints, null when none (the common case: one null check). */
    Taint[] hardTaints;
    /** The spec's PreferNoSchedule taints, null when none. */
    Taint[] softTaints;

    final PortAllocator ports;
    final List<NodeGroup> groups = new ArrayList<>();
    final List<FreeIndex> memberships = new ArrayList<>(4);
    long keyCpu;
    long keyMem;
    /** Cached by {@link TargetHint}: this node's values and per-value indexes for the hint fields. */
    long[][] hintWeights;

    FreeIndex[] hintIndexes;
    long hintStamp = -1;
    NodeSpec hintSpec;
    NodeGroup hintGroup;

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

    /** Sets the taint arrays from the spec; call whenever the spec changes. */
    void indexTaints() {
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
}

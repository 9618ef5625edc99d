package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The engine's mutable view of one app: spec, compiled rules, pending and placed instances, value counts. */
final class AppState {

    final String key;
    AppSpec spec;
    ConstraintEvaluator rules;
    int[] portRequest;
    /** Apps with equal shapes (pool, resources, ports, no constraints) fail alike within a pass; null when constrained. */
    String shape;

    List<AppError> specErrors = List.of();
    PoolState pool;
    final TreeSet<Integer> requested = new TreeSet<>();
    final TreeSet<Integer> waiting = new TreeSet<>();
    /** Placed or assumed instances by ordinal; a hash map (the hot path puts one per placement): iterate sorted where order matters. */
    final HashMap<Integer, TaskRecord> instances = new HashMap<>();

    Resources allocated = Resources.ZERO;
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    int demandCounted;
    boolean listedWaiting;

    boolean failedUnpinned;
    final Set<Integer> failedPinned = new HashSet<>();
    int rank;

    /** Instances the freed room of a preemption is held for: ordinal to the node (a pin while nominated). */
    final TreeMap<Integer, Pin> nominated = new TreeMap<>();

    PendingSummary summary;
    long summaryVersion = -1;

    AppState(String key) {
        this.key = key;
    }

    List<AppError> errors() {
        if (pool != null && pool.declared) return specErrors;
        List<AppError> all = new ArrayList<>(specErrors);
        all.add(new AppError(AppError.POOL_NOT_FOUND, "pool '" + spec.pool() + "' does not exist"));
        return all;
    }

    boolean placeable() {
        return specErrors.isEmpty() && pool != null && pool.declared;
    }

    int demand() {
        return placeable() ? waiting.size() : 0;
    }

    boolean wantsGpu() {
        return spec.resources().gpus() > 0;
    }

    int count(String field, String value) {
        Map<String, Integer> m = counts.get(field);
        if (m == null) return 0;
        Integer c = m.get(value);
        return c == null ? 0 : c;
    }

    /** Adds or removes (delta -1) one instance on node {@code n} to the per-value counts. */
    void count(NodeState n, int delta) {
        for (String field : rules.countedFields) {
            String v = n.attribute(field);
            if (v == null) continue;
            Map<String, Integer> m = counts.computeIfAbsent(field, f -> new HashMap<>());
            int c = m.getOrDefault(v, 0) + delta;
            if (c <= 0) m.remove(v);
            else m.put(v, c);
        }
    }

    void recount(NodeInventory inventory) {
        counts.clear();
        for (TaskRecord t : instances.values()) {
            NodeState n = inventory.find(t.node);
            if (n != null) count(n, +1);
        }
    }

    /** The next waiting instance worth trying this cycle, or null. */
    Integer nextCandidate() {
        if (waiting.isEmpty()) return null;
        if (!failedUnpinned && failedPinned.isEmpty()) return waiting.first();
        if (failedUnpinned && spec.pins().isEmpty() && nominated.isEmpty()) return null;
        for (Integer i : waiting) {
            if (pinOf(i) != null) {
                if (!failedPinned.contains(i)) return i;
            } else if (!failedUnpinned) {
                return i;
            }
        }
        return null;
    }

    /** The instance's pin: its volume's node, else the node nominated for it by a preemption; null for none. */
    Pin pinOf(int ordinal) {
        Pin p = spec.pins().get(ordinal);
        return p != null || nominated.isEmpty() ? p : nominated.get(ordinal);
    }

    void resetCycle() {
        failedUnpinned = false;
        failedPinned.clear();
    }
}

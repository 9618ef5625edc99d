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
    /** Already put on the cycle's limited or scarce list this pass. */
    boolean listedAfterFailure;

    final Set<Integer> failedPinned = new HashSet<>();
    int rank;

    /** Instances the freed room of a preemption is held for: ordinal to the node (a pin while nominated). */
    final TreeMap<Integer, Pin> nominated = new TreeMap<>();

    PendingSummary summary;
    long summaryVersion = -1;

    /** spec.tolerations plus the default ones (nvidia.com/gpu for a GPU app). */
    List<Toleration> tolerations = List.of();

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

    /** Sets {@link #tolerations} from the spec; call whenever the spec changes. */
    void indexTolerations() {
        if (!wantsGpu()) {
            tolerations = spec.tolerations();
            return;
        }
        List<Toleration> all = new ArrayList<>(spec.tolerations());
        all.add(Toleration.exists(GPU_TAINT));
        tolerations = List.copyOf(all);
    }

    /** The taint GPU nodes commonly carry; apps asking for GPUs tolerate it by default. */
    static final String GPU_TAINT = "nvidia.com/gpu";

    boolean toleratesAll(Taint[] taints) {
        for (Taint t : taints) {
            if (!Toleration.any(tolerations, t)) return false;
        }
        return true;
    }

    /** Whether the node refused this instance lately. */
    boolean barred(int instance, String node) {
        if (spec.barred().isEmpty()) return false;
        Set<String> nodes = spec.barred().get(instance);
        return nodes != null && nodes.contains(node);
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

    /**
     * Whether the instance is tried on its own: pinned (by a volume, or nominated after a preemption), or barred from nodes that refused it (its failure
     * says nothing about the app's other instances). Failures of such instances go to {@link #failedPinned}.
     */
    boolean individual(int instance) {
        return pinOf(instance) != null || spec.barred().containsKey(instance);
    }

    /** The next waiting instance worth trying this cycle, or null. */
    Integer nextCandidate() {
        if (waiting.isEmpty()) return null;
        if (!failedUnpinned && failedPinned.isEmpty()) return waiting.first();
        if (failedUnpinned
                && spec.pins().isEmpty()
                && nominated.isEmpty()
                && spec.barred().isEmpty()) return null;
        for (Integer i : waiting) {
            if (individual(i)) {
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
        listedAfterFailure = false;
        failedUnpinned = false;
        failedPinned.clear();
    }
}

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

    private final String key;
    private AppSpec spec;
    private ConstraintEvaluator rules;
    private int[] portRequest;
    /** Apps with equal shapes (pool, resources, ports, no constraints) fail alike within a pass; null when constrained. */
    private String shape;

    private List<AppError> specErrors = List.of();
    private PoolState pool;
    private final TreeSet<Integer> requested = new TreeSet<>();
    private final TreeSet<Integer> waiting = new TreeSet<>();
    /** Placed or assumed instances by ordinal; a hash map (the hot path puts one per placement): iterate sorted where order matters. */
    private final HashMap<Integer, TaskRecord> instances = new HashMap<>();

    private Resources allocated = Resources.ZERO;
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private int demandCounted;
    private boolean listedWaiting;

    private boolean failedUnpinned;
    /** Already put on the cycle's limited or scarce list this pass. */
    private boolean listedAfterFailure;

    private final Set<Integer> failedPinned = new HashSet<>();
    private int rank;

    /** Instances the freed room of a preemption is held for: ordinal to the node (a pin while nominated). */
    private final TreeMap<Integer, Pin> nominated = new TreeMap<>();

    private PendingSummary summary;
    private long summaryVersion = -1;

    /** spec.tolerations plus the default ones (nvidia.com/gpu for a GPU app). */
    private List<Toleration> tolerations = List.of();

    AppState(String key) {
        this.key = key;
    }

    List<AppError> errors() {
        if (pool != null && pool.declared()) return specErrors;
        List<AppError> all = new ArrayList<>(specErrors);
        all.add(new AppError(AppError.POOL_NOT_FOUND, "pool '" + spec.pool() + "' does not exist"));
        return all;
    }

    boolean placeable() {
        return specErrors.isEmpty() && pool != null && pool.declared();
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

    /** Brings its pool's demand up to date with this app's; call after any change of waiting, spec or pool. */
    void syncDemand() {
        int d = demand();
        if (d != demandCounted) {
            pool.addDemand(d - demandCounted);
            demandCounted = d;
        }
    }

    /** Whether the app must be listed among the waiting apps or taken off: returns true when that flipped. */
    boolean relist() {
        boolean waits = !waiting.isEmpty();
        if (waits == listedWaiting) return false;
        listedWaiting = waits;
        return true;
    }

    /** Takes a new spec: compiles its constraints and checks its ports (errors become {@link #errors()}). */
    void respec(AppSpec spec) {
        this.spec = spec;
        indexTolerations();
        rules = ConstraintEvaluator.compile(spec.constraints());
        portRequest = spec.ports().stream().mapToInt(Integer::intValue).toArray();
        List<AppError> errors = new ArrayList<>(rules.errors());
        portErrors(spec, errors);
        specErrors = List.copyOf(errors);
        shape = spec.constraints().isEmpty() && spec.colocateWith().isEmpty()
                ? spec.pool() + "|" + spec.resources() + "|" + spec.ports() + "|" + spec.tolerations()
                : null;
    }

    private static void portErrors(AppSpec spec, List<AppError> errors) {
        Set<Integer> fixed = new HashSet<>();
        for (int p : spec.ports()) {
            if (p < 0 || p > 65535) errors.add(new AppError("InvalidPorts", "host port " + p + " out of range"));
            else if (p > 0 && !fixed.add(p))
                errors.add(new AppError("InvalidPorts", "host port " + p + " requested twice"));
        }
    }

    /** Takes over a task recorded before the app was known (its per-value counts need a {@link #recount} after). */
    void adopt(TaskRecord t) {
        instances.put(t.instance(), t);
        allocated = allocated.plus(t.resources());
    }

    /** Sets which instances need a node and which of them wait (those without a task). */
    void request(Set<Integer> ordinals) {
        requested.clear();
        requested.addAll(ordinals);
        resetWaiting();
    }

    /** Recomputes the waiting instances: requested ones without a task. */
    void resetWaiting() {
        waiting.clear();
        for (int i : requested) if (!instances.containsKey(i)) waiting.add(i);
    }

    /** The freed room of a preemption on {@code node} is held for the instance: it is pinned there meanwhile. */
    void nominate(int instance, String node) {
        nominated.put(instance, new Pin(node, true));
    }

    void unnominate(int instance) {
        nominated.remove(instance);
    }

    /** The summary cached at engine version {@code version}, or null when none is. */
    PendingSummary summary(long version) {
        return summaryVersion == version ? summary : null;
    }

    void cacheSummary(PendingSummary s, long version) {
        summary = s;
        summaryVersion = version;
    }

    /** Leaves its pool (the app moves to another or is removed): its demand no longer counts there. */
    void leavePool() {
        pool.addDemand(-demandCounted);
        demandCounted = 0;
        pool.removeApp(key);
    }

    /** Joins a pool; {@link #syncDemand} counts its demand there. */
    void joinPool(PoolState p) {
        pool = p;
        p.addApp(this);
    }

    /** No longer listed among the waiting apps (it is removed). */
    void unlist() {
        listedWaiting = false;
    }

    /**
     * Records the instance's task (placed, running or adopted) on node {@code n}; returns whether the instance
     * was waiting (it no longer is).
     */
    boolean addInstance(TaskRecord t, NodeState n) {
        instances.put(t.instance(), t);
        allocated = allocated.plus(t.resources());
        count(n, +1);
        return waiting.remove(t.instance());
    }

    /** Forgets the instance's task on node {@code n}; the instance waits again while it is requested. */
    void removeInstance(TaskRecord t, NodeState n) {
        instances.remove(t.instance());
        allocated = allocated.minus(t.resources());
        count(n, -1);
        if (requested.contains(t.instance())) waiting.add(t.instance());
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
        for (String field : rules.countedFields()) {
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
            NodeState n = inventory.find(t.node());
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

    /** The app enters a pass at place {@code rank} (the tie-break of its pool's order), with no failures yet. */
    void enterPass(int rank) {
        this.rank = rank;
        resetCycle();
    }

    /** An unpinned instance found no node: the app's other unpinned instances would not either, this pass. */
    void failUnpinned() {
        failedUnpinned = true;
    }

    /** An instance tried on its own found no node this pass. */
    void failPinned(int instance) {
        failedPinned.add(instance);
    }

    /** Whether the app is put on the pass's limited or scarce list now: true only the first time in a pass. */
    boolean listAfterFailure() {
        if (listedAfterFailure) return false;
        listedAfterFailure = true;
        return true;
    }

    private void resetCycle() {
        listedAfterFailure = false;
        failedUnpinned = false;
        failedPinned.clear();
    }

    Resources allocated() {
        return allocated;
    }

    HashMap<Integer, TaskRecord> instances() {
        return instances;
    }

    String key() {
        return key;
    }

    boolean listedWaiting() {
        return listedWaiting;
    }

    TreeMap<Integer, Pin> nominated() {
        return nominated;
    }

    PoolState pool() {
        return pool;
    }

    int[] portRequest() {
        return portRequest;
    }

    int rank() {
        return rank;
    }

    TreeSet<Integer> requested() {
        return requested;
    }

    ConstraintEvaluator rules() {
        return rules;
    }

    String shape() {
        return shape;
    }

    AppSpec spec() {
        return spec;
    }

    TreeSet<Integer> waiting() {
        return waiting;
    }
}

package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A packing hint for attribute fields (other than hostname) that apps target with IS, CLUSTER or LIKE: per
 * value, the waiting demand pinned to it (instances times cpus; a LIKE spreads its weight over the values it
 * allows). Among nodes that fit a request equally well (same free cpus and memory), the search prefers the one
 * whose value has the most free cpus left net of that demand, so that work does not fill the racks (zones, ...)
 * others are pinned to and the slack of every targeted value stays even.
 * Integer weights: the sums do not depend on iteration order, so decisions stay deterministic.
 */
@SuppressWarnings("unchecked")
final class TargetHint {

    /** How many nodes with the same free key the search looks at beyond the first that fits. */
    static final int TIE_SCAN = 64;
    /** How many risky nodes (see {@link #risky}) the search passes over looking for a safe one. */
    static final int RISKY_SCAN = 8;

    private final Map<String, Map<String, Long>> weights = new HashMap<>();
    private String[] fields = new String[0];
    /** Per field, per value, a one-element weight cell that nodes cache (no lookup on the search path). */
    private Map<String, long[]>[] holders = new Map[0];
    /** Bumped when the set of hint fields changes: invalidates what nodes cache. */
    private long fieldsStamp;

    private long builtVersion = -1;

    boolean isEmpty() {
        return fields.length == 0;
    }

    /** Rebuilds from the apps when anything changed since the last build (called once per pass). */
    void refresh(Map<String, AppState> apps, long version) {
        if (version == builtVersion) return;
        builtVersion = version;
        weights.clear();
        for (AppState a : apps.values()) {
            if (a.rules() == null || a.rules().rules().isEmpty() || !a.placeable()) continue;
            long amount = (long) a.requested().size()
                    * Math.max(1, a.spec().resources().cpus());
            if (amount == 0) continue;
            for (ConstraintEvaluator.Rule rule : a.rules().rules()) {
                if (NodeAttributes.HOSTNAME.equals(rule.field())) continue;
                switch (rule.op()) {
                    case IS, CLUSTER -> {
                        if (rule.value() != null) add(rule.field(), rule.value(), amount);
                    }
                    case LIKE -> {
                        if (a.pool().group() == null) continue;
                        List<String> allowed = likeValues(a.pool().group(), rule);
                        if (allowed.isEmpty()) continue;
                        long each = Math.max(1, amount / allowed.size());
                        for (String v : allowed) add(rule.field(), v, each);
                    }
                    default -> {}
                }
            }
        }
        String[] now = weights.keySet().toArray(new String[0]);
        java.util.Arrays.sort(now);
        if (!java.util.Arrays.equals(now, fields)) {
            fields = now;
            fieldsStamp++;
            holders = new Map[fields.length];
            for (int i = 0; i < fields.length; i++) holders[i] = new HashMap<>();
        }
        for (int i = 0; i < fields.length; i++) {
            for (long[] h : holders[i].values()) h[0] = 0;
            for (Map.Entry<String, Long> e : weights.get(fields[i]).entrySet()) holder(i, e.getKey())[0] = e.getValue();
        }
    }

    /** The weight cell of a value, kept across rebuilds (nodes hold on to it) while the fields stay the same. */
    private long[] holder(int field, String value) {
        return holders[field].computeIfAbsent(value, v -> new long[1]);
    }

    /** The node's values and per-value indexes for the hint fields, cached in the node. */
    private void resolve(NodeState n, NodeGroup g) {
        if (n.hintCurrent(fieldsStamp, g)) return;
        int k = fields.length;
        long[][] cells = new long[k][];
        FreeIndex[] idx = new FreeIndex[k];
        boolean gpu = n.gpuNode();
        for (int i = 0; i < k; i++) {
            String v = n.attribute(fields[i]);
            if (v == null) continue;
            cells[i] = holder(i, v);
            FreeIndex[] pair = g.field(fields[i]).get(v);
            idx[i] = pair == null ? null : pair[gpu ? 1 : 0];
        }
        n.cacheHint(cells, idx, fieldsStamp, g);
    }

    private record LikeKey(NodeGroup group, String field, String regex) {}

    private record LikeValues(int valueCount, List<String> allowed) {}

    /** Matched values of LIKE rules, cached while the field's value count stays the same. */
    private final Map<LikeKey, LikeValues> likeCache = new HashMap<>();

    private List<String> likeValues(NodeGroup g, ConstraintEvaluator.Rule rule) {
        java.util.TreeMap<String, FreeIndex[]> values = g.field(rule.field());
        LikeKey key = new LikeKey(g, rule.field(), rule.value());
        LikeValues cached = likeCache.get(key);
        if (cached != null && cached.valueCount == values.size()) return cached.allowed;
        List<String> allowed = new ArrayList<>();
        for (String v : values.keySet()) if (rule.pattern().matcher(v).matches()) allowed.add(v);
        if (likeCache.size() > 1024) likeCache.clear();
        likeCache.put(key, new LikeValues(values.size(), allowed));
        return allowed;
    }

    private void add(String field, String value, long amount) {
        weights.computeIfAbsent(field, f -> new HashMap<>()).merge(value, amount, Long::sum);
    }

    /**
     * True when taking {@code cpus} on this node would leave its value (of a targeted field the app is not itself
     * pinned to with IS or CLUSTER) fewer free cpus than the demand other apps pin there: such nodes are used
     * only when no other fits.
     */
    boolean risky(NodeState n, NodeGroup g, boolean[] exempt, long cpus) {
        resolve(n, g);
        for (int i = 0; i < fields.length; i++) {
            if (exempt[i]) continue;
            long[] cell = n.hintWeights()[i];
            if (cell == null) continue;
            long w = cell[0];
            if (w == 0) continue;
            FreeIndex idx = n.hintIndexes()[i];
            if (idx != null && idx.freeCpu() - cpus < w) return true;
        }
        return false;
    }

    /** Per hint field, whether the app is itself pinned to it (then the field never makes a node risky for it). */
    boolean[] exemptions(AppState app) {
        boolean[] e = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) e[i] = pinnedTo(app, fields[i]);
        return e;
    }

    private static boolean pinnedTo(AppState app, String field) {
        for (ConstraintEvaluator.Rule rule : app.rules().rules()) {
            if ((rule.op() == Constraint.Operator.IS || rule.op() == Constraint.Operator.CLUSTER)
                    && field.equals(rule.field())) return true;
        }
        return false;
    }

    /**
     * Per targeted field, the demand pinned to the node's value minus the free cpus left on that value in the
     * group: lower is better, so work keeps the slack of targeted values even and away from pinned demand.
     */
    long penalty(NodeState n, NodeGroup g) {
        resolve(n, g);
        long p = 0;
        for (int i = 0; i < fields.length; i++) {
            long[] cell = n.hintWeights()[i];
            if (cell == null) continue;
            p += cell[0];
            FreeIndex idx = n.hintIndexes()[i];
            if (idx != null) p -= idx.freeCpu();
        }
        return p;
    }
}

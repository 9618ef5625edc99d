package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds the best node for one instance without scanning the cluster where the rules allow: pins and
 * hostname rules look nodes up by name; IS, CLUSTER, LIKE, UNIQUE, MAX_PER and colocation on a
 * low-cardinality attribute search only the per-value indexes of the allowed values; GROUP_BY searches
 * value tiers from the least used upward (so the spread stays even among values with room). Within an
 * index the fullest node that fits wins (best fit); nodes with the pool's unused reservation go first.
 */
final class NodeSearch {

    /** Above this many allowed values, a per-value search is replaced by one scan with a filter. */
    static final int MAX_VALUE_SOURCES = 64;

    private final NodeInventory inventory;
    private final NodeCheck check;
    /** Tie-break among equally fitting nodes: away from attribute values other apps are pinned to. */
    private final TargetHint hint = new TargetHint();

    NodeSearch(NodeInventory inventory, NodeCheck check) {
        this.inventory = inventory;
        this.check = check;
    }

    /**
     * @param fallback false: non-GPU instances see only non-GPU nodes; true: the scarce-resource fallback,
     *                 where a non-GPU instance may take a GPU node because nothing else fitted
     */
    NodeState find(PlacementRequest r, boolean fallback) {
        return search(r, fallback);
    }

    /**
     * PreferNoSchedule: a search among equally allowed nodes (one constraint tier, one set of host names) runs
     * first without the nodes whose soft taints the app does not tolerate, then, only if it passed one over and
     * found nothing, with them. While no node has such a taint, this is the plain search.
     */
    private NodeState preferUntainted(java.util.function.Supplier<NodeState> search) {
        avoidSoft = true;
        skippedSoft = false;
        NodeState n;
        try {
            n = search.get();
        } finally {
            avoidSoft = false;
        }
        return n != null || !skippedSoft ? n : search.get();
    }

    /** While set, nodes with a PreferNoSchedule taint the app does not tolerate are passed over. */
    private boolean avoidSoft;

    private boolean skippedSoft;

    /** Whether the search passes over the node (without counting an offer) for its soft taints. */
    private boolean disfavoured(NodeState n, PlacementRequest r) {
        if (avoidSoft && n.softTaints() != null && n.disfavours(r.app())) {
            skippedSoft = true;
            return true;
        }
        return false;
    }

    private NodeState search(PlacementRequest r, boolean fallback) {
        boolean gpuSide = r.app().wantsGpu() || fallback;
        if (r.pin() != null) {
            NodeState n = inventory.find(r.pin().node());
            return n != null && check.offer(n, r, true) == null ? n : null;
        }
        Set<String> hosts = hostTargets(r);
        if (hosts != null) return bestByName(hosts, r, fallback);
        NodeGroup g = r.pool().group();
        ConstraintEvaluator.Rule spread = null;
        for (ConstraintEvaluator.Rule rule : r.app().rules().rules()) {
            if (rule.op() == Constraint.Operator.GROUP_BY) {
                spread = rule;
                break;
            }
        }
        if (spread != null) return spread(spread, r, g, gpuSide, fallback);
        List<FreeIndex> sources = valueSources(r, g, gpuSide);
        return searchTier(sources != null ? sources : List.of(g.main(gpuSide)), null, r, fallback);
    }

    /** Node names allowed by hostname rules (IS, CLUSTER, colocation on @hostname), or null when none applies. */
    private static Set<String> hostTargets(PlacementRequest r) {
        Set<String> hosts = null;
        List<ConstraintEvaluator.Rule> rules = r.app().rules().rules();
        for (int i = 0; i < rules.size(); i++) {
            ConstraintEvaluator.Rule rule = rules.get(i);
            if (!NodeAttributes.HOSTNAME.equals(rule.field())) continue;
            String target = null;
            if (rule.op() == Constraint.Operator.IS) target = rule.value();
            else if (rule.op() == Constraint.Operator.CLUSTER)
                target = rule.value() != null ? rule.value() : r.sticky()[i];
            if (target != null) hosts = intersect(hosts, Set.of(target));
        }
        List<Colocation> coloc = r.app().spec().colocateWith();
        for (int i = 0; i < coloc.size(); i++) {
            if (NodeAttributes.isHostname(coloc.get(i).field()))
                hosts = intersect(hosts, r.colocValues().get(i));
        }
        return hosts;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a == null) return new TreeSet<>(b);
        a.retainAll(b);
        return a;
    }

    private NodeState bestByName(Set<String> hosts, PlacementRequest r, boolean fallback) {
        if (inventory.softTainted() == 0) return bestByName0(hosts, r, fallback);
        return preferUntainted(() -> bestByName0(hosts, r, fallback));
    }

    private NodeState bestByName0(Set<String> hosts, PlacementRequest r, boolean fallback) {
        NodeState best = null;
        for (String h : new TreeSet<>(hosts)) {
            NodeState n = inventory.find(h);
            if (n == null || disfavoured(n, r)) continue;
            if (check.offer(n, r, fallback) == null && (best == null || FreeIndex.ORDER.compare(n, best) < 0)) best = n;
        }
        return best;
    }

    /** GROUP_BY: values in tiers of equal instance count, least used first; the first tier with room wins. */
    private NodeState spread(
            ConstraintEvaluator.Rule rule, PlacementRequest r, NodeGroup g, boolean gpuSide, boolean fallback) {
        String field = rule.field();
        AppState app = r.app();
        TreeMap<String, FreeIndex[]> values = NodeAttributes.HOSTNAME.equals(field) ? null : g.field(field);
        if (values == null || values.size() > MAX_VALUE_SOURCES) {
            FreeIndex all = g.main(gpuSide);
            int maxTier = app.instances().size();
            for (int tier = 0; tier <= maxTier; tier++) {
                final int t = tier;
                Predicate<NodeState> inTier = n -> {
                    String v = n.attribute(field);
                    return v != null && app.count(field, v) == t;
                };
                NodeState n = searchTier(List.of(all), inTier, r, fallback);
                if (n != null) return n;
            }
            return null;
        }
        List<String> ordered = new ArrayList<>(values.keySet());
        ordered.sort(Comparator.comparingInt((String v) -> app.count(field, v)).thenComparing(v -> v));
        int i = 0;
        while (i < ordered.size()) {
            int count = app.count(field, ordered.get(i));
            Set<String> tierValues = new HashSet<>();
            List<FreeIndex> sources = new ArrayList<>();
            while (i < ordered.size() && app.count(field, ordered.get(i)) == count) {
                tierValues.add(ordered.get(i));
                sources.add(values.get(ordered.get(i))[gpuSide ? 1 : 0]);
                i++;
            }
            NodeState n = searchTier(sources, node -> tierValues.contains(node.attribute(field)), r, fallback);
            if (n != null) return n;
        }
        return null;
    }

    /** The per-value indexes allowed by the most selective value rule, or null for a full search. */
    private static List<FreeIndex> valueSources(PlacementRequest r, NodeGroup g, boolean gpuSide) {
        List<String> bestValues = null;
        TreeMap<String, FreeIndex[]> bestField = null;
        List<ConstraintEvaluator.Rule> rules = r.app().rules().rules();
        for (int i = 0; i < rules.size(); i++) {
            ConstraintEvaluator.Rule rule = rules.get(i);
            if (NodeAttributes.HOSTNAME.equals(rule.field())) continue;
            List<String> allowed = null;
            TreeMap<String, FreeIndex[]> values;
            switch (rule.op()) {
                case IS, CLUSTER -> {
                    String target = rule.value() != null ? rule.value() : r.sticky()[i];
                    if (target == null) continue;
                    values = g.field(rule.field());
                    allowed = List.of(target);
                }
                case LIKE -> {
                    values = g.field(rule.field());
                    if (values.size() > MAX_VALUE_SOURCES) continue;
                    allowed = new ArrayList<>();
                    for (String v : values.keySet())
                        if (rule.pattern().matcher(v).matches()) allowed.add(v);
                }
                case UNIQUE, MAX_PER -> {
                    values = g.field(rule.field());
                    if (values.size() > MAX_VALUE_SOURCES) continue;
                    int max = rule.op() == Constraint.Operator.UNIQUE ? 1 : rule.number();
                    allowed = new ArrayList<>();
                    for (String v : values.keySet()) if (r.app().count(rule.field(), v) < max) allowed.add(v);
                }
                default -> {
                    continue;
                }
            }
            if (bestValues == null || allowed.size() < bestValues.size()) {
                bestValues = allowed;
                bestField = values;
            }
        }
        List<Colocation> coloc = r.app().spec().colocateWith();
        for (int i = 0; i < coloc.size(); i++) {
            Set<String> allowed = r.colocValues().get(i);
            if (NodeAttributes.isHostname(coloc.get(i).field()) || allowed.size() > MAX_VALUE_SOURCES) continue;
            if (bestValues == null || allowed.size() < bestValues.size()) {
                bestValues = new ArrayList<>(new TreeSet<>(allowed));
                bestField = g.field(coloc.get(i).field());
            }
        }
        if (bestValues == null) return null;
        List<FreeIndex> sources = new ArrayList<>(bestValues.size());
        for (String v : bestValues) {
            FreeIndex[] idx = bestField.get(v);
            if (idx != null) sources.add(idx[gpuSide ? 1 : 0]);
        }
        return sources;
    }

    /**
     * The best node among the sources (each ordered fullest first) that passes every check and the filter;
     * nodes holding the pool's unused reservation are tried first.
     */
    private NodeState searchTier(
            List<FreeIndex> sources, Predicate<NodeState> filter, PlacementRequest r, boolean fallback) {
        if (inventory.softTainted() == 0) return searchTier0(sources, filter, r, fallback);
        return preferUntainted(() -> searchTier0(sources, filter, r, fallback));
    }

    private NodeState searchTier0(
            List<FreeIndex> sources, Predicate<NodeState> filter, PlacementRequest r, boolean fallback) {
        Map<String, NodeState> reserved = r.pool().reservationNodes();
        if (!reserved.isEmpty()) {
            for (NodeState n : reserved.values()) {
                if ((filter == null || filter.test(n)) && !disfavoured(n, r) && check.offer(n, r, fallback) == null)
                    return n;
            }
        }
        if (!hint.isEmpty()) return searchHinted(sources, filter, r, fallback);
        NodeState best = null;
        long cpus = r.resources().cpus();
        long mem = r.resources().mem();
        for (int s = 0; s < sources.size(); s++) {
            for (NodeState n : sources.get(s).atLeast(cpus, mem)) {
                if (best != null && FreeIndex.ORDER.compare(n, best) >= 0) break;
                if (filter != null && !filter.test(n)) continue;
                if (disfavoured(n, r)) continue;
                if (check.offer(n, r, fallback) == null) {
                    best = n;
                    break;
                }
            }
        }
        return best;
    }

    /**
     * As the plain search (fullest fitting node first), but among nodes with the same free key the one with the
     * lowest {@link TargetHint#penalty} wins (then the name); at most {@link TargetHint#TIE_SCAN} tied nodes
     * per source are looked at beyond the first that fits.
     */
    private NodeState searchHinted(
            List<FreeIndex> sources, Predicate<NodeState> filter, PlacementRequest r, boolean fallback) {
        NodeState best = null;
        NodeState risky = null;
        long bestPenalty = 0;
        long cpus = r.resources().cpus();
        long mem = r.resources().mem();
        NodeGroup g = r.pool().group();
        boolean[] exempt = hint.exemptions(r.app());
        for (int s = 0; s < sources.size(); s++) {
            int tied = 0;
            int skipped = 0;
            for (NodeState n : sources.get(s).atLeast(cpus, mem)) {
                long penalty = Long.MIN_VALUE;
                if (best != null) {
                    int kc = compareKeys(n, best);
                    if (kc > 0) break;
                    if (kc == 0) {
                        if (++tied > TargetHint.TIE_SCAN) break;
                        penalty = hint.penalty(n, g);
                        if (penalty > bestPenalty
                                || (penalty == bestPenalty && n.name().compareTo(best.name()) >= 0)) continue;
                    }
                }
                if (filter != null && !filter.test(n)) continue;
                if (disfavoured(n, r)) continue;
                if (hint.risky(n, g, exempt, cpus)) {
                    if (risky == null && NodeCheck.check(n, r, fallback) == null) risky = n;
                    if (++skipped > TargetHint.RISKY_SCAN) break;
                    continue;
                }
                if (check.offer(n, r, fallback) == null) {
                    best = n;
                    bestPenalty = penalty != Long.MIN_VALUE ? penalty : hint.penalty(n, g);
                    tied = 0;
                }
            }
        }
        if (best == null && risky != null) {
            check.offer(risky, r, fallback);
            return risky;
        }
        return best;
    }

    private static int compareKeys(NodeState a, NodeState b) {
        int c = Long.compare(a.keyCpu(), b.keyCpu());
        return c != 0 ? c : Long.compare(a.keyMem(), b.keyMem());
    }

    /** Brings the packing hint up to date with the apps' pinned demand (rebuilt only when the engine changed). */
    void refreshHint(Map<String, AppState> apps, long version) {
        hint.refresh(apps, version);
    }
}

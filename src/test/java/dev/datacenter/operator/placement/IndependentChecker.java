package dev.datacenter.operator.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A deliberately simple, brute-force model of what is running where, used to verify the engine's decisions
 * without any of the engine's own code paths (no evaluator, index, selector or port allocator of the engine).
 */
final class IndependentChecker {

    record Live(String id, String app, int instance, String node, Resources res, List<Integer> ports) {}

    final Map<String, NodeSpec> nodes = new TreeMap<>();
    final Map<String, PoolSpec> pools = new TreeMap<>();
    final Map<String, AppSpec> apps = new TreeMap<>();
    final Map<String, Live> live = new LinkedHashMap<>();

    void node(NodeSpec n) {
        nodes.put(n.name(), n);
    }

    void add(Live l) {
        live.put(l.id(), l);
    }

    void accept(OfferDecision d) {
        add(new Live(d.taskId(), d.appKey(), d.instance(), d.node(), d.resources(), d.hostPorts()));
    }

    static String attr(String field, NodeSpec n) {
        return switch (field) {
            case "@hostname", "hostname" -> n.name();
            case "@zone" -> n.labels().get("topology.kubernetes.io/zone");
            case "@region" -> n.labels().get("topology.kubernetes.io/region");
            default -> n.labels().get(field);
        };
    }

    static boolean selects(LabelSelector s, Map<String, String> labels) {
        for (var e : s.matchLabels().entrySet()) if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        for (LabelSelector.Requirement r : s.matchExpressions()) {
            String v = labels.get(r.key());
            boolean ok = switch (r.operator()) {
                case In -> v != null && r.values().contains(v);
                case NotIn -> v == null || !r.values().contains(v);
                case Exists -> v != null;
                case DoesNotExist -> v == null;
            };
            if (!ok) return false;
        }
        return true;
    }

    static boolean validConstraints(AppSpec a) {
        for (Constraint c : a.constraints()) {
            try {
                switch (c.operator()) {
                    case LIKE, UNLIKE -> Pattern.compile(Objects.requireNonNull(c.value()));
                    case IS -> Objects.requireNonNull(c.value());
                    case MAX_PER -> {
                        if (Integer.parseInt(c.value()) <= 0) return false;
                    }
                    case GROUP_BY -> {
                        if (c.value() != null && Integer.parseInt(c.value()) <= 0) return false;
                    }
                    default -> {}
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    List<Live> liveOf(String app) {
        List<Live> out = new ArrayList<>();
        for (Live l : live.values()) if (app.equals(l.app())) out.add(l);
        out.sort((x, y) -> Integer.compare(x.instance(), y.instance()));
        return out;
    }

    Resources usedOn(String node) {
        Resources r = Resources.ZERO;
        for (Live l : live.values()) if (l.node().equals(node)) r = r.plus(l.res());
        return r;
    }

    int podsOn(String node) {
        int n = 0;
        for (Live l : live.values()) if (l.node().equals(node)) n++;
        return n;
    }

    Set<Integer> portsOn(String node) {
        Set<Integer> s = new HashSet<>();
        for (Live l : live.values()) if (l.node().equals(node)) s.addAll(l.ports());
        return s;
    }

    boolean isLive(String app, int instance) {
        for (Live l : live.values()) if (app.equals(l.app()) && l.instance() == instance) return true;
        return false;
    }

    /** Resources held on {@code node} for pinned instances that are down, except {@code (app, instance)} itself. */
    Resources heldOn(String node, String exceptApp, int exceptInstance) {
        Resources r = Resources.ZERO;
        for (AppSpec a : apps.values()) {
            for (var e : a.pins().entrySet()) {
                if (!e.getValue().holdResources() || !e.getValue().node().equals(node)) continue;
                if (a.key().equals(exceptApp) && e.getKey() == exceptInstance) continue;
                if (!isLive(a.key(), e.getKey())) r = r.plus(a.resources());
            }
        }
        return r;
    }

    Resources poolUsage(String pool) {
        Resources r = Resources.ZERO;
        for (Live l : live.values()) {
            AppSpec a = l.app() == null ? null : apps.get(l.app());
            if (a != null && a.pool().equals(pool)) r = r.plus(l.res());
        }
        return r;
    }

    /** Unused reservations of other pools on the node: resources pool {@code pool} may not use. */
    Resources reservedForOthers(String pool, NodeSpec n) {
        Resources out = Resources.ZERO;
        for (PoolSpec q : pools.values()) {
            if (q.name().equals(pool) || !selects(q.nodeSelector(), n.labels())) continue;
            Resources reserved = Resources.ZERO;
            for (Reservation r : q.reservations())
                if (selects(r.nodeSelector(), n.labels())) reserved = reserved.plus(r.resources());
            Resources used = Resources.ZERO;
            for (Live l : live.values()) {
                AppSpec a = l.app() == null ? null : apps.get(l.app());
                if (a != null && l.node().equals(n.name()) && a.pool().equals(q.name())) used = used.plus(l.res());
            }
            out = out.plus(reserved.minus(used).clampToZero());
        }
        return out;
    }

    /** Per-node constraint acceptance with the current live instances (GROUP_BY only needs the attribute). */
    boolean constraintsAllow(AppSpec a, NodeSpec n) {
        List<Live> mine = liveOf(a.key());
        for (Constraint c : a.constraints()) {
            String v = attr(c.field(), n);
            if (c.operator() == Constraint.Operator.UNLIKE) {
                if (v != null && v.matches(c.value())) return false;
                continue;
            }
            if (v == null) return false;
            long same = mine.stream()
                    .filter(l -> v.equals(attr(c.field(), nodes.get(l.node()))))
                    .count();
            boolean ok = switch (c.operator()) {
                case UNIQUE -> same == 0;
                case MAX_PER -> same < Integer.parseInt(c.value());
                case IS -> v.equals(c.value());
                case LIKE -> v.matches(c.value());
                case CLUSTER -> {
                    String target = c.value();
                    if (target == null) {
                        for (Live l : mine) {
                            String lv = attr(c.field(), nodes.get(l.node()));
                            if (lv != null) {
                                target = lv;
                                break;
                            }
                        }
                    }
                    yield target == null || target.equals(v);
                }
                default -> true;
            };
            if (!ok) return false;
        }
        for (Colocation col : a.colocateWith()) {
            String v = attr(col.field(), n);
            boolean found = false;
            for (Live l : liveOf(col.appKey()))
                if (v != null && v.equals(attr(col.field(), nodes.get(l.node())))) found = true;
            if (!found) return false;
        }
        return true;
    }

    boolean portsFit(AppSpec a, NodeSpec n) {
        Set<Integer> used = portsOn(n.name());
        int dynamic = 0;
        Set<Integer> fixed = new HashSet<>();
        for (int p : a.ports()) {
            if (p == 0) dynamic++;
            else if (used.contains(p)) return false;
            else fixed.add(p);
        }
        int free = 0;
        for (int p = n.portRange().low(); p <= n.portRange().high(); p++)
            if (!used.contains(p) && !fixed.contains(p)) free++;
        return dynamic <= free;
    }

    /** Could instance {@code i} of the app be placed on node {@code n} right now (ignoring spread order and GPU scarcity)? */
    boolean fits(AppSpec a, int i, NodeSpec n, boolean onlyNonGpuForNonGpuApps) {
        PoolSpec pool = pools.get(a.pool());
        if (pool == null || !n.schedulable() || !selects(pool.nodeSelector(), n.labels())) return false;
        if (onlyNonGpuForNonGpuApps
                && a.resources().gpus() == 0
                && n.allocatable().gpus() > 0) return false;
        if (n.maxPods() > 0 && podsOn(n.name()) >= n.maxPods()) return false;
        if (!tolerated(a, n)) return false;
        if (a.barred().getOrDefault(i, Set.of()).contains(n.name())) return false;
        Pin pin = a.pins().get(i);
        if (pin != null && !pin.node().equals(n.name())) return false;
        if (!constraintsAllow(a, n)) return false;
        Resources free = n.allocatable()
                .minus(usedOn(n.name()))
                .minus(heldOn(n.name(), a.key(), i))
                .minus(reservedForOthers(a.pool(), n));
        if (!a.resources().fitsIn(free)) return false;
        if (!portsFit(a, n)) return false;
        return a.resources().fitsUnder(poolUsage(a.pool()), pool.limit());
    }

    /**
     * Kubernetes' toleration rules, written out plainly: every NoSchedule/NoExecute taint of the node is matched
     * by some toleration of the app (a GPU app also tolerates nvidia.com/gpu).
     */
    static boolean tolerated(AppSpec a, NodeSpec n) {
        for (Taint t : n.taints()) {
            if (!t.effect().equals("NoSchedule") && !t.effect().equals("NoExecute")) continue;
            boolean ok = a.resources().gpus() > 0 && t.key().equals("nvidia.com/gpu");
            for (Toleration tol : a.tolerations()) {
                boolean effect = tol.effect().isEmpty() || tol.effect().equals(t.effect());
                boolean key;
                if (tol.key().isEmpty()) key = tol.operator().equals("Exists");
                else if (tol.operator().equals("Exists")) key = tol.key().equals(t.key());
                else key = tol.key().equals(t.key()) && tol.value().equals(t.value());
                ok |= effect && key;
            }
            if (!ok) return false;
        }
        return true;
    }

    /** Checks colocation for a new decision against what runs now (call before {@link #accept}). */
    boolean colocated(OfferDecision d) {
        AppSpec a = apps.get(d.appKey());
        NodeSpec n = nodes.get(d.node());
        for (Colocation col : a.colocateWith()) {
            String v = attr(col.field(), n);
            boolean found = false;
            for (Live o : liveOf(col.appKey()))
                if (v != null && v.equals(attr(col.field(), nodes.get(o.node())))) found = true;
            if (!found) return false;
        }
        return true;
    }

    /** Violations of capacity, ports, pins, selectors, limits and every constraint, as messages (empty = none). */
    List<String> violations() {
        List<String> out = new ArrayList<>();
        for (NodeSpec n : nodes.values()) {
            Resources used = usedOn(n.name());
            if (!used.fitsIn(n.allocatable()))
                out.add("over-committed " + n.name() + ": " + used + " > " + n.allocatable());
            List<Integer> all = new ArrayList<>();
            for (Live l : live.values()) if (l.node().equals(n.name())) all.addAll(l.ports());
            if (new HashSet<>(all).size() != all.size()) out.add("duplicate host port on " + n.name() + ": " + all);
        }
        for (String p : pools.keySet()) {
            if (!poolUsage(p).fitsIn(pools.get(p).limit())) out.add("pool over limit " + p);
        }
        for (AppSpec a : apps.values()) {
            List<Live> mine = liveOf(a.key());
            Map<String, Map<String, Integer>> counts = new HashMap<>();
            for (Live l : mine) {
                NodeSpec n = nodes.get(l.node());
                if (!selects(pools.get(a.pool()).nodeSelector(), n.labels()))
                    out.add(a.key() + " outside pool on " + n.name());
                Pin pin = a.pins().get(l.instance());
                if (pin != null && !pin.node().equals(n.name())) out.add(a.key() + "/" + l.instance() + " off its pin");
                for (int k = 0; k < a.ports().size(); k++) {
                    int req = a.ports().get(k);
                    int got = l.ports().get(k);
                    if (req > 0 ? got != req : !n.portRange().contains(got))
                        out.add(a.key() + " bad port " + got + " for " + req);
                }
                for (int ci = 0; ci < a.constraints().size(); ci++) {
                    Constraint c = a.constraints().get(ci);
                    String v = attr(c.field(), n);
                    counts.computeIfAbsent(String.valueOf(ci), x -> new TreeMap<>())
                            .merge(String.valueOf(v), 1, Integer::sum);
                    boolean ok = switch (c.operator()) {
                        case UNLIKE -> v == null || !v.matches(c.value());
                        case LIKE -> v != null && v.matches(c.value());
                        case IS -> c.value().equals(v);
                        case CLUSTER ->
                            v != null && (c.value() == null || c.value().equals(v));
                        default -> v != null;
                    };
                    if (!ok) out.add(a.key() + " violates " + c + " on " + n.name());
                }
            }
            for (int ci = 0; ci < a.constraints().size(); ci++) {
                Constraint c = a.constraints().get(ci);
                Map<String, Integer> m = counts.getOrDefault(String.valueOf(ci), Map.of());
                switch (c.operator()) {
                    case UNIQUE ->
                        m.forEach((v, k) -> {
                            if (k > 1) out.add(a.key() + " UNIQUE broken on " + v);
                        });
                    case MAX_PER ->
                        m.forEach((v, k) -> {
                            if (k > Integer.parseInt(c.value())) out.add(a.key() + " MAX_PER broken on " + v);
                        });
                    case CLUSTER -> {
                        if (m.size() > 1) out.add(a.key() + " CLUSTER broken " + m);
                    }
                    default -> {}
                }
            }
        }
        return out;
    }
}

package dev.datacenter.operator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests over random clusters, pools and apps (plain seeded generators, several hundred seeds).
 * Every cycle's outcome is verified by {@link IndependentChecker}, which shares no code with the engine.
 */
class PlacementPropertiesTest {

    private static final long GI = 1L << 30;
    private static final int SEEDS = 400;
    private static final String[] FIELDS = {"@hostname", "@zone", "rack", "disk"};

    /** A random scenario: the engine and the checker fed the same input. */
    private static final class Scenario {
        final Random rnd;
        /** Taints, tolerations and refusals: drawn apart, so the other draws stay as they were per seed. */
        final Random taintRnd;

        final PlacementEngine engine = new PlacementEngine();
        final IndependentChecker model = new IndependentChecker();
        final Map<String, List<Integer>> pending = new TreeMap<>();
        boolean gpus;
        boolean reserved;
        int foreign;

        Scenario(long seed) {
            rnd = new Random(seed);
            taintRnd = new Random(seed * 31 + 7);
        }

        void node(NodeSpec n) {
            engine.upsertNode(n);
            model.node(n);
            gpus |= n.allocatable().gpus() > 0;
        }

        void pool(PoolSpec p) {
            engine.upsertPool(p);
            model.pools.put(p.name(), p);
        }

        void app(AppSpec a, List<Integer> instances) {
            engine.upsertApp(a);
            model.apps.put(a.key(), a);
            engine.setPending(a.key(), instances);
            pending.put(a.key(), instances);
        }

        void foreignTask(String node, Resources r, List<Integer> ports) {
            String id = "foreign-" + foreign++;
            engine.addRunningTask(RunningTask.foreign(id, node, r, ports));
            model.add(new IndependentChecker.Live(id, null, -1, node, r, ports));
        }

        <T> T pick(List<T> options) {
            return options.get(rnd.nextInt(options.size()));
        }
    }

    private static Scenario randomScenario(long seed, boolean withLimits) {
        Scenario s = new Scenario(seed);
        Random r = s.rnd;
        int nodes = 2 + r.nextInt(9);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Map<String, String> labels = new HashMap<>();
            if (r.nextInt(10) > 0) labels.put(NodeAttributes.ZONE_LABEL, "z" + r.nextInt(3));
            if (r.nextInt(10) > 1) labels.put("rack", "r" + r.nextInt(4));
            if (r.nextBoolean()) labels.put("disk", r.nextBoolean() ? "ssd" : "hdd");
            long gpus = r.nextInt(6) == 0 ? 1 + r.nextInt(2) : 0;
            Resources alloc = new Resources(
                    s.pick(List.of(1000L, 2000L, 4000L, 8000L)),
                    s.pick(List.of(2L, 4L, 8L, 16L)) * GI,
                    gpus,
                    r.nextBoolean() ? 0 : 50 * GI);
            int low = 31000 + r.nextInt(3);
            String name = "n" + i;
            names.add(name);
            s.node(new NodeSpec(
                    name,
                    labels,
                    alloc,
                    r.nextInt(4) == 0 ? 2 + r.nextInt(4) : 0,
                    r.nextInt(10) > 0,
                    new PortRange(low, low + r.nextInt(4)),
                    randomTaints(s.taintRnd, gpus > 0)));
        }
        for (int i = 0, f = r.nextInt(4); i < f; i++) {
            String node = s.pick(names);
            Resources res = Resources.of(250 * (1 + r.nextInt(2)), GI / 2);
            List<Integer> ports = r.nextInt(3) == 0 ? List.of(s.pick(List.of(8080, 31000, 31001))) : List.of();
            boolean fits = s.model
                    .usedOn(node)
                    .plus(res)
                    .fitsIn(s.model.nodes.get(node).allocatable());
            if (fits && (ports.isEmpty() || !s.model.portsOn(node).contains(ports.get(0))))
                s.foreignTask(node, res, ports);
        }
        List<String> pools = new ArrayList<>(List.of("default"));
        s.model.pools.put("default", PoolSpec.shared("default", 1));
        for (int p = 1, n = r.nextInt(3); p <= n; p++) {
            LabelSelector sel = switch (r.nextInt(4)) {
                case 0 -> LabelSelector.matchLabels(Map.of(NodeAttributes.ZONE_LABEL, "z" + r.nextInt(3)));
                case 1 ->
                    new LabelSelector(
                            Map.of(),
                            List.of(new LabelSelector.Requirement(
                                    "rack", LabelSelector.Operator.NotIn, List.of("r0"))));
                case 2 ->
                    new LabelSelector(
                            Map.of(),
                            List.of(new LabelSelector.Requirement("disk", LabelSelector.Operator.Exists, null)));
                default -> LabelSelector.EVERYTHING;
            };
            Resources limit = withLimits && r.nextBoolean()
                    ? new Resources(1000L * (1 + r.nextInt(6)), Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)
                    : Resources.UNLIMITED;
            List<Reservation> reservations = limit == Resources.UNLIMITED && r.nextInt(3) == 0
                    ? List.of(new Reservation(
                            LabelSelector.matchLabels(Map.of("rack", "r" + r.nextInt(4))), Resources.of(500, GI / 2)))
                    : List.of();
            s.reserved |= !reservations.isEmpty();
            s.pool(new PoolSpec("p" + p, sel, 1 + r.nextInt(4), Resources.ZERO, limit, reservations));
            pools.add("p" + p);
        }
        int apps = 1 + r.nextInt(6);
        for (int a = 0; a < apps; a++) {
            List<Constraint> cs = new ArrayList<>();
            boolean groupBy = false;
            for (int k = 0, n = r.nextInt(3); k < n; k++) {
                Constraint c = randomConstraint(s, names);
                if (c.operator() == Constraint.Operator.GROUP_BY) {
                    if (groupBy) continue;
                    groupBy = true;
                }
                cs.add(c);
            }
            List<Integer> ports = s.pick(List.of(
                    List.<Integer>of(),
                    List.<Integer>of(),
                    List.of(0),
                    List.of(0, 0),
                    List.of(8080),
                    List.of(8080, 0)));
            List<Colocation> coloc = a > 0 && r.nextInt(8) == 0
                    ? List.of(new Colocation("ns/app" + r.nextInt(a), s.pick(List.of("@hostname", "@zone"))))
                    : List.of();
            int instances = 1 + r.nextInt(6);
            Map<Integer, Pin> pins = new HashMap<>();
            if (r.nextInt(6) == 0) pins.put(0, new Pin(s.pick(names), r.nextBoolean()));
            if (r.nextInt(10) == 0) pins.put(instances + 1, new Pin(s.pick(names), true));
            Resources res = new Resources(
                    s.pick(List.of(250L, 500L, 1000L, 2000L)),
                    s.pick(List.of(1L, 2L)) * GI / 2,
                    r.nextInt(8) == 0 ? 1 : 0,
                    r.nextInt(5) == 0 ? 10 * GI : 0);
            Map<Integer, Set<String>> barred = new HashMap<>();
            if (s.taintRnd.nextInt(5) == 0) barred.put(s.taintRnd.nextInt(instances), Set.of(s.pick(names)));
            AppSpec spec = new AppSpec(
                    "ns/app" + a, s.pick(pools), res, ports, cs, coloc, pins, randomTolerations(s.taintRnd), barred);
            s.app(spec, Fixtures.ordinals(instances));
        }
        return s;
    }

    /** Taints drawn from a small vocabulary, so that tolerations of random apps match some of them. */
    private static List<Taint> randomTaints(Random r, boolean gpu) {
        List<Taint> taints = new ArrayList<>();
        if (gpu && r.nextInt(3) > 0) taints.add(new Taint("nvidia.com/gpu", "present", "NoSchedule"));
        if (r.nextInt(5) == 0) taints.add(new Taint("dedicated", r.nextBoolean() ? "db" : "ci", "NoSchedule"));
        if (r.nextInt(8) == 0) taints.add(new Taint("maintenance", null, "NoExecute"));
        if (r.nextInt(5) == 0) taints.add(new Taint("spot", "true", "PreferNoSchedule"));
        return taints;
    }

    private static List<Toleration> randomTolerations(Random r) {
        List<Toleration> tolerations = new ArrayList<>();
        if (r.nextInt(4) == 0) tolerations.add(new Toleration("dedicated", "Equal", "db", "NoSchedule"));
        if (r.nextInt(6) == 0) tolerations.add(new Toleration("dedicated", "Exists", null, null));
        if (r.nextInt(6) == 0) tolerations.add(new Toleration("maintenance", "Exists", null, "NoExecute"));
        if (r.nextInt(8) == 0) tolerations.add(new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule"));
        if (r.nextInt(30) == 0) tolerations.add(new Toleration(null, "Exists", null, null));
        return tolerations;
    }

    private static Constraint randomConstraint(Scenario s, List<String> nodes) {
        Random r = s.rnd;
        String field = s.pick(List.of(FIELDS));
        String real = switch (field) {
            case "@hostname" -> s.pick(nodes);
            case "@zone" -> "z" + r.nextInt(3);
            case "rack" -> "r" + r.nextInt(4);
            default -> r.nextBoolean() ? "ssd" : "hdd";
        };
        String regex = switch (field) {
            case "@hostname" -> "n[0-4]";
            case "@zone" -> "z[01]";
            case "rack" -> r.nextInt(10) == 0 ? "r[" : "r[12]";
            default -> "ssd|nvme";
        };
        Constraint.Operator op = s.pick(List.of(Constraint.Operator.values()));
        return switch (op) {
            case UNIQUE -> Constraint.of(field, op);
            case CLUSTER -> Constraint.of(field, op, r.nextBoolean() ? null : real);
            case GROUP_BY -> Constraint.of(field, op, r.nextBoolean() ? null : "3");
            case LIKE, UNLIKE -> Constraint.of(field, op, regex);
            case MAX_PER -> Constraint.of(field, op, String.valueOf(1 + r.nextInt(3)));
            case IS -> Constraint.of(field, op, real);
        };
    }

    /** Runs a cycle and checks each decision against the model; returns the decisions. */
    private static List<OfferDecision> cycle(Scenario s, long seed) {
        CycleResult result = s.engine.allocate();
        for (OfferDecision d : result.decisions()) {
            AppSpec a = s.model.apps.get(d.appKey());
            NodeSpec n = s.model.nodes.get(d.node());
            assertThat(n.schedulable())
                    .as("seed %d: %s on unschedulable %s", seed, d.appKey(), d.node())
                    .isTrue();
            assertThat(IndependentChecker.tolerated(a, n))
                    .as(
                            "seed %d: %s on %s whose taints %s it does not tolerate",
                            seed, d.appKey(), d.node(), n.taints())
                    .isTrue();
            assertThat(a.barred().getOrDefault(d.instance(), Set.of()))
                    .as("seed %d: %s/%d on a node that refused it", seed, d.appKey(), d.instance())
                    .doesNotContain(d.node());
            assertThat(s.model.colocated(d))
                    .as("seed %d: colocation of %s", seed, d.appKey())
                    .isTrue();
            assertThat(IndependentChecker.validConstraints(a))
                    .as("seed %d: placed app with invalid constraint", seed)
                    .isTrue();
            assertThat(d.pool()).isEqualTo(a.pool());
            s.model.accept(d);
        }
        assertThat(s.model.violations()).as("seed %d", seed).isEmpty();
        return result.decisions();
    }

    private static void converge(Scenario s, long seed) {
        for (int i = 0; i < 6; i++) {
            if (cycle(s, seed).isEmpty()) return;
        }
    }

    /** No waiting instance of a valid app could be placed on any node (brute force over all nodes). */
    private static void assertComplete(Scenario s, long seed) {
        for (AppSpec a : s.model.apps.values()) {
            if (!IndependentChecker.validConstraints(a)) continue;
            for (int i : s.engine.waiting(a.key())) {
                for (NodeSpec n : s.model.nodes.values()) {
                    assertThat(s.model.fits(a, i, n, false))
                            .as("seed %d: %s/%d waits but fits on %s", seed, a.key(), i, n.name())
                            .isFalse();
                }
            }
        }
    }

    /** GROUP_BY: a value two behind another had no room (checked on a fresh cycle, apps without pins/colocation). */
    private static void assertSpread(Scenario s, long seed) {
        for (AppSpec a : s.model.apps.values()) {
            if (!IndependentChecker.validConstraints(a)
                    || !a.pins().isEmpty()
                    || !a.barred().isEmpty()
                    || !a.colocateWith().isEmpty()) continue;
            for (Constraint c : a.constraints()) {
                if (c.operator() != Constraint.Operator.GROUP_BY) continue;
                Map<String, Integer> counts = new TreeMap<>();
                for (NodeSpec n : s.model.nodes.values()) {
                    String v = IndependentChecker.attr(c.field(), n);
                    if (v != null) counts.putIfAbsent(v, 0);
                }
                for (IndependentChecker.Live l : s.model.liveOf(a.key())) {
                    counts.merge(IndependentChecker.attr(c.field(), s.model.nodes.get(l.node())), 1, Integer::sum);
                }
                int max = counts.values().stream().max(Integer::compare).orElse(0);
                counts.forEach((v, k) -> {
                    if (k + 2 > max) return;
                    for (NodeSpec n : s.model.nodes.values()) {
                        if (!v.equals(IndependentChecker.attr(c.field(), n))) continue;
                        assertThat(s.model.fits(a, a.pins().isEmpty() ? 999 : 0, n, true))
                                .as(
                                        "seed %d: %s GROUP_BY %s value %s has %d vs max %d but room on %s",
                                        seed, a.key(), c.field(), v, k, max, n.name())
                                .isFalse();
                    }
                });
            }
        }
    }

    /** DRF: when a pool (app) is served, no pool (app in that pool) served later in the cycle had a smaller weighted share. */
    private static void assertDrfOrder(Scenario s, List<OfferDecision> decisions, long seed) {
        Resources capacity = Resources.ZERO;
        for (NodeSpec n : s.model.nodes.values()) if (n.schedulable()) capacity = capacity.plus(n.allocatable());
        Map<String, Resources> poolAlloc = new HashMap<>();
        Map<String, Resources> appAlloc = new HashMap<>();
        for (int k = 0; k < decisions.size(); k++) {
            OfferDecision d = decisions.get(k);
            double mine = share(poolAlloc.get(d.pool()), capacity)
                    / s.model.pools.get(d.pool()).weight();
            double mineApp = share(appAlloc.get(d.appKey()), capacity);
            for (int j = k + 1; j < decisions.size(); j++) {
                OfferDecision later = decisions.get(j);
                if (!later.pool().equals(d.pool())) {
                    double theirs = share(poolAlloc.get(later.pool()), capacity)
                            / s.model.pools.get(later.pool()).weight();
                    assertThat(mine)
                            .as("seed %d: pool %s served at %d before %s", seed, d.pool(), k, later.pool())
                            .isLessThanOrEqualTo(theirs + 1e-9);
                } else if (!later.appKey().equals(d.appKey())) {
                    assertThat(mineApp)
                            .as("seed %d: app %s served before %s", seed, d.appKey(), later.appKey())
                            .isLessThanOrEqualTo(share(appAlloc.get(later.appKey()), capacity) + 1e-9);
                }
            }
            poolAlloc.merge(d.pool(), d.resources(), Resources::plus);
            appAlloc.merge(d.appKey(), d.resources(), Resources::plus);
        }
    }

    private static double share(Resources r, Resources capacity) {
        return r == null ? 0 : r.dominantShare(capacity);
    }

    @Test
    void randomClustersAreNeverOvercommittedOrViolatedAndEverythingThatFitsIsPlaced() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Scenario s = randomScenario(seed, true);
            List<OfferDecision> first = cycle(s, seed);
            assertSpread(s, seed);
            if (!s.gpus && !s.reserved) assertDrfOrder(s, first, seed);
            converge(s, seed);
            assertComplete(s, seed);
        }
    }

    @Test
    void rollbacksCommitsAndRemovalsKeepTheInvariants() {
        for (long seed = 1000; seed < 1000 + SEEDS / 2; seed++) {
            Scenario s = randomScenario(seed, true);
            for (int round = 0; round < 4; round++) {
                List<OfferDecision> ds = cycle(s, seed);
                for (OfferDecision d : ds) {
                    switch (s.rnd.nextInt(4)) {
                        case 0 -> {
                            assertThat(s.engine.rollback(d)).isTrue();
                            s.model.live.remove(d.taskId());
                        }
                        case 1 -> {
                            assertThat(s.engine.commit(d)).isTrue();
                            if (s.rnd.nextBoolean()) {
                                assertThat(s.engine.removeTask(d.taskId())).isTrue();
                                s.model.live.remove(d.taskId());
                            }
                        }
                        default -> s.engine.commit(d);
                    }
                }
                assertThat(s.model.violations())
                        .as("seed %d round %d", seed, round)
                        .isEmpty();
            }
            converge(s, seed);
            assertComplete(s, seed);
        }
    }

    @Test
    void guaranteesAreMetWhenPoolsHaveDemandAndTheClusterHasRoom() {
        for (long seed = 5000; seed < 5000 + SEEDS / 2; seed++) {
            Random r = new Random(seed);
            PlacementEngine e = new PlacementEngine();
            int nodes = 2 + r.nextInt(6);
            for (int i = 0; i < nodes; i++) e.upsertNode(Fixtures.node("n" + i, 4000, 64));
            long capacity = nodes * 4L;
            int pools = 2 + r.nextInt(4);
            long budget = capacity * 6 / 10;
            Map<String, long[]> expect = new TreeMap<>();
            long totalDemand = 0;
            for (int p = 0; p < pools; p++) {
                long g = Math.min(budget, r.nextInt(5));
                budget -= g;
                long demand = r.nextInt(3) == 0 ? r.nextInt(3) : 2 + r.nextInt((int) capacity);
                e.upsertPool(
                        new PoolSpec("p" + p, null, 1 + r.nextInt(20), Resources.of(g * 1000, g * GI), null, null));
                Fixtures.submit(e, AppSpec.of("ns/a" + p, "p" + p, Resources.of(1000, GI)), (int) demand);
                expect.put("p" + p, new long[] {Math.min(g, demand) * 1000, demand});
                totalDemand += demand;
            }
            List<PoolFigures> figures = null;
            for (int i = 0; i < 6; i++) {
                CycleResult c = e.allocate();
                figures = c.pools();
                if (c.decisions().isEmpty()) break;
            }
            long placed = 0;
            for (PoolFigures f : figures) {
                if (!expect.containsKey(f.name())) continue;
                assertThat(f.allocated().cpus())
                        .as("seed %d pool %s", seed, f.name())
                        .isGreaterThanOrEqualTo(expect.get(f.name())[0]);
                placed += f.allocated().cpus() / 1000;
            }
            assertThat(placed).as("seed %d: total placed", seed).isEqualTo(Math.min(totalDemand, capacity));
        }
    }

    @Test
    void theSameRandomInputGivesTheSameDecisions() {
        for (long seed = 9000; seed < 9050; seed++) {
            List<OfferDecision> a = randomScenario(seed, true).engine.allocate().decisions();
            List<OfferDecision> b = randomScenario(seed, true).engine.allocate().decisions();
            assertThat(b).as("seed %d", seed).isEqualTo(a);
        }
    }
}

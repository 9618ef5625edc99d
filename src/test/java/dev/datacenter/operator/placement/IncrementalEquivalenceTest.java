package dev.datacenter.operator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property: an engine updated by a random sequence of upserts, removals, cycles, commits and rollbacks
 * accounts exactly like a fresh engine built from the final state (free resources per node and pool, pool
 * figures, waiting instances). Catches drift in the incremental bookkeeping.
 */
class IncrementalEquivalenceTest {

    private static final long GI = 1L << 30;

    @Test
    void incrementalStateEqualsAFreshBuildOfTheFinalState() {
        for (long seed = 1; seed <= 150; seed++) {
            Random r = new Random(seed);
            PlacementEngine e = new PlacementEngine();
            Map<String, NodeSpec> nodes = new TreeMap<>();
            Map<String, PoolSpec> pools = new TreeMap<>();
            Map<String, AppSpec> apps = new TreeMap<>();
            Map<String, List<Integer>> pending = new TreeMap<>();
            Map<String, RunningTask> tasks = new LinkedHashMap<>();
            Map<String, OfferDecision> assumed = new HashMap<>();
            int foreign = 0;
            for (int step = 0; step < 60; step++) {
                switch (r.nextInt(12)) {
                    case 0, 1 -> {
                        String name = "n" + r.nextInt(6);
                        NodeSpec n = new NodeSpec(
                                name,
                                Map.of("rack", "r" + r.nextInt(3)),
                                new Resources(
                                        1000L * (1 + r.nextInt(8)),
                                        (1 + r.nextInt(8)) * GI,
                                        r.nextInt(5) == 0 ? 1 : 0,
                                        0),
                                0,
                                r.nextInt(6) > 0,
                                new PortRange(31000, 31000 + r.nextInt(3)));
                        e.upsertNode(n);
                        nodes.put(name, n);
                    }
                    case 2 -> {
                        String name = "n" + r.nextInt(6);
                        e.removeNode(name);
                        nodes.remove(name);
                    }
                    case 3 -> {
                        String name = r.nextInt(4) == 0 ? "default" : "p" + r.nextInt(2);
                        List<Reservation> res = r.nextBoolean()
                                ? List.of()
                                : List.of(new Reservation(
                                        LabelSelector.matchLabels(Map.of("rack", "r" + r.nextInt(3))),
                                        Resources.of(500L * (1 + r.nextInt(3)), GI)));
                        PoolSpec p = new PoolSpec(
                                name,
                                r.nextBoolean()
                                        ? LabelSelector.EVERYTHING
                                        : LabelSelector.matchLabels(Map.of("rack", "r" + r.nextInt(3))),
                                1 + r.nextInt(3),
                                Resources.ZERO,
                                Resources.UNLIMITED,
                                res);
                        e.upsertPool(p);
                        pools.put(name, p);
                    }
                    case 4 -> {
                        String name = "p" + r.nextInt(2);
                        e.removePool(name);
                        pools.remove(name);
                    }
                    case 5, 6 -> {
                        String key = "ns/a" + r.nextInt(4);
                        Map<Integer, Pin> pins =
                                r.nextInt(3) == 0 ? Map.of(0, new Pin("n" + r.nextInt(6), r.nextBoolean())) : Map.of();
                        AppSpec a = new AppSpec(
                                key,
                                r.nextBoolean() ? "default" : "p" + r.nextInt(2),
                                Resources.of(250L * (1 + r.nextInt(4)), GI / 2),
                                r.nextBoolean() ? List.of(0) : List.of(),
                                r.nextBoolean()
                                        ? List.of(Constraint.of("rack", Constraint.Operator.MAX_PER, "2"))
                                        : List.of(),
                                List.of(),
                                pins);
                        e.upsertApp(a);
                        apps.put(key, a);
                        List<Integer> p = Fixtures.ordinals(r.nextInt(5));
                        e.setPending(key, p);
                        pending.put(key, p);
                    }
                    case 7 -> {
                        String key = "ns/a" + r.nextInt(4);
                        e.removeApp(key);
                        apps.remove(key);
                        pending.remove(key);
                    }
                    case 8 -> {
                        if (nodes.isEmpty()) break;
                        String node = new ArrayList<>(nodes.keySet()).get(r.nextInt(nodes.size()));
                        RunningTask t =
                                RunningTask.foreign("f" + foreign++, node, Resources.of(250, GI / 4), List.of());
                        e.addRunningTask(t);
                        tasks.put(t.id(), t);
                    }
                    case 9 -> {
                        if (tasks.isEmpty()) break;
                        String id = new ArrayList<>(tasks.keySet()).get(r.nextInt(tasks.size()));
                        assertThat(e.removeTask(id)).isTrue();
                        tasks.remove(id);
                        assumed.remove(id);
                    }
                    default -> {
                        for (OfferDecision d : e.allocate().decisions()) {
                            tasks.put(
                                    d.taskId(),
                                    RunningTask.instance(
                                            d.appKey(), d.instance(), d.node(), d.resources(), d.hostPorts()));
                            assumed.put(d.taskId(), d);
                        }
                        for (OfferDecision d : new ArrayList<>(assumed.values())) {
                            if (r.nextInt(3) == 0) {
                                assertThat(e.rollback(d)).isTrue();
                                tasks.remove(d.taskId());
                            } else {
                                e.commit(d);
                            }
                            assumed.remove(d.taskId());
                        }
                    }
                }
            }
            PlacementEngine fresh = new PlacementEngine();
            nodes.values().forEach(fresh::upsertNode);
            pools.values().forEach(fresh::upsertPool);
            apps.values().forEach(fresh::upsertApp);
            tasks.values().forEach(fresh::addRunningTask);
            pending.forEach(fresh::setPending);

            assertThat(e.clusterCapacity()).as("seed %d capacity", seed).isEqualTo(fresh.clusterCapacity());
            for (String n : nodes.keySet()) {
                for (String p : List.of("default", "p0", "p1")) {
                    assertThat(e.freeFor(n, p))
                            .as("seed %d free on %s for %s", seed, n, p)
                            .isEqualTo(fresh.freeFor(n, p));
                }
            }
            assertThat(e.poolFigures()).as("seed %d pools", seed).isEqualTo(fresh.poolFigures());
            for (String a : apps.keySet())
                assertThat(e.waiting(a)).as("seed %d waiting %s", seed, a).isEqualTo(fresh.waiting(a));
            assertThat(e.allocate().decisions())
                    .as("seed %d next cycle", seed)
                    .isEqualTo(fresh.allocate().decisions());
        }
    }
}

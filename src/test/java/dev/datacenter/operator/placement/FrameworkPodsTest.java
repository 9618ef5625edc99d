package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Framework pods (Jobs, Spark, any pod naming the operator as its scheduler) are engine apps like
 * DataCenterApps: gangs are placed all together or not at all, priority orders the apps of a pool, and DRF
 * between pools counts both kinds alike.
 */
class FrameworkPodsTest {

    private static final Resources UNIT = Resources.of(1000, GI);

    private static PlacementEngine nodes(int n, long cpus) {
        PlacementEngine e = new PlacementEngine();
        for (int i = 0; i < n; i++) e.upsertNode(node(String.format("n%02d", i), cpus, 64));
        return e;
    }

    private static PoolFigures pool(CycleResult r, String name) {
        return r.pools().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aGangThatFitsIsPlacedWholeInOneCycle() {
        PlacementEngine e = nodes(3, 4000);
        submit(e, AppSpec.of("ns/Job:pi", "default", UNIT).withGang("ns/pi", 6), 6);
        CycleResult r = e.allocate();
        assertThat(of(r, "ns/Job:pi")).hasSize(6);
        assertThat(e.waiting("ns/Job:pi")).isEmpty();
    }

    @Test
    void aGangThatDoesNotFitIsRolledBackWholeAndHoldsNothing() {
        PlacementEngine e = nodes(2, 2000); // room for 4 units
        submit(e, AppSpec.of("ns/Job:big", "default", UNIT).withGang("ns/big", 6), 6);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).isEmpty();
        assertThat(e.waiting("ns/Job:big")).hasSize(6);
        assertThat(e.freeFor("n00", "default").orElseThrow().cpus()).isEqualTo(2000);
        assertThat(e.freeFor("n01", "default").orElseThrow().cpus()).isEqualTo(2000);
        // the room it did not take goes to others in the same cycle
        submit(e, AppSpec.of("ns/small", "default", UNIT), 4);
        r = e.allocate();
        assertThat(of(r, "ns/small")).hasSize(4);
        assertThat(of(r, "ns/Job:big")).isEmpty();
    }

    @Test
    void aGangLargerThanItsPoolSaysItCanNeverFit() {
        PlacementEngine e = nodes(2, 2000);
        submit(e, AppSpec.of("ns/Job:big", "default", UNIT).withGang("ns/big", 6), 6);
        e.allocate();
        PendingSummary why = e.whyPending("ns/Job:big").orElseThrow();
        assertThat(why.errors()).anySatisfy(err -> {
            assertThat(err.reason()).isEqualTo("GangCannotFit");
            assertThat(err.message()).contains("gang ns/big of 6 pods").contains("pool default");
        });
    }

    @Test
    void aGangOverThePoolLimitSaysSo() {
        PlacementEngine e = nodes(4, 8000);
        e.upsertPool(new PoolSpec(
                "batch", null, 1, null, new Resources(4000, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE), null));
        submit(e, AppSpec.of("ns/Job:g", "batch", UNIT).withGang("ns/g", 6), 6);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).isEmpty();
        assertThat(e.whyPending("ns/Job:g").orElseThrow().errors())
                .anySatisfy(err -> assertThat(err.message()).contains("limit of pool batch"));
    }

    @Test
    void aGangWaitsUntilAllItsMembersExist() {
        PlacementEngine e = nodes(3, 4000);
        AppSpec driver = AppSpec.of("ns/spark:a~d", "default", Resources.of(2000, 2 * GI))
                .withGang("ns/a", 4);
        AppSpec executors = AppSpec.of("ns/spark:a~e", "default", UNIT).withGang("ns/a", 4);
        submit(e, driver, 1);
        submit(e, executors, 2);
        assertThat(e.allocate().decisions()).isEmpty();
        assertThat(e.whyPending("ns/spark:a~e").orElseThrow().errors())
                .anySatisfy(err -> assertThat(err.reason()).isEqualTo("GangIncomplete"));
        e.setPending("ns/spark:a~e", ordinals(3));
        CycleResult r = e.allocate();
        assertThat(of(r, "ns/spark:a~d")).hasSize(1);
        assertThat(of(r, "ns/spark:a~e")).hasSize(3);
    }

    @Test
    void aGangSpanningAppsIsRolledBackAcrossAllOfThem() {
        PlacementEngine e = nodes(1, 4000);
        submit(e, AppSpec.of("ns/spark:a~d", "default", Resources.of(2000, GI)).withGang("ns/a", 4), 1);
        submit(e, AppSpec.of("ns/spark:a~e", "default", UNIT).withGang("ns/a", 4), 3);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).isEmpty();
        assertThat(e.freeFor("n00", "default").orElseThrow().cpus()).isEqualTo(4000);
    }

    @Test
    void aHigherPriorityAppOfAPoolGoesFirst() {
        PlacementEngine e = nodes(1, 4000);
        submit(e, AppSpec.of("ns/a-low", "default", UNIT), 4);
        submit(e, AppSpec.of("ns/z-high", "default", UNIT).withPriority(10), 4);
        CycleResult r = e.allocate();
        assertThat(of(r, "ns/z-high")).hasSize(4);
        assertThat(of(r, "ns/a-low")).isEmpty();
    }

    @Test
    void frameworkPodsAndAppsSharePoolsByWeightedDrf() {
        PlacementEngine e = nodes(4, 8000);
        e.upsertPool(PoolSpec.shared("service", 1));
        e.upsertPool(PoolSpec.shared("batch", 3));
        submit(e, AppSpec.of("ns/web", "service", UNIT), 40); // a DataCenterApp
        for (int j = 0; j < 4; j++) submit(e, AppSpec.of("ns/Job:j" + j, "batch", UNIT), 10); // four Jobs
        CycleResult r = e.allocate();
        assertThat(pool(r, "service").allocated().cpus()).isEqualTo(8000);
        assertThat(pool(r, "batch").allocated().cpus()).isEqualTo(24000);
        // within the batch pool the Jobs share alike
        for (int j = 0; j < 4; j++) assertThat(of(r, "ns/Job:j" + j)).hasSize(6);
        // a Job that ends frees its share for the others in the next cycle
        for (OfferDecision d : of(r, "ns/Job:j0")) e.removeTask(d.taskId());
        e.removeApp("ns/Job:j0");
        r = e.allocate();
        assertThat(pool(r, "batch").allocated().cpus()).isEqualTo(24000);
        assertThat(pool(r, "service").allocated().cpus()).isEqualTo(8000);
    }

    /** Property: over random clusters and gangs, a gang is either all placed or none of it, and nodes never overflow. */
    @Test
    void gangsAreAllOrNothingAndNodesNeverOverflow() {
        for (long seed = 1; seed <= 60; seed++) {
            Random rnd = new Random(seed);
            PlacementEngine e = new PlacementEngine();
            int nodeCount = 1 + rnd.nextInt(6);
            for (int i = 0; i < nodeCount; i++) e.upsertNode(node("n" + i, 1000L * (1 + rnd.nextInt(8)), 16));
            Map<String, Integer> size = new HashMap<>();
            int apps = 1 + rnd.nextInt(6);
            for (int a = 0; a < apps; a++) {
                String key = "ns/Job:j" + a;
                int n = 1 + rnd.nextInt(8);
                AppSpec spec = AppSpec.of(key, "default", Resources.of(500L * (1 + rnd.nextInt(4)), GI));
                if (rnd.nextBoolean()) spec = spec.withGang("g" + a, n);
                submit(e, spec.withPriority(rnd.nextInt(3)), n);
                size.put(key, spec.gang() == null ? -1 : n);
            }
            for (int cycle = 0; cycle < 3; cycle++) {
                CycleResult r = e.allocate();
                for (Map.Entry<String, Integer> s : size.entrySet()) {
                    List<OfferDecision> placed = of(r, s.getKey());
                    if (s.getValue() > 0 && !placed.isEmpty())
                        assertThat(placed).as("seed " + seed).hasSize(s.getValue());
                }
                for (NodeView n : e.nodes())
                    assertThat(n.allocated().fitsIn(n.allocatable()))
                            .as("seed " + seed)
                            .isTrue();
            }
        }
    }
}

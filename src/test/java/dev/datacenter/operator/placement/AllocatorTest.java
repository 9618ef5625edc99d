package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Level 1: weighted DRF between pools and apps, limits, guarantees, reservations, scarce GPUs, bin packing. */
class AllocatorTest {

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
    void weightedDrfSplitsContendedCapacityByWeight() {
        PlacementEngine e = nodes(4, 8000);
        e.upsertPool(PoolSpec.shared("light", 1));
        e.upsertPool(PoolSpec.shared("heavy", 3));
        submit(e, AppSpec.of("ns/l", "light", UNIT), 40);
        submit(e, AppSpec.of("ns/h", "heavy", UNIT), 40);
        CycleResult r = e.allocate();
        assertThat(pool(r, "light").allocated().cpus()).isEqualTo(8000);
        assertThat(pool(r, "heavy").allocated().cpus()).isEqualTo(24000);
        assertThat(pool(r, "heavy").weightedShare())
                .isCloseTo(pool(r, "light").weightedShare(), org.assertj.core.data.Offset.offset(0.04));
    }

    @Test
    void appsWithinAPoolShareByDrfOnTheirDominantResource() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(NodeSpec.of("big", Map.of(), Resources.of(12000, 12 * GI)));
        submit(e, AppSpec.of("ns/cpuheavy", "default", Resources.of(2000, GI / 2)), 20);
        submit(e, AppSpec.of("ns/memheavy", "default", Resources.of(500, 2 * GI)), 20);
        CycleResult r = e.allocate();
        int cpuHeavy = of(r, "ns/cpuheavy").size();
        int memHeavy = of(r, "ns/memheavy").size();
        double shareCpu = cpuHeavy * 2000 / 12000.0;
        double shareMem = memHeavy * 2.0 / 12;
        assertThat(Math.abs(shareCpu - shareMem)).isLessThanOrEqualTo(2000 / 12000.0 + 1e-9);
        assertThat(cpuHeavy).isPositive();
        assertThat(memHeavy).isPositive();
    }

    @Test
    void aPoolNeverExceedsItsLimit() {
        PlacementEngine e = nodes(4, 8000);
        e.upsertPool(new PoolSpec(
                "capped", null, 5, null, new Resources(5500, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE), null));
        submit(e, AppSpec.of("ns/a", "capped", UNIT), 20);
        CycleResult r = e.allocate();
        assertThat(pool(r, "capped").allocated().cpus()).isEqualTo(5000);
        e.setPending("ns/a", ordinals(30));
        assertThat(e.allocate().decisions()).isEmpty();
    }

    @Test
    void resourcesOthersNeedForTheirGuaranteesAreNotOfferedToAPoolBeyondItsOwn() {
        PlacementEngine e = nodes(1, 10000);
        e.upsertPool(PoolSpec.shared("a-greedy", 100));
        e.upsertPool(new PoolSpec("b-guaranteed", null, 1, Resources.of(4000, 4 * GI), null, null));
        submit(e, AppSpec.of("ns/greedy", "a-greedy", UNIT), 10);
        submit(e, AppSpec.of("ns/small", "b-guaranteed", UNIT), 10);
        CycleResult r = e.allocate();
        assertThat(pool(r, "b-guaranteed").allocated().cpus()).isEqualTo(4000);
        assertThat(pool(r, "a-greedy").allocated().cpus()).isEqualTo(6000);
    }

    @Test
    void aGuaranteeWithoutDemandHoldsNothingBack() {
        PlacementEngine e = nodes(1, 10000);
        e.upsertPool(PoolSpec.shared("a-greedy", 1));
        e.upsertPool(new PoolSpec("b-guaranteed", null, 1, Resources.of(4000, 4 * GI), null, null));
        e.upsertApp(AppSpec.of("ns/small", "b-guaranteed", UNIT));
        submit(e, AppSpec.of("ns/greedy", "a-greedy", UNIT), 10);
        assertThat(e.allocate().decisions()).hasSize(10);
    }

    @Test
    void reservedResourcesGoOnlyToTheirPoolAndCountAsItsConsumption() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("r1", 4000, 16, "rack", "r1"));
        e.upsertNode(node("r2", 4000, 16, "rack", "r2"));
        e.upsertPool(new PoolSpec(
                "team",
                null,
                1,
                null,
                null,
                List.of(new Reservation(LabelSelector.matchLabels(Map.of("rack", "r1")), Resources.of(2000, 2 * GI)))));
        submit(e, AppSpec.of("ns/other", "default", UNIT), 8);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).hasSize(6);
        assertThat(countByNode(r.decisions())).containsEntry("r1", 2).containsEntry("r2", 4);
        PoolFigures team = pool(r, "team");
        assertThat(team.reserved()).isEqualTo(Resources.of(2000, 2 * GI));
        assertThat(team.dominantShare()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));

        submit(e, AppSpec.of("ns/team", "team", UNIT), 3);
        CycleResult t = e.allocate();
        assertThat(t.decisions()).extracting(OfferDecision::node).containsExactly("r1", "r1");
    }

    @Test
    void gpuNodesGoToNonGpuInstancesOnlyWhenNothingElseFits() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(gpuNode("g1", 4000, 16, 2));
        e.upsertNode(node("c1", 2000, 16));
        submit(e, AppSpec.of("ns/cpu", "default", UNIT), 3);
        submit(e, AppSpec.of("ns/gpu", "default", new Resources(2000, GI, 2, 0)), 1);
        CycleResult r = e.allocate();
        assertThat(of(r, "ns/gpu")).extracting(OfferDecision::node).containsExactly("g1");
        assertThat(of(r, "ns/cpu")).extracting(OfferDecision::node).containsExactlyInAnyOrder("c1", "c1", "g1");
    }

    @Test
    void binPackingFillsNodesBeforeOpeningNewOnes() {
        PlacementEngine e = nodes(10, 8000);
        submit(e, AppSpec.of("ns/a", "default", UNIT), 12);
        submit(e, AppSpec.of("ns/b", "default", Resources.of(2000, GI)), 6);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).hasSize(18);
        assertThat(countByNode(r.decisions())).hasSize(3);
    }

    @Test
    void poolStatusFiguresAddUp() {
        PlacementEngine e = nodes(2, 4000);
        e.upsertPool(new PoolSpec("p", null, 2, Resources.of(1000, GI), null, null));
        submit(e, AppSpec.of("ns/a", "p", UNIT), 10);
        PoolFigures f = pool(e.allocate(), "p");
        assertThat(f.nodes()).isEqualTo(2);
        assertThat(f.capacity()).isEqualTo(Resources.of(8000, 128 * GI));
        assertThat(f.allocated().cpus()).isEqualTo(8000);
        assertThat(f.pendingInstances()).isEqualTo(2);
        assertThat(f.guaranteed()).isEqualTo(Resources.of(1000, GI));
        assertThat(f.dominantShare()).isEqualTo(1.0);
        assertThat(f.weightedShare()).isEqualTo(0.5);
        assertThat(f.apps()).isEqualTo(1);
    }

    @Test
    void anAppInAnUnknownPoolWaitsWithPoolNotFound() {
        PlacementEngine e = nodes(1, 4000);
        submit(e, AppSpec.of("ns/a", "nope", UNIT), 1);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).isEmpty();
        assertThat(r.pendingApps())
                .singleElement()
                .satisfies(p ->
                        assertThat(p.errors()).extracting(AppError::reason).containsExactly(AppError.POOL_NOT_FOUND));
        e.upsertPool(PoolSpec.shared("nope", 1));
        assertThat(e.allocate().decisions()).hasSize(1);
    }

    @Test
    void aPoolHeldBackForAnotherPoolsGuaranteeResumesOnceThatGuaranteeIsMetAnotherWay() {
        PlacementEngine e = nodes(1, 10000);
        e.upsertNode(new NodeSpec("cordoned", Map.of(), Resources.of(8000, 64 * GI), 0, false, null));
        e.upsertPool(PoolSpec.shared("a", 1));
        e.upsertPool(new PoolSpec("b", null, 1, Resources.of(4000, 4 * GI), null, null));
        submit(e, AppSpec.of("ns/a", "a", UNIT), 10);
        Map<Integer, Pin> pins = new java.util.HashMap<>();
        for (int i = 0; i < 5; i++) pins.put(i, new Pin("cordoned", false));
        submit(e, AppSpec.of("ns/b", "b", UNIT).withPins(pins), 5);
        e.allocate();
        e.allocate();
        assertThat(pool(e.allocate(), "a").allocated().cpus()).isEqualTo(6000);
        for (int i = 0; i < 4; i++) e.addRunningTask(RunningTask.instance("ns/b", i, "cordoned", UNIT, List.of()));
        for (int i = 0; i < 3; i++) e.allocate();
        assertThat(e.poolFigures().stream()
                        .filter(p -> p.name().equals("a"))
                        .findFirst()
                        .orElseThrow()
                        .allocated()
                        .cpus())
                .isEqualTo(10000);
    }
}

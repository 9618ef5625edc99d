package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Constraint.Operator.*;
import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The long-lived engine updated piece by piece: relabels, removals and re-additions keep accounting right. */
class IncrementalUpdatesTest {

    private static PoolFigures pool(PlacementEngine e, String name) {
        return e.poolFigures().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void relabellingANodeMovesItBetweenAttributeValues() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 8000, 32, NodeAttributes.ZONE_LABEL, "z0"));
        submit(e, app("ns/x", 1000, 1, c("@zone", IS, "z1")), 1);
        assertThat(e.allocate().decisions()).isEmpty();
        e.upsertNode(node("a", 8000, 32, NodeAttributes.ZONE_LABEL, "z1"));
        assertThat(e.allocate().decisions()).extracting(OfferDecision::node).containsExactly("a");
    }

    @Test
    void relabellingANodeRecountsTheInstancesOnIt() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 8000, 32, "rack", "r1"));
        e.upsertNode(node("b", 8000, 32, "rack", "r1"));
        e.upsertApp(app("ns/x", 1000, 1, c("rack", UNIQUE)));
        e.addRunningTask(RunningTask.instance("ns/x", 0, "a", Resources.of(1000, GI), List.of()));
        e.setPending("ns/x", ordinals(2));
        assertThat(e.allocate().decisions()).isEmpty();
        e.upsertNode(node("a", 8000, 32, "rack", "r2"));
        assertThat(e.allocate().decisions()).extracting(OfferDecision::node).containsExactly("b");
    }

    @Test
    void aRemovedAppKeepsItsTasksAccountedAndAdoptsThemWhenItReturns() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 2000, 32));
        submit(e, app("ns/x", 1000, 1), 2);
        assertThat(e.allocate().decisions()).hasSize(2);
        e.removeApp("ns/x");
        assertThat(e.freeFor("a", "default").orElseThrow().cpus()).isZero();
        submit(e, app("ns/y", 1000, 1), 1);
        assertThat(e.allocate().decisions()).isEmpty();
        e.upsertApp(app("ns/x", 1000, 1));
        e.setPending("ns/x", ordinals(2));
        assertThat(e.waiting("ns/x")).isEmpty();
        assertThat(pool(e, "default").allocated().cpus()).isEqualTo(2000);
    }

    @Test
    void removingAndRestoringAPool() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 32));
        e.upsertPool(PoolSpec.shared("team", 1));
        submit(e, AppSpec.of("ns/x", "team", Resources.of(1000, GI)), 1);
        e.removePool("team");
        assertThat(e.allocate().decisions()).isEmpty();
        assertThat(e.whyPending("ns/x").orElseThrow().errors())
                .extracting(AppError::reason)
                .containsExactly(AppError.POOL_NOT_FOUND);
        assertThat(e.poolFigures()).extracting(PoolFigures::name).containsExactly("default");
        e.upsertPool(PoolSpec.shared("team", 1));
        assertThat(e.allocate().decisions()).hasSize(1);
    }

    @Test
    void changingAPoolSelectorMovesWhereItsAppsGo() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("web", 8000, 32, "tier", "web"));
        e.upsertNode(node("db", 8000, 32, "tier", "db"));
        e.upsertPool(new PoolSpec("p", LabelSelector.matchLabels(Map.of("tier", "web")), 1, null, null, null));
        submit(e, AppSpec.of("ns/x", "p", Resources.of(1000, GI)), 1);
        assertThat(e.allocate().decisions()).extracting(OfferDecision::node).containsExactly("web");
        e.upsertPool(new PoolSpec("p", LabelSelector.matchLabels(Map.of("tier", "db")), 1, null, null, null));
        e.setPending("ns/x", ordinals(2));
        assertThat(e.allocate().decisions()).extracting(OfferDecision::node).containsExactly("db");
        assertThat(pool(e, "p").nodes()).isEqualTo(1);
    }

    @Test
    void droppingAReservationFreesItForOtherPools() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 32));
        e.upsertPool(new PoolSpec("team", null, 1, null, null, List.of(new Reservation(null, Resources.of(3000, GI)))));
        submit(e, app("ns/x", 1000, 1), 4);
        assertThat(e.allocate().decisions()).hasSize(1);
        e.upsertPool(PoolSpec.shared("team", 1));
        assertThat(e.allocate().decisions()).hasSize(3);
        assertThat(pool(e, "team").reserved()).isEqualTo(Resources.ZERO);
    }

    @Test
    void movingAnAppToAnotherPoolMovesItsAllocation() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 32));
        e.upsertPool(PoolSpec.shared("other", 1));
        submit(e, app("ns/x", 1000, 1), 2);
        e.allocate();
        assertThat(pool(e, "default").allocated().cpus()).isEqualTo(2000);
        e.upsertApp(AppSpec.of("ns/x", "other", Resources.of(1000, GI)));
        assertThat(pool(e, "default").allocated().cpus()).isZero();
        assertThat(pool(e, "other").allocated().cpus()).isEqualTo(2000);
    }

    @Test
    void aRemovedNodeGetsNoOffersAndComesBackWithItsTasks() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 2000, 32));
        e.addRunningTask(RunningTask.foreign("p", "a", Resources.of(1000, GI), List.of()));
        e.removeNode("a");
        submit(e, app("ns/x", 1000, 1), 2);
        assertThat(e.allocate().decisions()).isEmpty();
        assertThat(e.clusterCapacity()).isEqualTo(Resources.ZERO);
        e.upsertNode(node("a", 2000, 32));
        assertThat(e.allocate().decisions()).hasSize(1);
    }
}

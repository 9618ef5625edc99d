package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Constraint.Operator.*;
import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Why is it waiting" and "why is instance i on node n". */
class ExplainTest {

    @Test
    void whyPlacedNamesThePoolTheOfferTheConstraintsAndThePorts() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 16, NodeAttributes.ZONE_LABEL, "z1", "rack", "r7"));
        e.upsertPool(PoolSpec.shared("web", 1));
        e.upsertApp(new AppSpec(
                "ns/x",
                "web",
                Resources.of(1000, GI),
                List.of(0, 8080),
                List.of(c("@zone", GROUP_BY), c("rack", LIKE, "r[0-9]")),
                List.of(),
                Map.of()));
        e.setPending("ns/x", List.of(3));
        OfferDecision d = e.allocate().decisions().get(0);

        PlacementExplanation why = e.whyPlaced("ns/x", 3).orElseThrow();
        assertThat(why.node()).isEqualTo("a");
        assertThat(why.pool()).isEqualTo("web");
        assertThat(why.offered()).isEqualTo(Resources.of(4000, 16 * GI));
        assertThat(why.hostPorts()).containsExactly(31000, 8080).isEqualTo(d.hostPorts());
        assertThat(why.satisfied()).hasSize(2);
        assertThat(why.satisfied().get(0)).contains("@zone GROUP_BY").contains("'z1'");
        assertThat(why.satisfied().get(1)).contains("rack LIKE r[0-9]").contains("'r7'");
        assertThat(e.whyPlaced("ns/x", 0)).isEmpty();
    }

    @Test
    void whyPlacedWorksForTasksFoundRunning() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 16, "rack", "r1"));
        e.upsertApp(app("ns/x", 1000, 1, c("rack", IS, "r1")));
        e.addRunningTask(RunningTask.instance("ns/x", 0, "a", Resources.of(1000, GI), List.of()));
        PlacementExplanation why = e.whyPlaced("ns/x", 0).orElseThrow();
        assertThat(why.pool()).isEqualTo("default");
        assertThat(why.offered()).isNull();
        assertThat(why.assumed()).isFalse();
        assertThat(why.satisfied()).singleElement().asString().contains("'r1'");
    }

    @Test
    void whyPendingGivesCountReasonsMostNodesFirstAndIsCachedUntilSomethingChanges() {
        PlacementEngine e = new PlacementEngine();
        for (int i = 0; i < 3; i++) e.upsertNode(node("small" + i, 500, 16));
        e.upsertNode(node("tagged", 8000, 16, "disk", "hdd"));
        submit(e, app("ns/x", 1000, 1, c("disk", UNLIKE, "hdd")), 2);
        CycleResult r = e.allocate();
        assertThat(r.pendingApps()).singleElement().satisfies(p -> {
            assertThat(p.appKey()).isEqualTo("ns/x");
            assertThat(p.pending()).isEqualTo(2);
        });
        PendingSummary s = e.whyPending("ns/x").orElseThrow();
        assertThat(s.pending()).isEqualTo(2);
        assertThat(s.reasons())
                .containsExactly(
                        new PendingSummary.ReasonCount(DeclineReason.InsufficientCpus, 3),
                        new PendingSummary.ReasonCount(DeclineReason.UnfulfilledConstraint, 1));
        assertThat(s.errors()).isEmpty();
        assertThat(e.whyPending("ns/x").orElseThrow()).isSameAs(s);

        e.upsertNode(node("big", 8000, 16));
        assertThat(e.whyPending("ns/x").orElseThrow()).isNotSameAs(s);
        assertThat(e.whyPending("ns/unknown")).isEmpty();
    }

    @Test
    void explainWaitingCountsEveryRequirementOnEveryNodeAndNamesTheClosestNodes() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("ssd-small", 500, 16, "disk", "ssd"));
        e.upsertNode(node("ssd-tiny", 200, 1, "disk", "ssd"));
        e.upsertNode(node("hdd-big", 8000, 16, "disk", "hdd"));
        e.upsertNode(new NodeSpec("cordoned", Map.of("disk", "ssd"), Resources.of(8000, 16 * GI), 0, false, null));
        submit(e, app("ns/x", 1000, 2, c("disk", IS, "ssd")), 2);
        e.allocate();

        WaitingExplanation why = e.explainWaiting("ns/x").orElseThrow();
        assertThat(why.pending()).isEqualTo(2);
        assertThat(why.nodes()).isEqualTo(4);
        assertThat(why.instance()).isZero();
        // each requirement on its own: a node failing several is counted under each
        assertThat(why.requirement("disk IS ssd").orElseThrow())
                .isEqualTo(
                        new WaitingExplanation.Requirement("disk IS ssd", DeclineReason.UnfulfilledConstraint, 3, 1));
        assertThat(why.requirement("cpus").orElseThrow().declined()).isEqualTo(3);
        assertThat(why.requirement("mem").orElseThrow().declined()).isEqualTo(2);
        assertThat(why.requirement("schedulable").orElseThrow().declined()).isEqualTo(1);
        assertThat(why.requirement("pool default").orElseThrow().matched()).isEqualTo(4);
        assertThat(why.requirements())
                .extracting(WaitingExplanation.Requirement::reason)
                .isSorted();
        // closest: fewest failed requirements, then most room for the instance
        assertThat(why.closest())
                .extracting(WaitingExplanation.NodeFit::node)
                .containsExactly("hdd-big", "ssd-small", "ssd-tiny", "cordoned");
        assertThat(why.closest().get(0).failed()).containsExactly("disk IS ssd");
        assertThat(why.closest().get(1).failed()).containsExactly("cpus");
        assertThat(why.closest().get(3).failed()).contains("schedulable", "cpus", "mem");
        assertThat(e.explainWaiting("ns/unknown")).isEmpty();
    }

    @Test
    void explainWaitingGivesTheAppErrorsWhenNothingCanBePlaced() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 16));
        submit(e, AppSpec.of("ns/x", "missing", Resources.of(1000, GI)), 1);
        e.allocate();
        WaitingExplanation why = e.explainWaiting("ns/x").orElseThrow();
        assertThat(why.errors()).extracting(AppError::reason).containsExactly(AppError.POOL_NOT_FOUND);
        assertThat(why.requirements()).isEmpty();
    }

    @Test
    void offerStatisticsCountOffersAcceptedAndDeclinedByReason() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 2000, 16));
        e.upsertNode(node("b", 2000, 16));
        submit(e, app("ns/x", 1000, 1, c("@hostname", UNIQUE)), 3);
        OfferStatistics s = e.allocate().offers();
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.offersMade()).isEqualTo(5);
        assertThat(s.declined()).isEqualTo(3);
        assertThat(s.declinedByReason()).containsExactly(Map.entry(DeclineReason.UnfulfilledConstraint, 3L));
        assertThat(s.durationNanos()).isPositive();
    }

    @Test
    void manyAppsOfTheSameShapeThatCannotFitCostOneSearch() {
        PlacementEngine e = new PlacementEngine();
        for (int i = 0; i < 200; i++) e.upsertNode(node("n" + i, 2000, 1));
        for (int a = 0; a < 50; a++) submit(e, AppSpec.of("ns/a" + a, "default", Resources.of(1000, 2 * GI)), 1);
        e.allocate();
        long evaluated = e.nodesEvaluated();
        assertThat(evaluated).isLessThanOrEqualTo(200);
        assertThat(e.whyPending("ns/a49").orElseThrow().nodes(DeclineReason.InsufficientMemory))
                .isEqualTo(200);
    }

    @Test
    void nodeViewsShowAccountingAndPools() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 16, "tier", "web"));
        e.upsertNode(new NodeSpec("b", Map.of(), Resources.of(4000, 16 * GI), 0, false, null));
        e.upsertPool(new PoolSpec("web", LabelSelector.matchLabels(Map.of("tier", "web")), 1, null, null, null));
        e.addRunningTask(RunningTask.foreign("p", "a", Resources.of(1000, GI), List.of()));
        List<NodeView> views = e.nodes();
        assertThat(views).extracting(NodeView::name).containsExactly("a", "b");
        NodeView a = views.get(0);
        assertThat(a.allocated()).isEqualTo(Resources.of(1000, GI));
        assertThat(a.free()).isEqualTo(Resources.of(3000, 15 * GI));
        assertThat(a.pools()).containsExactly("default", "web");
        assertThat(a.tasks()).isEqualTo(1);
        assertThat(views.get(1).schedulable()).isFalse();
        assertThat(views.get(1).pools()).containsExactly("default");
    }
}

package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Assume, then commit or roll back; incremental updates and dirty tracking. */
class AssumeCommitRollbackTest {

    @Test
    void anAssumedDecisionIsNeverOfferedAgain() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 2000, 32));
        e.upsertNode(node("b", 2000, 32));
        submit(e, app("ns/x", 2000, 1), 1);
        OfferDecision first = e.allocate().decisions().get(0);
        submit(e, app("ns/y", 2000, 1), 2);
        CycleResult second = e.allocate();
        assertThat(second.decisions())
                .singleElement()
                .satisfies(d -> assertThat(d.node()).isNotEqualTo(first.node()));
        assertThat(e.allocate().decisions()).isEmpty();
    }

    @Test
    void rollbackFreesResourcesAndPortsAndTheInstanceWaitsAgain() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(new NodeSpec("a", Map.of(), Resources.of(1000, 4 * GI), 0, true, PortRange.parse("40000-40000")));
        submit(e, app("ns/x", 1000, 1).withPorts(List.of(0)), 1);
        OfferDecision d = e.allocate().decisions().get(0);
        assertThat(d.hostPorts()).containsExactly(40000);
        assertThat(e.freeFor("a", "default")).contains(new Resources(0, 3 * GI, 0, 0));
        assertThat(e.waiting("ns/x")).isEmpty();

        assertThat(e.rollback(d)).isTrue();
        assertThat(e.freeFor("a", "default")).contains(Resources.of(1000, 4 * GI));
        assertThat(e.waiting("ns/x")).containsExactly(0);
        assertThat(e.rollback(d)).isFalse();

        OfferDecision again = e.allocate().decisions().get(0);
        assertThat(again.node()).isEqualTo("a");
        assertThat(again.hostPorts()).containsExactly(40000);
    }

    @Test
    void commitMakesTheDecisionARunningTaskThatRollbackCannotUndo() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 1000, 4));
        submit(e, app("ns/x", 1000, 1), 1);
        OfferDecision d = e.allocate().decisions().get(0);
        assertThat(e.whyPlaced("ns/x", 0).orElseThrow().assumed()).isTrue();
        assertThat(e.commit(d)).isTrue();
        assertThat(e.whyPlaced("ns/x", 0).orElseThrow().assumed()).isFalse();
        assertThat(e.rollback(d)).isFalse();
        assertThat(e.freeFor("a", "default").orElseThrow().cpus()).isZero();
        assertThat(e.removeTask(d.taskId())).isTrue();
        assertThat(e.freeFor("a", "default").orElseThrow().cpus()).isEqualTo(1000);
        assertThat(e.waiting("ns/x")).containsExactly(0);
    }

    @Test
    void addingTheRunningPodOfAnAssumedDecisionConfirmsIt() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 2000, 4));
        submit(e, app("ns/x", 1000, 1).withPorts(List.of(0)), 1);
        OfferDecision d = e.allocate().decisions().get(0);
        e.addRunningTask(RunningTask.instance("ns/x", 0, "a", d.resources(), d.hostPorts()));
        assertThat(e.rollback(d)).isFalse();
        assertThat(e.freeFor("a", "default").orElseThrow().cpus()).isEqualTo(1000);
    }

    @Test
    void anUnchangedCycleEvaluatesNoNode() {
        PlacementEngine e = new PlacementEngine();
        for (int i = 0; i < 50; i++) e.upsertNode(node("n" + i, 1000, 4));
        submit(e, app("ns/x", 1000, 1), 60);
        CycleResult first = e.allocate();
        assertThat(first.decisions()).hasSize(50);
        long evaluated = e.nodesEvaluated();
        assertThat(evaluated).isPositive();

        CycleResult second = e.allocate();
        assertThat(second.unchanged()).isTrue();
        assertThat(second.decisions()).isEmpty();
        assertThat(e.nodesEvaluated()).isEqualTo(evaluated);
        assertThat(second.pendingApps())
                .singleElement()
                .satisfies(p -> assertThat(p.pending()).isEqualTo(10));

        e.upsertNode(node("n7", 1000, 4));
        e.upsertApp(app("ns/x", 1000, 1));
        e.setPending("ns/x", ordinals(60));
        assertThat(e.allocate().unchanged())
                .as("re-upserting equal specs changes nothing")
                .isTrue();

        e.upsertNode(node("n-new", 1000, 4));
        CycleResult third = e.allocate();
        assertThat(third.unchanged()).isFalse();
        assertThat(third.decisions()).extracting(OfferDecision::node).containsExactly("n-new");
    }

    @Test
    void aNewAppDoesNotMakeTheCycleRetryBlockedApps() {
        PlacementEngine e = new PlacementEngine();
        for (int i = 0; i < 20; i++) e.upsertNode(node("n" + i, 2000, 8));
        submit(e, app("ns/huge", 4000, 1), 1);
        e.allocate();
        e.allocate();
        long before = e.nodesEvaluated();
        submit(e, app("ns/small", 1000, 1), 1);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).hasSize(1);
        assertThat(e.nodesEvaluated() - before).isEqualTo(1);
    }

    @Test
    void theSameInputGivesTheSameDecisions() {
        List<String> first = run();
        assertThat(run()).isEqualTo(first);
        assertThat(first).isNotEmpty();
    }

    private static List<String> run() {
        PlacementEngine e = new PlacementEngine();
        for (int i = 0; i < 30; i++) e.upsertNode(node("n" + i, 4000, 16, NodeAttributes.ZONE_LABEL, "z" + (i % 3)));
        for (int a = 0; a < 10; a++) {
            submit(e, app("ns/a" + a, 1000 * (1 + a % 3), 1, c("@zone", Constraint.Operator.GROUP_BY)), 7);
        }
        return e.allocate().decisions().stream()
                .map(d -> d.appKey() + "/" + d.instance() + "@" + d.node() + d.hostPorts())
                .toList();
    }

    @Test
    void heldResourcesOfAPinnedInstanceAreKeptFromOtherApps() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("home", 2000, 8));
        e.upsertApp(app("ns/db", 1000, 1).withPins(Map.of(0, new Pin("home", true), 1, new Pin("home", false))));
        submit(e, app("ns/other", 1000, 1), 2);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).hasSize(1);
        assertThat(e.freeFor("home", "default").orElseThrow().cpus()).isZero();

        e.setPending("ns/db", List.of(0));
        CycleResult db = e.allocate();
        assertThat(db.decisions())
                .singleElement()
                .satisfies(d -> assertThat(d.node()).isEqualTo("home"));
    }

    @Test
    void withoutHoldTheNodeIsFreeForOthers() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("home", 2000, 8));
        e.upsertApp(app("ns/db", 1000, 1).withPins(Map.of(0, new Pin("home", false))));
        submit(e, app("ns/other", 1000, 1), 2);
        assertThat(e.allocate().decisions()).hasSize(2);
    }

    @Test
    void cordoningANodeStopsOffersAndRemovingATaskReopensThem() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 1000, 8));
        e.addRunningTask(RunningTask.foreign("p", "a", Resources.of(1000, GI), List.of()));
        submit(e, app("ns/x", 1000, 1), 1);
        assertThat(e.allocate().decisions()).isEmpty();
        e.upsertNode(new NodeSpec("a", Map.of(), Resources.of(1000, 8 * GI), 0, false, null));
        e.removeTask("p");
        assertThat(e.allocate().decisions()).isEmpty();
        assertThat(e.whyPending("ns/x").orElseThrow().nodes(DeclineReason.NodeUnschedulable))
                .isEqualTo(1);
        e.upsertNode(node("a", 1000, 8));
        assertThat(e.allocate().decisions()).hasSize(1);
    }
}

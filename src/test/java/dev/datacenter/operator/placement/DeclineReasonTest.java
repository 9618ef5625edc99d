package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One scenario per decline reason, read back from the reject summary ("why is it waiting"). */
class DeclineReasonTest {

    private static PendingSummary waitOn(PlacementEngine e, String app) {
        e.allocate();
        PendingSummary s = e.whyPending(app).orElseThrow();
        assertThat(s.pending()).isPositive();
        return s;
    }

    @Test
    void unfulfilledRoleForNodesOutsideThePoolSelector() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("web1", 1000, 4, "tier", "web"));
        e.upsertNode(node("db1", 8000, 32, "tier", "db"));
        e.upsertNode(node("db2", 8000, 32, "tier", "db"));
        e.upsertPool(new PoolSpec("web", LabelSelector.matchLabels(Map.of("tier", "web")), 1, null, null, null));
        submit(e, AppSpec.of("ns/a", "web", Resources.of(1000, GI)), 2);
        PendingSummary s = waitOn(e, "ns/a");
        assertThat(s.nodes(DeclineReason.UnfulfilledRole)).isEqualTo(2);
        assertThat(s.nodes(DeclineReason.InsufficientCpus)).isEqualTo(1);
    }

    @Test
    void unfulfilledConstraint() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 8000, 32, "disk", "hdd"));
        submit(e, app("ns/a", 1000, 1, c("disk", Constraint.Operator.IS, "ssd")), 1);
        assertThat(waitOn(e, "ns/a").nodes(DeclineReason.UnfulfilledConstraint)).isEqualTo(1);
    }

    @Test
    void insufficientCpusMemoryDiskAndGpus() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(NodeSpec.of("small", Map.of(), new Resources(1000, 64 * GI, 1, 100 * GI)));
        e.upsertApp(AppSpec.of("ns/cpu", "default", new Resources(2000, GI, 0, 0)));
        e.upsertApp(AppSpec.of("ns/mem", "default", new Resources(500, 65 * GI, 0, 0)));
        e.upsertApp(AppSpec.of("ns/disk", "default", new Resources(500, GI, 0, 200 * GI)));
        e.upsertApp(AppSpec.of("ns/gpu", "default", new Resources(500, GI, 2, 0)));
        for (String k : List.of("ns/cpu", "ns/mem", "ns/disk", "ns/gpu")) e.setPending(k, ordinals(1));
        e.allocate();
        assertThat(e.whyPending("ns/cpu").orElseThrow().nodes(DeclineReason.InsufficientCpus))
                .isEqualTo(1);
        assertThat(e.whyPending("ns/mem").orElseThrow().nodes(DeclineReason.InsufficientMemory))
                .isEqualTo(1);
        assertThat(e.whyPending("ns/disk").orElseThrow().nodes(DeclineReason.InsufficientDisk))
                .isEqualTo(1);
        assertThat(e.whyPending("ns/gpu").orElseThrow().nodes(DeclineReason.InsufficientGpus))
                .isEqualTo(1);
    }

    @Test
    void insufficientPortsWhenAFixedPortIsTakenOrTheRangeIsExhausted() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(new NodeSpec("a", Map.of(), Resources.of(8000, 32 * GI), 0, true, PortRange.parse("31000-31001")));
        e.addRunningTask(RunningTask.foreign("kube-system/proxy", "a", Resources.of(100, GI), List.of(8080)));
        submit(e, app("ns/fixed", 100, 1).withPorts(List.of(8080)), 1);
        submit(e, app("ns/dyn", 100, 1).withPorts(List.of(0)), 3);
        CycleResult r = e.allocate();
        assertThat(of(r, "ns/dyn")).extracting(d -> d.hostPorts().get(0)).containsExactlyInAnyOrder(31000, 31001);
        assertThat(e.whyPending("ns/fixed").orElseThrow().nodes(DeclineReason.InsufficientPorts))
                .isEqualTo(1);
        assertThat(e.whyPending("ns/dyn").orElseThrow().nodes(DeclineReason.InsufficientPorts))
                .isEqualTo(1);
    }

    @Test
    void nodeUnschedulableForCordonedNodesAndFullPodSlots() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(new NodeSpec("cordoned", Map.of(), Resources.of(8000, 32 * GI), 0, false, null));
        e.upsertNode(new NodeSpec("full", Map.of(), Resources.of(8000, 32 * GI), 1, true, null));
        e.addRunningTask(RunningTask.foreign("x", "full", Resources.of(100, GI), List.of()));
        submit(e, app("ns/a", 1000, 1), 1);
        assertThat(waitOn(e, "ns/a").nodes(DeclineReason.NodeUnschedulable)).isEqualTo(2);
    }

    @Test
    void pinnedNodeUnavailable() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("home", 1000, 32));
        e.upsertNode(node("other1", 8000, 32));
        e.upsertNode(node("other2", 8000, 32));
        e.addRunningTask(RunningTask.foreign("x", "home", Resources.of(1000, GI), List.of()));
        submit(e, app("ns/db", 1000, 1).withPins(Map.of(0, new Pin("home", false))), 1);
        PendingSummary s = waitOn(e, "ns/db");
        assertThat(s.nodes(DeclineReason.PinnedNodeUnavailable)).isEqualTo(2);
        assertThat(s.nodes(DeclineReason.InsufficientCpus)).isEqualTo(1);
    }

    @Test
    void poolLimitReached() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 8000, 32));
        e.upsertNode(node("b", 8000, 32));
        e.upsertPool(new PoolSpec(
                "capped", null, 1, null, new Resources(2000, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE), null));
        submit(e, AppSpec.of("ns/a", "capped", Resources.of(1000, GI)), 3);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).hasSize(2);
        assertThat(r.offers().declinedByReason()).containsKey(DeclineReason.PoolLimitReached);
        assertThat(e.whyPending("ns/a").orElseThrow().nodes(DeclineReason.PoolLimitReached))
                .isEqualTo(2);
    }

    @Test
    void declinedScarceResourcesWhenAGpuNodeIsKeptFromANonGpuInstance() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(gpuNode("gpu", 8000, 32, 4));
        e.upsertNode(node("cpu", 8000, 32));
        e.upsertPool(new PoolSpec(
                "default", null, 1, null, new Resources(8000, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE), null));
        submit(e, app("ns/a", 4000, 1), 3);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).extracting(OfferDecision::node).containsExactly("cpu", "cpu");
        PendingSummary s = e.whyPending("ns/a").orElseThrow();
        assertThat(s.nodes(DeclineReason.DeclinedScarceResources)).isEqualTo(1);
        assertThat(s.nodes(DeclineReason.InsufficientCpus)).isEqualTo(1);
    }

    @Test
    void theSummaryCountsEachNodeOnceByItsFirstFailingCheck() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(new NodeSpec("cordoned-small", Map.of(), Resources.of(100, GI), 0, false, null));
        e.upsertNode(node("small", 100, 1));
        submit(e, app("ns/a", 1000, 2, c("rack", Constraint.Operator.UNLIKE, "x")), 1);
        PendingSummary s = waitOn(e, "ns/a");
        assertThat(s.reasons())
                .containsExactly(
                        new PendingSummary.ReasonCount(DeclineReason.NodeUnschedulable, 1),
                        new PendingSummary.ReasonCount(DeclineReason.InsufficientCpus, 1));
    }
}

package dev.datacenter.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppStatus;
import dev.datacenter.operator.api.InstanceCounts;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.placement.DeclineReason;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state view from plain objects, without an allocation cycle (a replica that does not lead). */
class StateViewBuilderTest {

    private static final long MI = 1024L * 1024;

    @Test
    void withoutACycleThePoolFiguresComeFromNodesAndApps() {
        ResourcePool gpu = TestObjects.pool(
                "gpu",
                new LabelSelectorBuilder().addToMatchLabels("gpu", "true").build());
        gpu.getSpec().setWeight(4.0);
        DataCenterApp trainer = TestObjects.app("ml", "trainer", spec -> spec.setPool("gpu"));
        trainer.setStatus(status(2, 2));
        DataCenterApp web = TestObjects.app("ml", "web", spec -> {});
        web.setStatus(status(1, 1));
        ClusterSnapshot snapshot = new ClusterSnapshot(
                Instant.parse("2026-11-25T10:00:00Z"),
                List.of(
                        ClusterStateSourceMockTest.node("g1", Map.of("gpu", "true"), "8", "32Gi", true),
                        ClusterStateSourceMockTest.node("n1", Map.of(), "4", "8Gi", true),
                        ClusterStateSourceMockTest.node("n2", Map.of(), "4", "8Gi", false)),
                List.of(
                        ClusterStateSourceMockTest.foreignPod("kube-system", "dns", "n1", "250m", "64Mi"),
                        finished("n1")),
                List.of(gpu),
                List.of(web, trainer),
                Map.of(),
                key -> key.equals("ml/web")
                        ? Optional.of(new PendingSummary(
                                key,
                                "default",
                                1,
                                List.of(new PendingSummary.ReasonCount(DeclineReason.InsufficientMemory, 2)),
                                List.of()))
                        : Optional.empty(),
                7,
                List.of());

        StateView state = StateViewBuilder.build(snapshot);

        assertThat(state.time()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(state.nodes()).extracting(NodeView::name).containsExactly("g1", "n1", "n2");
        NodeView n1 = state.nodes().get(1);
        assertThat(n1.allocated()).as("a finished pod holds nothing").isEqualTo(new ResourcesView(0.25, 64 * MI, 0, 0));
        assertThat(n1.free().cpus()).isEqualTo(3.75);
        assertThat(n1.pools()).containsExactly("default");
        assertThat(state.nodes().get(0).pools()).containsExactly("default", "gpu");

        assertThat(state.pools()).extracting(PoolView::name).containsExactly("default", "gpu");
        PoolView pool = state.pools().get(1);
        assertThat(pool.implied()).isFalse();
        assertThat(pool.weight()).isEqualTo(4.0);
        assertThat(pool.nodes()).isEqualTo(1);
        assertThat(pool.capacity().cpus()).isEqualTo(8.0);
        assertThat(pool.allocated()).isEqualTo(new ResourcesView(1.0, 512 * MI, 0, 0));
        assertThat(pool.apps()).isEqualTo(1);
        // 1 of the schedulable 12 cores, weight 4
        assertThat(pool.dominantShare()).isCloseTo(1.0 / 12, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(pool.weightedShare()).isCloseTo(1.0 / 48, org.assertj.core.api.Assertions.within(1e-12));
        PoolView implied = state.pools().get(0);
        assertThat(implied.implied()).isTrue();
        assertThat(implied.nodes()).as("n2 is not Ready").isEqualTo(2);
        assertThat(implied.pendingInstances()).isEqualTo(1);

        assertThat(state.apps()).extracting(AppView::name).containsExactly("trainer", "web");
        AppView w = state.apps().get(1);
        assertThat(w.pending().reasons()).containsExactly(new ReasonCount("InsufficientMemory", 2));
        assertThat(w.status()).isEqualTo(ServiceStatus.Recovering);
        assertThat(state.apps().get(0).status()).isEqualTo(ServiceStatus.Running);

        ClusterView cluster = state.cluster();
        assertThat(cluster.nodes()).isEqualTo(3);
        assertThat(cluster.schedulableNodes()).isEqualTo(2);
        assertThat(cluster.capacity().cpus()).isEqualTo(16.0);
        assertThat(cluster.tasks()).isEqualTo(new TasksView(0, 3, 3, 0, 3));
        assertThat(cluster.taskFailures()).isEqualTo(7);
    }

    private static DataCenterAppStatus status(int total, int ready) {
        DataCenterAppStatus status = new DataCenterAppStatus();
        InstanceCounts counts = new InstanceCounts();
        counts.setTotal(total);
        counts.setStaged(0);
        counts.setRunning(total);
        counts.setHealthy(total);
        counts.setReady(ready);
        counts.setUnhealthy(0);
        status.setInstances(counts);
        return status;
    }

    private static Pod finished(String node) {
        Pod pod = ClusterStateSourceMockTest.foreignPod("jobs", "done", node, "2", "1Gi");
        return new PodBuilder(pod)
                .editStatus()
                .withPhase("Succeeded")
                .endStatus()
                .build();
    }
}

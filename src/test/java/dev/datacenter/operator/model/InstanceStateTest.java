package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.model.InstanceState.Stage;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import org.junit.jupiter.api.Test;

class InstanceStateTest {

    private static ContainerStatus running(boolean started, int restarts) {
        return new ContainerStatusBuilder()
                .withName("app")
                .withStarted(started)
                .withRestartCount(restarts)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-01-01T00:00:00Z")
                .endRunning()
                .endState()
                .build();
    }

    private static Pod pod(String phase, String ready, ContainerStatus... containers) {
        PodStatusBuilder status = new PodStatusBuilder().withPhase(phase).withContainerStatuses(containers);
        if (ready != null) {
            status.addNewCondition().withType("Ready").withStatus(ready).endCondition();
        }
        return new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .endMetadata()
                .withStatus(status.build())
                .build();
    }

    @Test
    void createdPodIsStaged() {
        InstanceState s = InstanceState.of(
                new PodBuilder().withNewMetadata().withName("p").endMetadata().build());
        assertThat(s.stage()).isEqualTo(Stage.STAGED);
        assertThat(s.staged()).isTrue();
        assertThat(s.ready()).isFalse();
        assertThat(s.healthy()).isFalse();
        assertThat(InstanceState.of(pod("Pending", "False")).staged()).isTrue();
    }

    @Test
    void runningReadyAndHealthy() {
        InstanceState s = InstanceState.of(pod("Running", "True", running(true, 0)));
        assertThat(s.running()).isTrue();
        assertThat(s.ready()).isTrue();
        assertThat(s.healthy()).isTrue();
        assertThat(s.failure()).isNull();
    }

    @Test
    void runningButInGracePeriodOrRestartedIsNotHealthy() {
        assertThat(InstanceState.of(pod("Running", "False", running(false, 0))).healthy())
                .isFalse();
        InstanceState restarted = InstanceState.of(pod("Running", "True", running(true, 2)), 1);
        assertThat(restarted.healthy()).isFalse();
        assertThat(restarted.restartCount()).isEqualTo(2);
        assertThat(InstanceState.of(pod("Running", "True", running(true, 2)), 2).healthy())
                .isTrue();
    }

    @Test
    void crashLoopIsAFailureWithTheLastExit() {
        ContainerStatus crashing = new ContainerStatusBuilder()
                .withName("app")
                .withRestartCount(4)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 40s")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withExitCode(3)
                .withReason("Error")
                .withFinishedAt("2026-01-01T00:01:00Z")
                .endTerminated()
                .endLastState()
                .build();
        InstanceState s = InstanceState.of(pod("Running", "False", crashing));
        assertThat(s.failed()).isTrue();
        assertThat(s.healthy()).isFalse();
        assertThat(s.failure().reason()).isEqualTo("CrashLoopBackOff");
        assertThat(s.failure().message()).contains("container app", "back-off 40s", "last exit code 3 (Error)");
        assertThat(s.failure().time()).isEqualTo("2026-01-01T00:01:00Z");
    }

    @Test
    void terminatedWithErrorAndFailedPhaseAndFailedArtifactFetch() {
        ContainerStatus exited = new ContainerStatusBuilder()
                .withName("app")
                .withNewState()
                .withNewTerminated()
                .withExitCode(137)
                .withReason("OOMKilled")
                .withFinishedAt("t")
                .endTerminated()
                .endState()
                .build();
        InstanceState oom = InstanceState.of(pod("Running", "False", exited));
        assertThat(oom.failed()).isTrue();
        assertThat(oom.failure().reason()).isEqualTo("OOMKilled");
        assertThat(oom.failure().message()).contains("exited with code 137");

        Pod evicted = pod("Failed", null);
        evicted.getStatus().setReason("Evicted");
        evicted.getStatus().setMessage("low on memory");
        assertThat(InstanceState.of(evicted).failure())
                .isEqualTo(new InstanceState.Failure("Evicted", "low on memory", null));

        Pod fetchFailed = pod("Pending", "False");
        fetchFailed
                .getStatus()
                .getInitContainerStatuses()
                .add(new ContainerStatusBuilder()
                        .withName("fetch-artifacts")
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(22)
                        .endTerminated()
                        .endState()
                        .build());
        InstanceState f = InstanceState.of(fetchFailed);
        assertThat(f.failed()).isTrue();
        assertThat(f.failure().message()).contains("fetch-artifacts", "22");

        assertThat(InstanceState.of(pod(
                                "Running",
                                "False",
                                new ContainerStatusBuilder()
                                        .withName("app")
                                        .withNewState()
                                        .withNewWaiting()
                                        .withReason("ImagePullBackOff")
                                        .endWaiting()
                                        .endState()
                                        .build()))
                        .failed())
                .isTrue();
        assertThat(InstanceState.of(pod(
                                "Pending",
                                "False",
                                new ContainerStatusBuilder()
                                        .withName("app")
                                        .withNewState()
                                        .withNewWaiting()
                                        .withReason("ContainerCreating")
                                        .endWaiting()
                                        .endState()
                                        .build()))
                        .staged())
                .isTrue();
    }

    @Test
    void terminatingIsNeverReadyAndUnknownAndSucceededPhases() {
        Pod p = pod("Running", "True", running(true, 0));
        p.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        InstanceState s = InstanceState.of(p);
        assertThat(s.terminating()).isTrue();
        assertThat(s.ready()).isFalse();
        assertThat(InstanceState.of(pod("Unknown", "True")).stage()).isEqualTo(Stage.UNKNOWN);
        assertThat(InstanceState.of(pod("Succeeded", "False")).stage()).isEqualTo(Stage.FINISHED);
    }

    @Test
    void unschedulableIsReported() {
        Pod p = pod("Pending", null);
        p.getStatus()
                .getConditions()
                .add(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                        .withType("PodScheduled")
                        .withStatus("False")
                        .withReason("Unschedulable")
                        .build());
        assertThat(InstanceState.of(p).unschedulable()).isTrue();
        assertThat(InstanceState.of(pod("Pending", null)).unschedulable()).isFalse();
    }
}

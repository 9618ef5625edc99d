package dev.datacenter.operator.model;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import java.util.Set;

/**
 * What an instance's pod says about it, in Marathon's terms.
 *
 * <ul>
 * <li>{@link Stage#STAGED}: created, not running yet (phase Pending or none).</li>
 * <li>{@link Stage#RUNNING}: phase Running.</li>
 * <li>{@link Stage#UNKNOWN}: phase Unknown (its node stopped reporting).</li>
 * <li>{@link Stage#FAILED}: phase Failed (evicted, ...), or a container (app or artifact fetcher)
 * terminated with a non-zero exit code, or waiting in CrashLoopBackOff, ErrImagePull,
 * ImagePullBackOff, InvalidImageName, CreateContainerConfigError, CreateContainerError or
 * RunContainerError: the pod will not become healthy by itself.</li>
 * <li>{@link Stage#FINISHED}: phase Succeeded (the command exited 0; a service should not).</li>
 * </ul>
 * {@code ready}: the pod's Ready condition is True and it is not terminating. {@code healthy}: RUNNING,
 * the app container running and started (its startup probe, i.e. the health check's grace period,
 * passed), and, when the previous restart count is given, not restarted since (a liveness kill
 * restarts the container).
 */
public record InstanceState(
        Stage stage,
        boolean ready,
        boolean healthy,
        boolean terminating,
        boolean unschedulable,
        int restartCount,
        Failure failure) {

    public enum Stage {
        STAGED,
        RUNNING,
        UNKNOWN,
        FAILED,
        FINISHED
    }

    /** Why the instance failed, for {@code status.lastTaskFailure}; time is RFC 3339 or null. */
    public record Failure(String reason, String message, String time) {}

    static final Set<String> FAILING_WAIT_REASONS = Set.of(
            "CrashLoopBackOff",
            "ErrImagePull",
            "ImagePullBackOff",
            "InvalidImageName",
            "CreateContainerConfigError",
            "CreateContainerError",
            "RunContainerError");

    /** The state of {@code pod}, with no previous restart count to compare with. */
    public static InstanceState of(Pod pod) {
        return of(pod, null);
    }

    /**
     * The state of {@code pod}; {@code previousRestartCount} is the app container's restart count
     * when last seen healthy (null: unknown), so that a restart since makes it unhealthy.
     */
    public static InstanceState of(Pod pod, Integer previousRestartCount) {
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        boolean terminating = pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null;
        ContainerStatus app = appContainer(status.getContainerStatuses());
        int restarts = app == null || app.getRestartCount() == null ? 0 : app.getRestartCount();
        Failure failure = failure(status);
        Stage stage = stage(status.getPhase(), failure);
        boolean ready = !terminating && conditionIs(status, "Ready", "True");
        boolean healthy = stage == Stage.RUNNING
                && app != null
                && app.getState() != null
                && app.getState().getRunning() != null
                && !Boolean.FALSE.equals(app.getStarted())
                && (previousRestartCount == null || restarts <= previousRestartCount);
        boolean unschedulable = conditionIs(status, "PodScheduled", "False")
                && status.getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason()));
        return new InstanceState(stage, ready, healthy, terminating, unschedulable, restarts, failure);
    }

    public boolean staged() {
        return stage == Stage.STAGED;
    }

    public boolean running() {
        return stage == Stage.RUNNING;
    }

    public boolean failed() {
        return stage == Stage.FAILED;
    }

    private static Stage stage(String phase, Failure failure) {
        if ("Failed".equals(phase) || failure != null) {
            return Stage.FAILED;
        }
        if ("Succeeded".equals(phase)) {
            return Stage.FINISHED;
        }
        if ("Running".equals(phase)) {
            return Stage.RUNNING;
        }
        return "Unknown".equals(phase) ? Stage.UNKNOWN : Stage.STAGED;
    }

    private static Failure failure(PodStatus status) {
        for (List<ContainerStatus> list : List.of(
                SpecDefaults.list(status.getInitContainerStatuses()),
                SpecDefaults.list(status.getContainerStatuses()))) {
            for (ContainerStatus c : list) {
                Failure f = failure(c);
                if (f != null) {
                    return f;
                }
            }
        }
        if ("Failed".equals(status.getPhase())) {
            return new Failure(
                    status.getReason() == null ? "Failed" : status.getReason(),
                    status.getMessage() == null ? "the pod failed" : status.getMessage(),
                    null);
        }
        return null;
    }

    private static Failure failure(ContainerStatus c) {
        ContainerState state = c.getState();
        if (state == null) {
            return null;
        }
        ContainerStateTerminated t = state.getTerminated();
        if (t != null && t.getExitCode() != null && t.getExitCode() != 0) {
            return terminated(c.getName(), t);
        }
        if (state.getWaiting() != null
                && FAILING_WAIT_REASONS.contains(state.getWaiting().getReason())) {
            ContainerStateTerminated last =
                    c.getLastState() == null ? null : c.getLastState().getTerminated();
            String message =
                    "container " + c.getName() + ": " + state.getWaiting().getReason()
                            + (state.getWaiting().getMessage() == null
                                    ? ""
                                    : ": " + state.getWaiting().getMessage())
                            + (last == null
                                    ? ""
                                    : "; last exit code " + last.getExitCode()
                                            + (last.getReason() == null ? "" : " (" + last.getReason() + ")"));
            return new Failure(state.getWaiting().getReason(), message, last == null ? null : last.getFinishedAt());
        }
        return null;
    }

    private static Failure terminated(String container, ContainerStateTerminated t) {
        String reason = t.getReason() == null ? "Error" : t.getReason();
        String message = "container " + container + " exited with code " + t.getExitCode()
                + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new Failure(reason, message, t.getFinishedAt());
    }

    private static ContainerStatus appContainer(List<ContainerStatus> statuses) {
        List<ContainerStatus> list = SpecDefaults.list(statuses);
        return list.stream()
                .filter(c -> InstancePodBuilder.APP_CONTAINER.equals(c.getName()))
                .findFirst()
                .orElse(list.isEmpty() ? null : list.get(0));
    }

    private static boolean conditionIs(PodStatus status, String type, String value) {
        for (PodCondition c : SpecDefaults.list(status.getConditions())) {
            if (type.equals(c.getType())) {
                return value.equals(c.getStatus());
            }
        }
        return false;
    }
}

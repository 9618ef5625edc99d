package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pod statuses the simulated kubelet (and, for unschedulable pods, the scheduler it stands in for)
 * reports. Pure functions of the pod: each keeps a condition's lastTransitionTime when its status did not
 * change, so writing the same state twice changes nothing.
 */
final class PodStatuses {

    static final String POD_SCHEDULED = "PodScheduled";
    static final String READY = "Ready";
    static final String CONTAINERS_READY = "ContainersReady";

    private PodStatuses() {}

    /** Pending, not scheduled: what kube-scheduler writes when no node fits. */
    static PodStatus unschedulable(Pod pod, String message) {
        PodStatus current = current(pod);
        return new PodStatusBuilder(current)
                .withPhase("Pending")
                .withConditions(List.of(condition(current, POD_SCHEDULED, "False", "Unschedulable", message)))
                .build();
    }

    /** Running and Ready on the node: every container started and ready, init containers completed. */
    static PodStatus running(Pod pod, String hostIp, String podIp) {
        PodStatus current = current(pod);
        String started = Optional.ofNullable(current.getStartTime()).orElse(Timestamps.now());
        List<PodCondition> conditions = List.of(
                condition(current, "PodReadyToStartContainers", "True", null, null),
                condition(current, "Initialized", "True", null, null),
                condition(current, READY, "True", null, null),
                condition(current, CONTAINERS_READY, "True", null, null),
                condition(current, POD_SCHEDULED, "True", null, null));
        return new PodStatusBuilder(current)
                .withPhase("Running")
                .withConditions(conditions)
                .withHostIP(hostIp)
                .withHostIPs(new HostIP(hostIp))
                .withPodIP(podIp)
                .withPodIPs(new PodIP(podIp))
                .withStartTime(started)
                .withQosClass(qosClass(pod))
                .withInitContainerStatuses(containerStatuses(pod, pod.getSpec().getInitContainers(), current, true))
                .withContainerStatuses(containerStatuses(pod, pod.getSpec().getContainers(), current, false))
                .build();
    }

    /** Refused by the kubelet at admission ({@code OutOfcpu}): Failed, never started. */
    static PodStatus rejected(Pod pod, String reason, String message) {
        return new PodStatusBuilder(current(pod))
                .withPhase("Failed")
                .withReason(reason)
                .withMessage(message)
                .build();
    }

    /** The node stopped reporting: the pod is no longer Ready (the node lifecycle controller's job). */
    /** The pod's containers exited 0: phase Succeeded, not Ready, reason PodCompleted, as a kubelet reports it. */
    static PodStatus succeeded(Pod pod) {
        PodStatus current = current(pod);
        String finished = Timestamps.now();
        List<PodCondition> conditions = List.of(
                condition(current, "PodReadyToStartContainers", "False", null, null),
                condition(current, "Initialized", "True", "PodCompleted", null),
                condition(current, READY, "False", "PodCompleted", null),
                condition(current, CONTAINERS_READY, "False", "PodCompleted", null),
                condition(current, POD_SCHEDULED, "True", null, null));
        List<ContainerStatus> terminated = new ArrayList<>();
        for (ContainerStatus c :
                Optional.ofNullable(current.getContainerStatuses()).orElse(List.of())) {
            String startedAt = c.getState() != null && c.getState().getRunning() != null
                    ? c.getState().getRunning().getStartedAt()
                    : finished;
            terminated.add(new ContainerStatusBuilder(c)
                    .withReady(false)
                    .withStarted(false)
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(0)
                    .withReason("Completed")
                    .withStartedAt(startedAt)
                    .withFinishedAt(finished)
                    .endTerminated()
                    .endState()
                    .build());
        }
        return new PodStatusBuilder(current)
                .withPhase("Succeeded")
                .withConditions(conditions)
                .withContainerStatuses(terminated)
                .build();
    }

    static PodStatus nodeNotReady(Pod pod, String node) {
        PodStatus current = current(pod);
        List<PodCondition> conditions = new ArrayList<>();
        for (PodCondition c : Optional.ofNullable(current.getConditions()).orElse(List.of())) {
            conditions.add(
                    READY.equals(c.getType())
                            ? condition(current, READY, "False", "NodeNotReady", "node " + node + " is not ready")
                            : c);
        }
        if (conditions.stream().noneMatch(c -> READY.equals(c.getType()))) {
            conditions.add(condition(current, READY, "False", "NodeNotReady", "node " + node + " is not ready"));
        }
        return new PodStatusBuilder(current).withConditions(conditions).build();
    }

    /** Whether two statuses differ in what a reader of the pod would notice: phase, conditions, IPs. */
    static boolean sameState(PodStatus a, PodStatus b) {
        return Objects.equals(a.getPhase(), b.getPhase())
                && Objects.equals(conditionSummary(a), conditionSummary(b))
                && Objects.equals(a.getPodIP(), b.getPodIP())
                && Objects.equals(a.getHostIP(), b.getHostIP())
                && Objects.equals(readyContainers(a), readyContainers(b));
    }

    static PodStatus current(Pod pod) {
        return pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    }

    private static Map<String, String> conditionSummary(PodStatus s) {
        return Optional.ofNullable(s.getConditions()).orElse(List.of()).stream()
                .collect(Collectors.toMap(
                        PodCondition::getType,
                        c -> c.getStatus() + "/" + c.getReason() + "/" + c.getMessage(),
                        (x, y) -> y));
    }

    private static List<String> readyContainers(PodStatus s) {
        return Optional.ofNullable(s.getContainerStatuses()).orElse(List.of()).stream()
                .map(c -> c.getName() + "=" + c.getReady())
                .toList();
    }

    private static PodCondition condition(
            PodStatus current, String type, String status, String reason, String message) {
        Optional<PodCondition> existing = Optional.ofNullable(current.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst();
        String since = existing.filter(c -> status.equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime)
                .orElse(Timestamps.now());
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(since)
                .withLastProbeTime(null)
                .build();
    }

    private static List<ContainerStatus> containerStatuses(
            Pod pod, List<Container> containers, PodStatus current, boolean init) {
        List<ContainerStatus> existing = Optional.ofNullable(
                        init ? current.getInitContainerStatuses() : current.getContainerStatuses())
                .orElse(List.of());
        List<ContainerStatus> result = new ArrayList<>();
        for (Container c : Optional.ofNullable(containers).orElse(List.of())) {
            String startedAt = existing.stream()
                    .filter(s -> c.getName().equals(s.getName())
                            && s.getState() != null
                            && s.getState().getRunning() != null)
                    .map(s -> s.getState().getRunning().getStartedAt())
                    .findFirst()
                    .orElse(Timestamps.now());
            ContainerStatusBuilder b = new ContainerStatusBuilder()
                    .withName(c.getName())
                    .withImage(c.getImage())
                    .withImageID("sandbox://" + c.getImage())
                    .withContainerID("sandbox://" + pod.getMetadata().getUid() + "/" + c.getName())
                    .withRestartCount(0);
            if (init) {
                b.withReady(true)
                        .withStarted(false)
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(0)
                        .withReason("Completed")
                        .withStartedAt(startedAt)
                        .withFinishedAt(startedAt)
                        .endTerminated()
                        .endState();
            } else {
                b.withReady(true)
                        .withStarted(true)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt(startedAt)
                        .endRunning()
                        .endState();
            }
            result.add(b.build());
        }
        return result;
    }

    /** Guaranteed when every container's cpu and memory requests equal limits, BestEffort when none set. */
    private static String qosClass(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : pod.getSpec().getContainers()) {
            var r = c.getResources();
            Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
            Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
            any |= !requests.isEmpty() || !limits.isEmpty();
            for (String resource : List.of("cpu", "memory")) {
                Quantity limit = limits.get(resource);
                Quantity request = requests.containsKey(resource) ? requests.get(resource) : limit;
                guaranteed &= limit != null && limit.equals(request);
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}

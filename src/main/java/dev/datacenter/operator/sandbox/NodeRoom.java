package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a node has room for one more pod, as kube-scheduler's NodeResourcesFit filter and the kubelet's
 * admission judge it: the requests of the non-terminal pods on the node (whoever created them) plus the pod's
 * own, against the node's allocatable cpu, memory and {@code nvidia.com/gpu}. Pure.
 */
final class NodeRoom {

    static final List<String> RESOURCES = List.of("cpu", "memory", "nvidia.com/gpu");

    private NodeRoom() {}

    /** The resources the pod does not fit in, in {@link #RESOURCES} order; empty when it fits. */
    static List<String> insufficient(Node node, Pod pod, List<Pod> others) {
        Map<String, Quantity> allocatable = node.getStatus() == null
                ? null
                : Optional.ofNullable(node.getStatus().getAllocatable())
                        .orElse(node.getStatus().getCapacity());
        List<String> missing = new ArrayList<>();
        for (String resource : RESOURCES) {
            BigDecimal wanted = request(pod, resource);
            if (wanted.signum() == 0) {
                continue;
            }
            BigDecimal used = others.stream()
                    .filter(p -> !sameObject(p, pod) && !isTerminal(p))
                    .map(p -> request(p, resource))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal room = allocatable == null || allocatable.get(resource) == null
                    ? BigDecimal.ZERO
                    : allocatable.get(resource).getNumericalAmount();
            if (used.add(wanted).compareTo(room) > 0) {
                missing.add(resource);
            }
        }
        return missing;
    }

    /** A pod's request of one resource: its containers' sum, or its largest init container's when larger. */
    static BigDecimal request(Pod pod, String resource) {
        if (pod.getSpec() == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal containers = sum(pod.getSpec().getContainers(), resource);
        BigDecimal init = Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of()).stream()
                .map(c -> request(c, resource))
                .reduce(BigDecimal.ZERO, BigDecimal::max);
        return containers.max(init);
    }

    private static BigDecimal sum(List<Container> containers, String resource) {
        return Optional.ofNullable(containers).orElse(List.of()).stream()
                .map(c -> request(c, resource))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal request(Container container, String resource) {
        if (container.getResources() == null) {
            return BigDecimal.ZERO;
        }
        Quantity q = Optional.ofNullable(container.getResources().getRequests())
                .map(r -> r.get(resource))
                .orElseGet(() -> Optional.ofNullable(container.getResources().getLimits())
                        .map(l -> l.get(resource))
                        .orElse(null));
        return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
    }

    static boolean isTerminal(Pod pod) {
        String phase = PodStatuses.current(pod).getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static boolean sameObject(Pod a, Pod b) {
        return a.getMetadata().getName().equals(b.getMetadata().getName())
                && java.util.Objects.equals(
                        a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
    }

    /** kube-scheduler's words: {@code Insufficient cpu, Insufficient memory}. */
    static String schedulerMessage(List<String> missing) {
        return String.join(", ", missing.stream().map(r -> "Insufficient " + r).toList());
    }

    /** The kubelet's admission failure reason: {@code OutOfcpu}, {@code OutOfmemory}, {@code OutOfnvidia.com/gpu}. */
    static String kubeletReason(List<String> missing) {
        return "OutOf" + missing.get(0);
    }
}

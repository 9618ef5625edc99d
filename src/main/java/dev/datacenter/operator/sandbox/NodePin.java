package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * How the operator pins a pod to a node, read back: a required node affinity term
 * {@code matchFields: [{key: metadata.name, operator: In, values: [<node>]}]}. Also the node facts the
 * kubelet needs (Ready, hostname, internal IP).
 */
final class NodePin {

    private NodePin() {}

    /** The node names the pod is pinned to, in the order given; empty when it is not pinned this way. */
    static List<String> pinnedNodes(Pod pod) {
        return Optional.ofNullable(pod.getSpec())
                .map(s -> s.getAffinity())
                .map(a -> a.getNodeAffinity())
                .map(na -> na.getRequiredDuringSchedulingIgnoredDuringExecution())
                .map(ns -> ns.getNodeSelectorTerms())
                .orElse(List.of())
                .stream()
                .map(NodeSelectorTerm::getMatchFields)
                .filter(fields -> fields != null)
                .flatMap(List::stream)
                .filter(NodePin::isNameIn)
                .flatMap(r -> r.getValues().stream())
                .distinct()
                .toList();
    }

    private static boolean isNameIn(NodeSelectorRequirement r) {
        return "metadata.name".equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null;
    }

    static boolean isReady(Node node) {
        List<NodeCondition> conditions =
                node.getStatus() == null ? null : node.getStatus().getConditions();
        return conditions != null
                && conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static boolean isUnschedulable(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    static String hostname(Node node) {
        if (node.getMetadata().getLabels() != null
                && node.getMetadata().getLabels().get("kubernetes.io/hostname") != null) {
            return node.getMetadata().getLabels().get("kubernetes.io/hostname");
        }
        return node.getMetadata().getName();
    }

    static Optional<String> internalIp(Node node) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        return node.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType()))
                .map(a -> a.getAddress())
                .findFirst();
    }
}

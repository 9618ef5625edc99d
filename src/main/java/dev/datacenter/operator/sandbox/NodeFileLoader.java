package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the sandbox's nodes from a file of Kubernetes Node objects: a {@code List} or multi-document YAML,
 * for instance the output of {@code kubectl get nodes -o yaml} from a real cluster, or of
 * {@code kubectl get nodes,pods -A -o yaml}: the Pods bound to a node are kept too ({@link ExistingPods}), so
 * that they take their room in the sandbox before any app is planned. Each node keeps its labels,
 * taints, capacity, allocatable and conditions; what a real API server assigns (uid, resourceVersion,
 * creationTimestamp, managedFields) is dropped, and what a node file may leave out is filled in: allocatable
 * from capacity, the {@code kubernetes.io/hostname} label, an InternalIP address, a {@code Ready=True} condition.
 */
public final class NodeFileLoader {

    private NodeFileLoader() {}

    /** The nodes of a node file, and the pods bound to them (pods not bound, or ended, are left out). */
    public record ClusterFile(List<Node> nodes, List<Pod> pods) {}

    /** The nodes of the file (its pods are read and checked, then left out). */
    public static List<Node> load(Path file) {
        return loadCluster(file).nodes();
    }

    /**
     * @throws IllegalArgumentException with a message naming the file and the problem, when the file is missing,
     *         unreadable, holds anything but Nodes and Pods, no Node, two Nodes of one name, a Node without
     *         capacity, or a Pod bound to a node the file does not have
     */
    public static ClusterFile loadCluster(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Node file " + file.toAbsolutePath() + " does not exist");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Node file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    static ClusterFile parse(String text, String source) {
        ManifestReader.Manifests manifests = ManifestReader.read(text, source);
        List<String> errors = new ArrayList<>(manifests.errors());
        List<Node> nodes = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (HasMetadata object : manifests.objects()) {
            String name = object.getMetadata().getName();
            if (object instanceof Pod pod) {
                pods.add(pod);
            } else if (!(object instanceof Node node)) {
                errors.add(source + ": " + object.getKind() + " " + name + " is neither a Node nor a Pod");
            } else if (!names.add(name)) {
                errors.add(source + ": Node " + name + " appears twice");
            } else if (capacity(node).isEmpty()) {
                errors.add(source + ": Node " + name + " has neither status.capacity nor status.allocatable");
            } else {
                nodes.add(normalized(node, nodes.size()));
            }
        }
        if (errors.isEmpty() && nodes.isEmpty()) {
            errors.add(source + ": no Node in the file");
        }
        List<Pod> bound = ExistingPods.bound(pods, names, source, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid node file: " + String.join("; ", errors));
        }
        return new ClusterFile(List.copyOf(nodes), bound);
    }

    private static Map<String, Quantity> capacity(Node node) {
        NodeStatus status = node.getStatus();
        if (status == null) {
            return Map.of();
        }
        if (status.getCapacity() != null && !status.getCapacity().isEmpty()) {
            return status.getCapacity();
        }
        return status.getAllocatable() == null ? Map.of() : status.getAllocatable();
    }

    private static Node normalized(Node node, int index) {
        String name = node.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        if (node.getMetadata().getLabels() != null) {
            labels.putAll(node.getMetadata().getLabels());
        }
        NodeStatus status = node.getStatus();
        Map<String, Quantity> capacity = capacity(node);
        List<NodeAddress> addresses =
                status.getAddresses() == null || status.getAddresses().isEmpty()
                        ? List.of(
                                new NodeAddress("10.0." + (index / 250) + "." + (index % 250 + 1), "InternalIP"),
                                new NodeAddress(name, "Hostname"))
                        : status.getAddresses();
        return new NodeBuilder(node)
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .withAnnotations(node.getMetadata().getAnnotations())
                .endMetadata()
                .editStatus()
                .withCapacity(new LinkedHashMap<>(capacity))
                .withAllocatable(
                        status.getAllocatable() == null
                                        || status.getAllocatable().isEmpty()
                                ? new LinkedHashMap<>(capacity)
                                : status.getAllocatable())
                .withAddresses(addresses)
                .withConditions(conditionsWithReady(status.getConditions()))
                .endStatus()
                .build();
    }

    private static List<NodeCondition> conditionsWithReady(List<NodeCondition> conditions) {
        List<NodeCondition> result = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
        if (result.stream().noneMatch(c -> "Ready".equals(c.getType()))) {
            String now = Timestamps.now();
            result.add(new NodeConditionBuilder()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("KubeletReady")
                    .withMessage("simulated kubelet is posting ready status")
                    .withLastHeartbeatTime(now)
                    .withLastTransitionTime(now)
                    .build());
        }
        return result;
    }
}

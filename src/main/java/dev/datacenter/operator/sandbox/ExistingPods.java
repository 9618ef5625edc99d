package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pods of a real cluster's export ({@code kubectl get nodes,pods -A -o yaml}) recreated in the sandbox, so
 * that they hold their nodes' room before the operator plans any app: the what-if planner. Only pods bound to a
 * node ({@code spec.nodeName}) and not ended ({@code Succeeded}/{@code Failed}) are kept; each keeps its name,
 * namespace, labels, annotations and spec; what the real API server and controllers set (uid,
 * resourceVersion, owner references, managed fields, status) is dropped, and the simulated kubelet reports
 * them Running. Their namespaces are created as needed.
 */
final class ExistingPods {

    private ExistingPods() {}

    /** The pods to recreate; a pod bound to a node the file does not have is an error (added to {@code errors}). */
    static List<Pod> bound(List<Pod> pods, Set<String> nodes, String source, List<String> errors) {
        List<Pod> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            String namespace = namespace(pod);
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (node == null || node.isEmpty() || "Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue; // waiting or ended: holds no room
            }
            if (!nodes.contains(node)) {
                errors.add(source + ": Pod " + namespace + "/" + name + " is bound to node " + node
                        + ", which the file does not have");
            } else if (!seen.add(namespace + "/" + name)) {
                errors.add(source + ": Pod " + namespace + "/" + name + " appears twice");
            } else {
                out.add(normalized(pod, namespace));
            }
        }
        return List.copyOf(out);
    }

    /** Creates the pods' namespaces (those missing) and the pods; returns how many pods were created. */
    static int create(KubernetesClient client, List<Pod> pods) {
        Set<String> namespaces = new TreeSet<>();
        pods.forEach(p -> namespaces.add(p.getMetadata().getNamespace()));
        for (String ns : namespaces) {
            if (client.namespaces().withName(ns).get() == null) {
                Namespace namespace = new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(ns)
                        .endMetadata()
                        .build();
                client.namespaces().resource(namespace).create();
            }
        }
        for (Pod pod : pods) {
            client.pods().resource(pod).createOr(existing -> existing.update());
        }
        return pods.size();
    }

    private static String namespace(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? "default" : ns;
    }

    private static Pod normalized(Pod pod, String namespace) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName())
                .withNamespace(namespace)
                .withLabels(pod.getMetadata().getLabels())
                .withAnnotations(pod.getMetadata().getAnnotations())
                .endMetadata()
                .withSpec(pod.getSpec())
                .build();
    }
}

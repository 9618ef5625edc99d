package dev.datacenter.operator.app;

import dev.datacenter.operator.testsupport.Crds;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code @WithKubernetesTestServer(setup = LifecycleCluster.class)}: our CRDs and five Ready nodes
 * (4 cpus, 8Gi, zones a/b) before the application starts.
 */
public class LifecycleCluster implements Consumer<KubernetesServer> {
    public static final int NODES = 5;

    @Override
    public void accept(KubernetesServer server) {
        Crds.register(server.getClient());
        for (int i = 1; i <= NODES; i++) {
            server.getClient()
                    .nodes()
                    .resource(node("node-" + i, i % 2 == 0 ? "a" : "b"))
                    .create();
        }
    }

    static Node node(String name, String zone) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name, "topology.kubernetes.io/zone", zone))
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("4"))
                .addToAllocatable("memory", new Quantity("8Gi"))
                .addToAllocatable("pods", new Quantity("110"))
                .addToCapacity("cpu", new Quantity("4"))
                .addToCapacity("memory", new Quantity("8Gi"))
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .withReason("KubeletReady")
                .withLastTransitionTime("2026-01-01T00:00:00Z")
                .endCondition()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress("10.0.0." + name.replaceAll("\\D", ""))
                .endAddress()
                .endStatus()
                .build();
    }
}

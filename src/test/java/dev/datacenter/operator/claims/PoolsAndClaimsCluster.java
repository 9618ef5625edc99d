package dev.datacenter.operator.claims;

import dev.datacenter.operator.testsupport.Crds;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code @WithKubernetesTestServer(setup = PoolsAndClaimsCluster.class)}: our CRDs only. Each test adds
 * its own Ready nodes labelled {@code suite=<test>} and a pool selecting them, so tests never share nodes.
 */
public class PoolsAndClaimsCluster implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        Crds.register(server.getClient());
    }

    /** A Ready node of 4 cpus and 8Gi labelled with its hostname and {@code suite}. */
    static Node node(String name, String suite) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name, "suite", suite))
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
                .withAddress("10.0.0.1")
                .endAddress()
                .endStatus()
                .build();
    }
}

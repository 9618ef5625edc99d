package dev.datacenter.operator.app;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/**
 * The {@link LifecycleCluster} nodes on a server of its own: refused-pod tests need every node's room and no
 * simulated kubelet left over from other test classes.
 */
public class RefusedPodsCluster implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
        new LifecycleCluster().accept(server);
    }
}

package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datacenter.operator.cluster.PodScheduling;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox's {@code pods/binding}, written by the operator's {@link PodScheduling#bind}. */
class PodBindingTest {

    static SandboxApiServer server;
    static KubernetesClient client;
    static PodScheduling scheduling;

    @BeforeAll
    static void start() {
        server = new SandboxApiServer();
        server.start(0);
        client = server.createClient();
        scheduling = new PodScheduling(client);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static void pod(String name) {
        client.pods()
                .inNamespace("default")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewSpec()
                        .withSchedulerName("datacenter")
                        .addNewContainer()
                        .withName("c")
                        .withImage("busybox")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
    }

    @Test
    void aBindingSetsTheNodeOnce() {
        pod("bind-me");
        scheduling.bind("default", "bind-me", "node-1");
        assertThat(client.pods()
                        .inNamespace("default")
                        .withName("bind-me")
                        .get()
                        .getSpec()
                        .getNodeName())
                .isEqualTo("node-1");
        assertThatThrownBy(() -> scheduling.bind("default", "bind-me", "node-2"))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e ->
                        assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409))
                .hasMessageContaining("is already assigned to node");
        assertThat(client.pods()
                        .inNamespace("default")
                        .withName("bind-me")
                        .get()
                        .getSpec()
                        .getNodeName())
                .isEqualTo("node-1");
    }

    @Test
    void bindingAMissingPodIsNotFound() {
        assertThatThrownBy(() -> scheduling.bind("default", "nobody", "node-1"))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e ->
                        assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
    }
}

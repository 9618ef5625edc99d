package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** With the sandbox off (the default), {@code @WithKubernetesTestServer} tests get their own server, untouched. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SandboxDisabledMockTest {

    @Inject
    KubernetesClient client;

    @Test
    void theClientPointsAtTheTestServerAndNoSandboxListens() {
        assertThat(client.getMasterUrl().toString()).doesNotContain(":18080");
        assertThat(client.nodes().list().getItems()).as("no sandbox nodes").isEmpty();
    }
}

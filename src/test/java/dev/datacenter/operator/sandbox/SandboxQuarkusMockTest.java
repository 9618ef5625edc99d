package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sandbox wired into the application: the injected client, the startup order, kubeconfig, manifests. */
@QuarkusTest
@TestProfile(SandboxEnabledProfile.class)
class SandboxQuarkusMockTest {

    @Inject
    KubernetesClient client;

    @Inject
    StartupOrderProbe probe;

    @Test
    void theApplicationsClientTalksToTheSandbox() {
        assertThat(client.getMasterUrl().toString()).isEqualTo("http://127.0.0.1:" + SandboxEnabledProfile.PORT + "/");
        assertThat(client.nodes().list().getItems()).hasSize(12);
    }

    @Test
    void theSandboxIsPopulatedBeforeDefaultPriorityStartupObserversRun() {
        assertThat(probe.nodesAtStartup()).isEqualTo(12);
        assertThat(probe.ready()).isNotNull();
        assertThat(probe.ready().nodes()).isEqualTo(12);
        assertThat(probe.ready().apiUrl()).isEqualTo("http://127.0.0.1:" + SandboxEnabledProfile.PORT);
    }

    @Test
    void writesTheKubeconfigAndAppliesTheManifestsDirectory() throws Exception {
        String kubeconfig = Files.readString(Path.of("target/sandbox-test/kubeconfig"));
        assertThat(kubeconfig).contains("server: http://127.0.0.1:" + SandboxEnabledProfile.PORT);
        assertThat(client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                                .withGroup("datacenter.dev")
                                .withVersion("v1alpha1")
                                .withPlural("datacenterapps")
                                .withNamespaced(true)
                                .build())
                        .inNamespace("demo")
                        .withName("web")
                        .get())
                .isNotNull();
    }

    @Test
    void theKubeletRunsPinnedPods() {
        client.pods()
                .inNamespace("demo")
                .resource(TestObjects.pinnedPod("demo", "web-0", "node-a4", null))
                .create();

        Eventually.assertThat(() -> assertThat(client.pods()
                        .inNamespace("demo")
                        .withName("web-0")
                        .get()
                        .getStatus()
                        .getPhase())
                .isEqualTo("Running"));
    }
}

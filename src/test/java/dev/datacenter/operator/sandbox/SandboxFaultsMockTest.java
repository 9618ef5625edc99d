package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The smaller, in-process sibling of bench/faults.sh: with a fifth of the writes failing, an app is placed
 * and then rolled to a new image, and ends with every instance Ready on the new revision (no pod left
 * behind by a refused delete or create), never more pods than {@code instances × (1 + maximumOverCapacity)}.
 */
@QuarkusTest
@TestProfile(SandboxFaultsProfile.class)
class SandboxFaultsMockTest {

    private static final ResourceDefinitionContext DCA = new ResourceDefinitionContext.Builder()
            .withGroup("datacenter.dev")
            .withVersion("v1alpha1")
            .withPlural("datacenterapps")
            .withKind("DataCenterApp")
            .withNamespaced(true)
            .build();

    @Inject
    KubernetesClient client;

    @Test
    @SuppressWarnings("unchecked")
    void anAppRollsToItsNewRevisionWhileAFifthOfTheWritesFail() {
        awaitConverged();
        for (int attempt = 0; ; attempt++) {
            try {
                client.genericKubernetesResources(DCA)
                        .inNamespace("faults")
                        .withName("web")
                        .edit(app -> {
                            ((Map<String, Object>) ((Map<String, Object>) app.getAdditionalProperties()
                                                    .get("spec"))
                                            .get("container"))
                                    .put("image", "registry.example/web:2");
                            return app;
                        });
                break;
            } catch (KubernetesClientException e) {
                assertThat(attempt)
                        .as("the edit keeps failing: %s", e.getMessage())
                        .isLessThan(50);
            }
        }
        awaitConverged();
        assertThat(livePods())
                .allSatisfy(
                        pod -> assertThat(pod.getSpec().getContainers().get(0).getImage())
                                .isEqualTo("registry.example/web:2"));
    }

    private void awaitConverged() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                converged();
                return;
            } catch (AssertionError | KubernetesClientException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void converged() {
        {
            List<Pod> pods = livePods();
            GenericKubernetesResource app = client.genericKubernetesResources(DCA)
                    .inNamespace("faults")
                    .withName("web")
                    .get();
            Map<String, Object> status =
                    (Map<String, Object>) app.getAdditionalProperties().get("status");
            assertThat(status).isNotNull();
            String revision = String.valueOf(status.get("revision"));
            assertThat(((Number) status.get("observedGeneration")).longValue())
                    .isEqualTo(app.getMetadata().getGeneration());
            assertThat(pods).hasSize(4);
            assertThat(pods).allSatisfy(pod -> {
                assertThat(pod.getMetadata().getLabels()).containsEntry("datacenter.dev/revision", revision);
                assertThat(pod.getStatus()).isNotNull();
                assertThat(pod.getStatus().getConditions())
                        .anySatisfy(c ->
                                assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
            });
        }
    }

    private List<Pod> livePods() {
        return client.pods().inNamespace("faults").withLabel("datacenter.dev/app", "web").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p ->
                        p.getStatus() == null || !"Failed".equals(p.getStatus().getPhase()))
                .toList();
    }
}

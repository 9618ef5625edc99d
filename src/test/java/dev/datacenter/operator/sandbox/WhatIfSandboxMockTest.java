package dev.datacenter.operator.sandbox;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What-if on a real cluster's export: the sandbox started on {@code kubectl get nodes,pods -A -o yaml} output
 * recreates the pods bound to nodes (in namespaces it creates), they take their room, and the operator places
 * the app around them: n1 and n2 are 3 of 4 cores full, so two 1.5-core instances go to n3 and the third waits,
 * which the explain endpoint says (too few cpus on every node).
 */
@QuarkusTest
@TestProfile(WhatIfProfile.class)
class WhatIfSandboxMockTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL root;

    @Test
    void theAppIsPlacedAroundTheExistingPods() throws Exception {
        Pod ingress = client.pods()
                .inNamespace("kube-system")
                .withName("ingress-7d9f")
                .get();
        assertThat(ingress.getSpec().getNodeName()).isEqualTo("n1");
        assertThat(ingress.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(client.namespaces().withName("legacy").get()).isNotNull();
        assertThat(client.pods().inNamespace("legacy").list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactly("db-0"); // the ended and the unbound pods hold no room: left out
        await(
                "the existing pods run",
                () -> "Running"
                        .equals(client.pods()
                                .inNamespace("legacy")
                                .withName("db-0")
                                .get()
                                .getStatus()
                                .getPhase()));

        await(
                "two instances of web are placed",
                Duration.ofSeconds(60),
                () -> webPods().size() == 2);
        assertThat(webPods()).allSatisfy(p -> assertThat(node(p)).isEqualTo("n3"));

        await("the third waits", () -> explain().get("pending").asInt() == 1);
        JsonNode why = explain();
        for (JsonNode r : why.get("requirements")) {
            if (r.get("requirement").asText().equals("cpus")) {
                assertThat(r.get("declined").asInt()).isEqualTo(3);
            }
        }
        assertThat(webPods()).hasSize(2);
    }

    private List<Pod> webPods() {
        return client.pods()
                .inNamespace("whatif")
                .withLabel("datacenter.dev/app", "web")
                .list()
                .getItems();
    }

    private static String node(Pod p) {
        return p.getSpec().getNodeName() != null
                ? p.getSpec().getNodeName()
                : p.getMetadata().getAnnotations().get("datacenter.dev/node");
    }

    private JsonNode explain() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(root.toString()).resolve("api/v1/apps/whatif/web/explain"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.datacenter.operator.web;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every app of {@code samples/catalog/} runs in the sandbox: the operator started in sandbox mode with the
 * catalog applied accepts each app (no configuration error on its status), places every instance, and the
 * simulated kubelet reports each of them running and ready; the operator never writes a spec (generations stay 1).
 */
@QuarkusTest
@TestProfile(SandboxCatalogProfile.class)
class CatalogSandboxMockTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyCatalogAppIsAcceptedAndPlaced() {
        List<JsonNode> apps = catalog("DataCenterApp");
        assertThat(apps)
                .extracting(a -> a.at("/metadata/name").asText())
                .contains("jokes", "cassandra", "memcached", "spark-executors");
        for (JsonNode pool : catalog("ResourcePool")) {
            String name = pool.at("/metadata/name").asText();
            await("pool " + name + " exists and is Ready", () -> {
                ResourcePool p =
                        client.resources(ResourcePool.class).withName(name).get();
                return p != null
                        && p.getStatus() != null
                        && Conditions.isTrue(p.getStatus().getConditions(), ConditionReasons.READY);
            });
        }
        for (JsonNode app : apps) {
            String namespace = app.at("/metadata/namespace").asText();
            String name = app.at("/metadata/name").asText();
            int desired = app.at("/spec/instances").asInt(1);
            await("every instance of " + name + " runs and is ready", Duration.ofSeconds(90), () -> {
                DataCenterApp a = client.resources(DataCenterApp.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
                return a != null
                        && a.getStatus() != null
                        && a.getStatus().getInstances() != null
                        && a.getStatus().getInstances().getReady() != null
                        && a.getStatus().getInstances().getReady() == desired;
            });
            DataCenterApp a = client.resources(DataCenterApp.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            assertThat(Conditions.find(a.getStatus().getConditions(), ConditionReasons.READY)
                            .orElseThrow()
                            .getReason())
                    .as(name)
                    .isEqualTo(ConditionReasons.ALL_INSTANCES_READY);
            List<Pod> pods = client.pods()
                    .inNamespace(namespace)
                    .withLabel("datacenter.dev/app", name)
                    .list()
                    .getItems();
            assertThat(pods)
                    .as(name)
                    .hasSize(desired)
                    .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotNull())
                    .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
            String pool = app.at("/spec/pool").asText("default");
            assertThat(pods)
                    .allSatisfy(
                            p -> assertThat(p.getMetadata().getLabels()).containsEntry("datacenter.dev/pool", pool));
            String running = "datacenter_app_instances{app=\"" + name + "\",namespace=\"" + namespace + "\",pool=\""
                    + pool + "\",state=\"running\"} " + (double) desired;
            await("the running-instances gauge of " + name + " counts " + desired, () -> scrape().contains(running));
        }
        // the operator never wrote a spec: every object the catalog made is still at its first generation
        for (String kind : List.of("DataCenterApp", "ResourcePool", "PersistentVolumeClaimSet")) {
            for (JsonNode doc : catalog(kind)) {
                var ref = doc.at("/metadata/namespace").isMissingNode()
                        ? client.genericKubernetesResources("datacenter.dev/v1alpha1", kind)
                                .withName(doc.at("/metadata/name").asText())
                        : client.genericKubernetesResources("datacenter.dev/v1alpha1", kind)
                                .inNamespace(doc.at("/metadata/namespace").asText())
                                .withName(doc.at("/metadata/name").asText());
                assertThat(ref.get().getMetadata().getGeneration())
                        .as(kind + " " + doc.at("/metadata/name").asText())
                        .isEqualTo(1L);
            }
        }
        // the Jobs of the catalog (placed by the operator as a second scheduler) run to completion;
        // the GPU training workers ran on the GPU nodes, one each
        for (JsonNode job : catalog("Job")) {
            String namespace = job.at("/metadata/namespace").asText();
            String name = job.at("/metadata/name").asText();
            await("Job " + name + " completes", Duration.ofSeconds(120), () -> {
                var j = client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
                return j != null
                        && j.getStatus() != null
                        && j.getStatus().getConditions() != null
                        && j.getStatus().getConditions().stream()
                                .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
            });
        }
        List<String> trainerNodes = client
                .pods()
                .inNamespace("demo")
                .withLabel("batch.kubernetes.io/job-name", "trainer")
                .list()
                .getItems()
                .stream()
                .map(p -> p.getSpec().getNodeName())
                .sorted()
                .toList();
        assertThat(trainerNodes).containsExactly("node-a4", "node-b4");
    }

    private String scrape() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(root.toString()).resolve("q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The documents of a kind in the catalog, read from the files as a user has them. */
    static List<JsonNode> catalog(String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (Path file : SandboxCatalogProfile.prepareApplyDirectory()) {
            try {
                for (JsonNode doc : YAML.readValues(YAML.createParser(Files.readString(file)), JsonNode.class)
                        .readAll()) {
                    if (doc != null && kind.equals(doc.path("kind").asText())) {
                        out.add(doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}

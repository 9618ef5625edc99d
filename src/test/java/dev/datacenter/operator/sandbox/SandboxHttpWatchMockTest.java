package dev.datacenter.operator.sandbox;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Watches over plain HTTP, as kubectl and client-go watch: {@code GET ...?watch=true} answered by a stream of JSON
 * lines that stays open, read here with the JDK's HTTP client against a started sandbox.
 */
class SandboxHttpWatchMockTest {

    private static final ResourceDefinitionContext POOLS = new ResourceDefinitionContext.Builder()
            .withGroup("datacenter.dev")
            .withVersion("v1alpha1")
            .withPlural("resourcepools")
            .withKind("ResourcePool")
            .withNamespaced(false)
            .build();

    static SandboxApiServer server;
    static KubernetesClient client;
    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeAll
    static void start() {
        server = new SandboxApiServer();
        server.start(0);
        client = server.createClient();
        server.registerCrds(client, TestObjects.crds());
        for (String ns : new String[] {"watch-a", "watch-b"}) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void aWatchFromTheListsVersionStreamsCreateUpdateAndDeleteInOrder() throws Exception {
        String version = list("/api/v1/namespaces/watch-a/configmaps")
                .path("metadata")
                .path("resourceVersion")
                .asText();
        client.configMaps()
                .inNamespace("watch-b")
                .resource(configMap("elsewhere", "x"))
                .create();

        try (Stream watch = watch("/api/v1/namespaces/watch-a/configmaps?watch=true&resourceVersion=" + version)) {
            assertThat(watch.status).isEqualTo(200);
            client.configMaps()
                    .inNamespace("watch-a")
                    .resource(configMap("settings", "1"))
                    .create();
            client.configMaps()
                    .inNamespace("watch-a")
                    .withName("settings")
                    .edit(cm -> new ConfigMapBuilder(cm).addToData("mode", "2").build());
            client.configMaps().inNamespace("watch-a").withName("settings").delete();

            JsonNode added = watch.next();
            JsonNode modified = watch.next();
            JsonNode deleted = watch.next();
            assertThat(added.path("type").asText()).isEqualTo("ADDED");
            assertThat(added.path("object").path("metadata").path("name").asText())
                    .isEqualTo("settings");
            assertThat(added.path("object").path("data").path("mode").asText()).isEqualTo("1");
            assertThat(modified.path("type").asText()).isEqualTo("MODIFIED");
            assertThat(modified.path("object").path("data").path("mode").asText())
                    .isEqualTo("2");
            assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
            assertThat(deleted.path("object").path("metadata").path("name").asText())
                    .isEqualTo("settings");
            long a = version(added);
            long m = version(modified);
            long d = version(deleted);
            assertThat(a).isGreaterThan(Long.parseLong(version));
            assertThat(m).isGreaterThan(a);
            assertThat(d).as("a deleted object gets a version of its own").isGreaterThan(m);
        }
    }

    @Test
    void aWatchWithoutVersionStartsWithTheCurrentObjectsTheSelectorMatches() throws Exception {
        client.configMaps()
                .inNamespace("watch-b")
                .resource(labelled("blue-1", "blue"))
                .create();
        client.configMaps()
                .inNamespace("watch-b")
                .resource(labelled("green-1", "green"))
                .create();

        try (Stream watch = watch("/api/v1/configmaps?watch=1&labelSelector=color%3Dblue")) {
            JsonNode first = watch.next();
            assertThat(first.path("type").asText()).isEqualTo("ADDED");
            assertThat(first.path("object").path("metadata").path("name").asText())
                    .isEqualTo("blue-1");

            client.configMaps()
                    .inNamespace("watch-a")
                    .resource(labelled("blue-2", "blue"))
                    .create();
            assertThat(watch.next().path("object").path("metadata").path("name").asText())
                    .as("all namespaces")
                    .isEqualTo("blue-2");
            client.configMaps()
                    .inNamespace("watch-b")
                    .withName("blue-1")
                    .edit(cm -> new ConfigMapBuilder(cm)
                            .editMetadata()
                            .addToLabels("color", "green")
                            .endMetadata()
                            .build());
            JsonNode relabelled = watch.next();
            assertThat(relabelled.path("type").asText())
                    .as("no longer matches the selector")
                    .isEqualTo("DELETED");
        }
    }

    @Test
    void customResourcesAreWatchedByNameAndAsTablesForKubectl() throws Exception {
        try (Stream watch = watch(
                "/apis/datacenter.dev/v1alpha1/resourcepools?watch=true&fieldSelector=metadata.name%3Dgpu",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")) {
            client.genericKubernetesResources(POOLS).resource(pool("cpu", 1)).create();
            client.genericKubernetesResources(POOLS).resource(pool("gpu", 3)).create();

            JsonNode added = watch.next();
            assertThat(added.path("type").asText()).isEqualTo("ADDED");
            JsonNode table = added.path("object");
            assertThat(table.path("kind").asText()).isEqualTo("Table");
            assertThat(table.path("columnDefinitions").findValuesAsText("name")).contains("Name", "Weight");
            assertThat(table.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("gpu");
            assertThat(table.path("rows")
                            .get(0)
                            .path("object")
                            .path("metadata")
                            .path("name")
                            .asText())
                    .isEqualTo("gpu");
        }
    }

    @Test
    void theStreamEndsAfterTimeoutSecondsAndAClientThatLeavesIsForgotten() throws Exception {
        await("the other tests' watches closed", () -> server.openHttpWatches() == 0);
        try (Stream watch = watch("/api/v1/namespaces/watch-a/secrets?watch=true&timeoutSeconds=1")) {
            assertThat(watch.status).isEqualTo(200);
            await("the stream ends", watch::ended);
        }

        Stream leaving = watch("/api/v1/namespaces/watch-a/secrets?watch=true");
        await("the watch is open", () -> server.openHttpWatches() == 1);
        leaving.close();
        client.secrets()
                .inNamespace("watch-a")
                .resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                        .withNewMetadata()
                        .withName("poke")
                        .endMetadata()
                        .build())
                .create();
        await("the watch is dropped", () -> server.openHttpWatches() == 0);
    }

    // ------------------------------------------------------------------ helpers

    private static long version(JsonNode event) {
        return Long.parseLong(
                event.path("object").path("metadata").path("resourceVersion").asText());
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String name, String mode) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withData(Map.of("mode", mode))
                .build();
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap labelled(String name, String color) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("color", color))
                .endMetadata()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.GenericKubernetesResource pool(String name, int weight) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("datacenter.dev/v1alpha1")
                .withKind("ResourcePool")
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("weight", weight)))
                .build();
    }

    private static JsonNode list(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.parse(response.body());
    }

    private static Stream watch(String path) throws IOException, InterruptedException {
        return watch(path, "application/json");
    }

    private static Stream watch(String path, String accept) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        return new Stream(response);
    }

    /** The lines of one watch response, read on a thread of their own. */
    static final class Stream implements AutoCloseable {
        final int status;
        private final InputStream body;
        private final BlockingQueue<JsonNode> events = new ArrayBlockingQueue<>(10_000);
        private volatile boolean ended;

        Stream(HttpResponse<InputStream> response) {
            this.status = response.statusCode();
            this.body = response.body();
            Thread reader = new Thread(this::read, "http-watch-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        events.add(Json.parse(line));
                    }
                }
            } catch (IOException e) {
                // closed by the test
            } finally {
                ended = true;
            }
        }

        /** The next event; fails after 10 s without one. */
        JsonNode next() throws InterruptedException {
            JsonNode event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        boolean ended() {
            return ended;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}

package dev.datacenter.operator.isolation;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.app.LifecycleCluster;
import dev.datacenter.operator.cluster.UndecodableObjects;
import dev.datacenter.operator.sandbox.SimulatedKubelet;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One bad object never stops the others: each kind of bad DataCenterApp input, stored as raw JSON past
 * the typed client (as an older CRD, a CRD without schema or another tool may leave it), beside a good
 * app that is being scaled. The good app converges, the bad one is reported with reason
 * {@code InvalidSpec} and a message naming the field, and {@code GET /api/v1/state} answers 200 with it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LifecycleCluster.class)
class BadObjectIsolationMockTest {
    private static final String APP = "DataCenterApp";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    @Inject
    UndecodableObjects undecodable;

    @TestHTTPResource("/api/v1/state")
    URL state;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    private static SimulatedKubelet kubelet;

    @BeforeEach
    void startKubelet() {
        synchronized (BadObjectIsolationMockTest.class) {
            if (kubelet == null) {
                kubelet = new SimulatedKubelet(client).start();
            }
        }
    }

    @AfterAll
    static void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
            kubelet = null;
        }
    }

    /** name, the field changed (dotted path), its raw JSON value (null: removed), what the message names, whether it decodes */
    static Stream<Arguments> badApps() {
        return Stream.of(
                Arguments.of("string-for-integer", "spec.instances", "three", "spec.instances", false),
                Arguments.of(
                        "object-for-string",
                        "spec.container.image",
                        Map.of("repo", "x"),
                        "spec.container.image",
                        false),
                Arguments.of("beyond-int32", "spec.instances", 3_000_000_000L, "spec.instances", false),
                Arguments.of(
                        "unknown-protocol",
                        "spec.ports",
                        List.of(Map.of("name", "http", "containerPort", 8080, "protocol", "SCTPX")),
                        "spec.ports[0].protocol",
                        false),
                Arguments.of("unknown-kill-selection", "spec.killSelection", "Random", "spec.killSelection", false),
                Arguments.of(
                        "unknown-service-type",
                        "spec.service",
                        Map.of("enabled", true, "type", "Mesh"),
                        "spec.service.type",
                        false),
                Arguments.of("unknown-field", "spec.colour", "blue", "spec.colour", false),
                Arguments.of("spec-not-an-object", "spec", "hello", "spec", false),
                Arguments.of("spec-a-list", "spec", List.of(1, 2), "spec", false),
                Arguments.of("unparsable-memory", "spec.resources.mem", "lots", "spec.resources.mem", true),
                Arguments.of(
                        "cpu-exponent-overflow", "spec.resources.cpus", "1e999999999", "spec.resources.cpus", true),
                Arguments.of("no-container", "spec.container", null, "spec.container", true),
                Arguments.of("no-image", "spec.container.image", null, "spec.container.image", true),
                Arguments.of("no-resources", "spec.resources", null, "spec.resources", true),
                Arguments.of("no-memory", "spec.resources.mem", null, "spec.resources.mem", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badApps")
    void aBadAppIsReportedAndAGoodAppBesideItStillScales(
            String name, String path, Object value, String field, boolean decodes) throws Exception {
        String namespace = "bad-" + name;
        client.resource(TestObjects.app(namespace, "good", spec -> spec.setInstances(1)))
                .create();
        awaitReadyInstances(namespace, "good", 1);

        GenericKubernetesResource bad =
                RawObjects.with(client, TestObjects.app(namespace, "bad", spec -> {}), path, value);
        RawObjects.create(client, bad);

        Map<String, Object> ready = awaitReason(namespace, "bad", ConditionReasons.INVALID_SPEC);
        assertThat(ready.get("status")).isEqualTo("False");
        assertThat((String) ready.get("message")).contains(field);
        if (!decodes) {
            assertThat(undecodable.count(APP)).isEqualTo(1);
            assertThat(text(metrics)).contains("datacenter_undecodable_objects{kind=\"DataCenterApp\"} 1.0");
            await(
                    "a Warning event InvalidSpec on the bad app",
                    () -> client.v1().events().inNamespace(namespace).list().getItems().stream()
                            .anyMatch(e -> "bad".equals(e.getInvolvedObject().getName())
                                    && ConditionReasons.INVALID_SPEC.equals(e.getReason())
                                    && "Warning".equals(e.getType())
                                    && e.getMessage().contains(field)));
        }

        client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName("good")
                .edit(app -> {
                    app.getSpec().setInstances(2);
                    return app;
                });
        awaitReadyInstances(namespace, "good", 2);

        HttpResponse<String> response = get(state);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode shown = app(JSON.readTree(response.body()), namespace, "bad");
        assertThat(shown.get("readyReason").asText()).isEqualTo(ConditionReasons.INVALID_SPEC);
        assertThat(shown.get("status").asText()).isEqualTo("Failed");
        assertThat(shown.get("readyMessage").asText()).contains(field);
        assertThat(pods(namespace, "bad"))
                .as("nothing is placed for the bad app")
                .isEmpty();

        RawObjects.resources(client, APP, namespace).withName("bad").delete();
        await("the bad app is no longer counted", () -> undecodable.count(APP) == 0);
    }

    @Test
    void anAppThatBecomesUnreadableIsReportedAndKeepsItsRunningInstances() {
        String namespace = "turns-bad";
        client.resource(TestObjects.app(namespace, "web", spec -> spec.setInstances(1)))
                .create();
        awaitReadyInstances(namespace, "web", 1);
        String pod = pods(namespace, "web").get(0).getMetadata().getName();

        GenericKubernetesResource raw = RawObjects.get(client, APP, namespace, "web");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                (Map<String, Object>) raw.getAdditionalProperties().get("spec");
        spec.put("killSelection", "Random");
        RawObjects.resources(client, APP, namespace).resource(raw).update();

        Map<String, Object> ready = awaitReason(namespace, "web", ConditionReasons.INVALID_SPEC);
        assertThat((String) ready.get("message")).contains("spec.killSelection");
        assertThat(pods(namespace, "web"))
                .as("an object the operator cannot read is never a reason to delete its instances")
                .extracting(p -> p.getMetadata().getName())
                .containsExactly(pod);
        RawObjects.resources(client, APP, namespace).withName("web").delete();
        await("the app is no longer counted", () -> undecodable.count(APP) == 0);
    }

    @Test
    void aStatusTheModelCannotReadIsReplacedNotTheObjectSkipped() {
        String namespace = "foreign-status";
        GenericKubernetesResource app = RawObjects.with(
                client,
                TestObjects.app(namespace, "older", spec -> spec.setInstances(1)),
                "status",
                Map.of("fromAnotherVersion", true));
        RawObjects.create(client, app);

        awaitReadyInstances(namespace, "older", 1);
        assertThat(undecodable.count(APP)).isZero();
    }

    @Test
    void aPoolAndAClaimSetThatCannotBeReadAreReportedWhileOthersOfTheirKindsGoOn() {
        RawObjects.create(
                client,
                RawObjects.with(client, TestObjects.pool("heavy", new LabelSelector()), "spec.weight", "heavy"));
        RawObjects.create(
                client,
                RawObjects.with(
                        client,
                        TestObjects.claimSet("pools-and-sets", "shred"),
                        "spec.retentionPolicy",
                        Map.of("whenScaled", "Shred")));
        client.resource(TestObjects.pool("light", new LabelSelector())).create();
        client.resource(TestObjects.app("pools-and-sets", "web", spec -> {
                    spec.setPool("light");
                    spec.setInstances(1);
                }))
                .create();

        awaitReadyInstances("pools-and-sets", "web", 1);
        Map<String, Object> pool = awaitReason("ResourcePool", null, "heavy", ConditionReasons.INVALID_SPEC);
        assertThat((String) pool.get("message")).contains("spec.weight");
        Map<String, Object> set =
                awaitReason("PersistentVolumeClaimSet", "pools-and-sets", "shred", ConditionReasons.INVALID_SPEC);
        assertThat((String) set.get("message")).contains("spec.retentionPolicy.whenScaled");
        await(
                "the good pool is Ready",
                () -> client.resources(ResourcePool.class)
                                .withName("light")
                                .get()
                                .getStatus()
                        != null);
        assertThat(get(state).statusCode()).isEqualTo(200);
    }

    private Map<String, Object> awaitReason(String namespace, String name, String reason) {
        return awaitReason(APP, namespace, name, reason);
    }

    private Map<String, Object> awaitReason(String kind, String namespace, String name, String reason) {
        await(
                kind + " " + name + " Ready reason " + reason,
                () -> RawObjects.ready(RawObjects.get(client, kind, namespace, name))
                        .map(c -> reason.equals(c.get("reason")))
                        .orElse(false));
        return RawObjects.ready(RawObjects.get(client, kind, namespace, name)).orElseThrow();
    }

    private void awaitReadyInstances(String namespace, String name, int instances) {
        await(namespace + "/" + name + " has " + instances + " ready instances", () -> {
            DataCenterApp app = client.resources(DataCenterApp.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            return app.getStatus() != null
                    && app.getStatus().getInstances() != null
                    && Integer.valueOf(instances)
                            .equals(app.getStatus().getInstances().getReady())
                    && pods(namespace, name).size() == instances;
        });
    }

    private List<Pod> pods(String namespace, String app) {
        return client.pods()
                .inNamespace(namespace)
                .withLabel(ApiGroup.LABEL_APP, app)
                .list()
                .getItems();
    }

    private static JsonNode app(JsonNode state, String namespace, String name) {
        for (JsonNode app : state.get("apps")) {
            if (namespace.equals(app.get("namespace").asText())
                    && name.equals(app.get("name").asText())) {
                return app;
            }
        }
        throw new AssertionError(namespace + "/" + name + " not in the state: " + state);
    }

    private static String text(URL url) throws IOException, InterruptedException {
        return get(url).body();
    }

    private static HttpResponse<String> get(URL url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url.toString())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.datacenter.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datacenter.operator.testsupport.RegisterCrds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The read-only JSON API against the fake cluster: its shapes, and that it accepts GET only. */
@QuarkusTest
@TestProfile(FakeStateProfile.class)
@WithKubernetesTestServer(crud = true, setup = RegisterCrds.class)
class StateResourceMockTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @Test
    void stateHasTheClusterNodesPoolsAndApps() throws Exception {
        HttpResponse<String> response = get("/api/v1/state");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-cache");
        JsonNode state = JSON.readTree(response.body());
        assertThat(fields(state)).containsExactly("time", "cluster", "nodes", "pools", "apps", "groups", "frameworks");
        assertThat(state.get("groups").isArray()).isTrue();
        assertThat(state.get("frameworks").isArray()).isTrue();

        JsonNode cluster = state.get("cluster");
        assertThat(fields(cluster))
                .containsExactly("nodes", "schedulableNodes", "capacity", "allocated", "tasks", "taskFailures");
        assertThat(cluster.get("nodes").asInt()).isEqualTo(12);
        assertThat(cluster.get("schedulableNodes").asInt()).isEqualTo(11);
        assertThat(fields(cluster.get("capacity"))).containsExactly("cpus", "mem", "gpus", "disk");
        assertThat(cluster.get("capacity").get("cpus").asDouble()).isEqualTo(112.0);
        assertThat(cluster.get("capacity").get("mem").asLong()).isEqualTo(448L << 30);
        assertThat(cluster.get("capacity").get("gpus").asInt()).isEqualTo(8);
        assertThat(fields(cluster.get("tasks"))).containsExactly("staged", "running", "healthy", "unhealthy", "total");

        JsonNode node = state.get("nodes").get(0);
        assertThat(fields(node))
                .containsExactly(
                        "name",
                        "labels",
                        "schedulable",
                        "ready",
                        "zone",
                        "rack",
                        "capacity",
                        "allocated",
                        "free",
                        "pools",
                        "tasks");
        assertThat(node.get("labels").get("kubernetes.io/hostname").asText())
                .isEqualTo(node.get("name").asText());
        assertThat(state.get("nodes")).hasSize(12);

        JsonNode pool = state.get("pools").get(0);
        assertThat(fields(pool))
                .containsExactly(
                        "name",
                        "implied",
                        "weight",
                        "guarantee",
                        "limit",
                        "nodes",
                        "capacity",
                        "allocated",
                        "reserved",
                        "guaranteed",
                        "dominantShare",
                        "weightedShare",
                        "apps",
                        "pendingInstances",
                        "readyReason",
                        "readyMessage",
                        "preemptions");

        JsonNode spark = app(state, "spark-batch");
        assertThat(fields(spark))
                .containsExactly(
                        "namespace",
                        "name",
                        "pool",
                        "group",
                        "image",
                        "desired",
                        "resources",
                        "instances",
                        "status",
                        "readyReason",
                        "readyMessage",
                        "pending",
                        "lastTaskFailure",
                        "revision",
                        "deploymentPhase",
                        "dependencies");
        assertThat(spark.get("status").asText()).isEqualTo("Waiting");
        assertThat(spark.get("pending").get("count").asInt()).isEqualTo(4);
        assertThat(spark.get("pending").get("reasons").get(1).get("reason").asText())
                .isEqualTo("InsufficientCpus");
        assertThat(spark.get("pending").get("reasons").get(1).get("nodes").asInt())
                .isEqualTo(5);
        assertThat(spark.get("lastTaskFailure").isNull()).isTrue();
        assertThat(fields(spark.get("instances")))
                .containsExactly("total", "staged", "running", "healthy", "ready", "unhealthy");
        assertThat(app(state, "cassandra").get("lastTaskFailure").get("node").asText())
                .isEqualTo("n03");
        assertThat(app(state, "billing").get("status").asText()).isEqualTo("Failed");
    }

    @Test
    void offersDescribeTheNewestCycle() throws Exception {
        HttpResponse<String> response = get("/api/v1/offers");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode offers = JSON.readTree(response.body());
        assertThat(fields(offers))
                .containsExactly(
                        "cycle",
                        "startedAt",
                        "durationMillis",
                        "offersMade",
                        "accepted",
                        "declined",
                        "placements",
                        "pools",
                        "preemptions");
        assertThat(offers.get("cycle").asLong()).isEqualTo(4211);
        assertThat(offers.get("declined").get(1).get("reason").asText()).isEqualTo("InsufficientCpus");
        assertThat(fields(offers.get("placements").get(0))).containsExactly("app", "instance", "node", "pool");
        assertThat(fields(offers.get("pools").get(0)))
                .containsExactly("name", "dominantShare", "weightedShare", "pendingInstances");
        JsonNode preemption = offers.get("preemptions").get(0);
        assertThat(fields(preemption)).containsExactly("pool", "app", "instance", "node", "victims");
        assertThat(fields(preemption.get("victims").get(0))).containsExactly("app", "instance", "pool", "priority");
        assertThat(preemption.get("victims").get(0).get("pool").asText()).isEqualTo("analytics");
    }

    @Test
    void historyHoldsAtLeastTheSampleTakenAtStart() throws Exception {
        HttpResponse<String> response = get("/api/v1/history");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode history = JSON.readTree(response.body());
        assertThat(fields(history)).containsExactly("intervalSeconds", "capacity", "points");
        assertThat(history.get("intervalSeconds").asDouble()).isEqualTo(10.0);
        assertThat(history.get("capacity").asInt()).isEqualTo(360);
        assertThat(history.get("points").size()).isGreaterThanOrEqualTo(1);
        JsonNode point = history.get("points").get(history.get("points").size() - 1);
        assertThat(fields(point)).containsExactly("time", "cluster", "pools", "tasksRunning", "taskFailures");
        assertThat(fields(point.get("cluster"))).containsExactly("cpu", "mem", "gpu");
        assertThat(point.get("pools").has("analytics")).isTrue();
    }

    @Test
    void theDashboardIsServedAtTheRoot() throws Exception {
        HttpResponse<String> response = get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<title>Datacenter").contains("dashboard.js");
        assertThat(get("/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({
        "POST,/api/v1/state",
        "PUT,/api/v1/state",
        "DELETE,/api/v1/state",
        "PATCH,/api/v1/state",
        "POST,/api/v1/offers",
        "PUT,/api/v1/offers",
        "DELETE,/api/v1/offers",
        "POST,/api/v1/history",
        "PUT,/api/v1/history",
        "DELETE,/api/v1/history",
        "POST,/",
        "POST,/index.html",
        "PUT,/index.html",
        "POST,/dashboard.js",
        "DELETE,/dashboard.css",
        "POST,/q/health",
        "POST,/q/health/ready",
        "POST,/q/health/live",
        "POST,/q/metrics",
        "OPTIONS,/api/v1/state"
    })
    void everyOtherMethodIsNotAllowed(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertHardened(response);
    }

    @ParameterizedTest
    @CsvSource({
        "/,200",
        "/index.html,200",
        "/dashboard.js,200",
        "/api/v1/state,200",
        "/api/v1/offers,200",
        "/q/health/live,200",
        "/q/metrics,200",
        "/no-such-page,404"
    })
    void everyResponseForbidsSniffingFramingAndForeignContent(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(status);
        assertHardened(response);
        HttpResponse<Void> head = HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).as("HEAD " + path).isNotEqualTo(405);
    }

    private static void assertHardened(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(root.toString()).resolve(path);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode app(JsonNode state, String name) {
        for (JsonNode app : state.get("apps")) {
            if (app.get("name").asText().equals(name)) {
                return app;
            }
        }
        throw new AssertionError("no app " + name);
    }
}

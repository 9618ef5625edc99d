package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox API answers what kubectl and the operator need, the way a real API server would. */
class SandboxApiServerMockTest {

    private static final ResourceDefinitionContext DCA = new ResourceDefinitionContext.Builder()
            .withGroup("datacenter.dev")
            .withVersion("v1alpha1")
            .withPlural("datacenterapps")
            .withKind("DataCenterApp")
            .withNamespaced(true)
            .build();

    static SandboxApiServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = new SandboxApiServer();
        server.start(0);
        client = server.createClient();
        server.registerCrds(client, TestObjects.crds());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void coreDiscoveryListsVersionAndResourcesWithScopeVerbsAndShortNames() throws Exception {
        assertThat(get("/api").path("versions").get(0).asText()).isEqualTo("v1");
        JsonNode core = get("/api/v1");
        assertThat(core.path("kind").asText()).isEqualTo("APIResourceList");
        JsonNode nodes = resource(core, "nodes");
        assertThat(nodes.path("namespaced").asBoolean()).isFalse();
        assertThat(nodes.path("shortNames").toString()).contains("no");
        JsonNode pods = resource(core, "pods");
        assertThat(pods.path("namespaced").asBoolean()).isTrue();
        assertThat(pods.path("verbs").toString()).contains("list", "watch", "patch", "create", "delete");
        assertThat(pods.path("categories").toString()).contains("all");
        assertThat(resource(core, "pods/status").path("verbs").toString()).contains("patch");
        assertThat(get("/version").path("major").asText()).isEqualTo("1");
    }

    @Test
    void groupDiscoveryIncludesRegisteredCrdsWithShortNamesCategoriesAndSubresources() throws Exception {
        JsonNode groups = get("/apis");
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.findValuesAsText("name")).contains("datacenter.dev", "apps", "coordination.k8s.io");
        assertThat(get("/apis/datacenter.dev")
                        .path("preferredVersion")
                        .path("version")
                        .asText())
                .isEqualTo("v1alpha1");

        JsonNode ours = get("/apis/datacenter.dev/v1alpha1");
        JsonNode apps = resource(ours, "datacenterapps");
        assertThat(apps.path("kind").asText()).isEqualTo("DataCenterApp");
        assertThat(apps.path("namespaced").asBoolean()).isTrue();
        assertThat(apps.path("shortNames").toString()).contains("dca", "dcapp");
        assertThat(apps.path("categories").toString()).contains("datacenter");
        assertThat(resource(ours, "datacenterapps/status")).isNotNull();
        assertThat(resource(ours, "datacenterapps/scale").path("kind").asText()).isEqualTo("Scale");
        assertThat(resource(ours, "resourcepools").path("namespaced").asBoolean())
                .isFalse();
    }

    @Test
    void aggregatedDiscoveryRequestGetsThePlainGroupListSoKubectlFallsBack() throws Exception {
        HttpResponse<String> response =
                http("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Json.parse(response.body()).path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(http("/openapi/v2", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void jsonMergePatchReplacesArraysAndDeletesNullsLikeARealServer() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("patch")
                        .addToLabels("keep", "1")
                        .addToLabels("drop", "1")
                        .endMetadata()
                        .build())
                .create();
        Resource<GenericKubernetesResource> app = client.genericKubernetesResources(DCA)
                .inNamespace("patch")
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("datacenter.dev/v1alpha1")
                        .withKind("DataCenterApp")
                        .withNewMetadata()
                        .withName("web")
                        .withFinalizers("a")
                        .endMetadata()
                        .addToAdditionalProperties(
                                "spec",
                                Map.of(
                                        "instances",
                                        1,
                                        "container",
                                        Map.of("image", "nginx", "args", List.of("-v")),
                                        "resources",
                                        Map.of("cpus", "100m", "mem", "64Mi"),
                                        "ports",
                                        List.of(Map.of("name", "http", "containerPort", 80))))
                        .build());
        app.create();

        app.patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"b\"]},\"spec\":{\"ports\":[{\"name\":\"admin\",\"containerPort\":81}],"
                        + "\"container\":{\"args\":null}}}");
        client.namespaces()
                .withName("patch")
                .patch(
                        PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"metadata\":{\"labels\":{\"drop\":null,\"new\":\"2\"}}}");

        GenericKubernetesResource patched = app.get();
        assertThat(patched.getMetadata().getFinalizers()).containsExactly("b");
        assertThat(patched.<List<?>>get("spec", "ports")).hasSize(1);
        assertThat(patched.<Map<String, Object>>get("spec", "container"))
                .doesNotContainKey("args")
                .containsEntry("image", "nginx");
        assertThat(patched.<Map<String, Object>>get("spec")).containsEntry("instances", 1);
        assertThat(client.namespaces().withName("patch").get().getMetadata().getLabels())
                .containsOnlyKeys("keep", "new");
    }

    @Test
    void statusSubresourceAndScaleSubresourceWorkForOurCrds() throws Exception {
        var apps = client.genericKubernetesResources(DCA).inNamespace("scale");
        apps.resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("datacenter.dev/v1alpha1")
                        .withKind("DataCenterApp")
                        .withNewMetadata()
                        .withName("web")
                        .endMetadata()
                        .addToAdditionalProperties(
                                "spec",
                                Map.of(
                                        "instances",
                                        2,
                                        "container",
                                        Map.of("image", "nginx"),
                                        "resources",
                                        Map.of("cpus", "100m", "mem", "64Mi")))
                        .build())
                .create();
        apps.withName("web").editStatus(r -> {
            r.setAdditionalProperty("status", Map.of("instances", Map.of("total", 2)));
            return r;
        });
        apps.withName("web").edit(r -> {
            r.setAdditionalProperty("status", Map.of("instances", Map.of("total", 99)));
            return r;
        });
        assertThat(apps.withName("web").get().<Integer>get("status", "instances", "total"))
                .as("the main resource ignores status, as with a status subresource")
                .isEqualTo(2);

        String scalePath = "/apis/datacenter.dev/v1alpha1/namespaces/scale/datacenterapps/web/scale";
        JsonNode scale = get(scalePath);
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(scale.path("status").path("replicas").asInt()).isEqualTo(2);

        HttpResponse<String> patched = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + scalePath))
                                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":5}}"))
                                .header("Content-Type", "application/merge-patch+json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(apps.withName("web").get().<Integer>get("spec", "instances")).isEqualTo(5);
    }

    @Test
    void missingObjectIsA404WithANotFoundStatus() throws Exception {
        HttpResponse<String> response = http("/api/v1/namespaces/default/pods/nope", "application/json");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode status = Json.parse(response.body());
        assertThat(status.path("reason").asText()).isEqualTo("NotFound");
        assertThat(status.path("message").asText()).isEqualTo("pods \"nope\" not found");
    }

    @Test
    void customResourceWithANameOrLabelsTheApiServerRefusesIsA422() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("names")
                        .endMetadata()
                        .build())
                .create();
        var apps = client.genericKubernetesResources(DCA).inNamespace("names");
        for (GenericKubernetesResource bad : List.of(
                app("x".repeat(300), Map.of(), Map.of()),
                app("a_b", Map.of(), Map.of()),
                app("upper-Case", Map.of(), Map.of()),
                app("labelled", Map.of("big", "v".repeat(64)), Map.of()),
                app("annotated", Map.of(), Map.of("big", "v".repeat(300 * 1024))))) {
            assertThatThrownBy(() -> apps.resource(bad).create())
                    .isInstanceOfSatisfying(
                            KubernetesClientException.class,
                            e -> assertThat(e.getCode()).isEqualTo(422))
                    .hasMessageContaining("metadata.");
        }
        assertThat(apps.list().getItems()).isEmpty();
        apps.resource(app("ok.name-1", Map.of("tier", "web"), Map.of("note", "fine")))
                .create();
        assertThat(apps.withName("ok.name-1").get()).isNotNull();
    }

    @Test
    void deleteWithAnExtraPathSegmentDeletesNothing() throws Exception {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("keep")
                        .endMetadata()
                        .build())
                .create();
        var apps = client.genericKubernetesResources(DCA).inNamespace("keep");
        apps.resource(app("a", Map.of(), Map.of())).create();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url()
                                        + "/apis/datacenter.dev/v1alpha1/namespaces/keep/datacenterapps/a/b"))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(apps.withName("a").get()).isNotNull();
        assertThat(client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .list()
                        .getItems())
                .isNotEmpty();
    }

    private static GenericKubernetesResource app(
            String name, Map<String, String> labels, Map<String, String> annotations) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("datacenter.dev/v1alpha1")
                .withKind("DataCenterApp")
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .addToAdditionalProperties(
                        "spec",
                        Map.of(
                                "instances",
                                1,
                                "container",
                                Map.of("image", "nginx"),
                                "resources",
                                Map.of("cpus", "100m", "mem", "64Mi")))
                .build();
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode r : list.path("resources")) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http(path, "application/json");
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static HttpResponse<String> http(String path, String accept) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + path))
                                .header("Accept", accept)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}

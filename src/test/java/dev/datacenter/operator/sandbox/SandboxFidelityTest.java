package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox API behaves as an API server where users and the operator notice: through the fabric8 client. */
class SandboxFidelityTest {

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

    static GenericKubernetesResource app(String name, int instances) {
        return Serialization.unmarshal("""
                apiVersion: datacenter.dev/v1alpha1
                kind: DataCenterApp
                metadata: {name: %s, namespace: fidelity}
                spec:
                  instances: %d
                  notInTheSchema: true
                  container: {image: nginx}
                  resources: {cpus: 100m, mem: 64Mi}
                """.formatted(name, instances), GenericKubernetesResource.class);
    }

    @Test
    void anInvalidAppIsRefusedWith422AndTheServersMessage() {
        assertThatThrownBy(() -> client.genericKubernetesResources(DCA)
                        .resource(app("x", -1))
                        .create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage())
                            .isEqualTo(
                                    "DataCenterApp.datacenter.dev \"x\" is invalid: spec.instances: Invalid value: -1: "
                                            + "spec.instances in body should be greater than or equal to 0");
                    assertThat(e.getStatus().getDetails().getCauses().get(0).getField())
                            .isEqualTo("spec.instances");
                });
        assertThat(client.genericKubernetesResources(DCA)
                        .inNamespace("fidelity")
                        .withName("x")
                        .get())
                .isNull();
    }

    @Test
    void aStoredAppHasItsDefaultsWithoutUnknownFieldsAndAnInvalidPatchChangesNothing() {
        client.genericKubernetesResources(DCA).resource(app("defaults", 2)).create();
        GenericKubernetesResource stored = client.genericKubernetesResources(DCA)
                .inNamespace("fidelity")
                .withName("defaults")
                .get();
        JsonNode spec = Json.parse(Serialization.asJson(stored)).path("spec");
        assertThat(spec.path("pool").asText()).isEqualTo("default");
        assertThat(spec.has("notInTheSchema")).isFalse();

        assertThatThrownBy(() -> client.genericKubernetesResources(DCA)
                        .inNamespace("fidelity")
                        .withName("defaults")
                        .edit(r -> {
                            ((java.util.Map<String, Object>)
                                            r.getAdditionalProperties().get("spec"))
                                    .put("instances", -3);
                            return r;
                        }))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
        assertThat(Json.parse(Serialization.asJson(client.genericKubernetesResources(DCA)
                                .inNamespace("fidelity")
                                .withName("defaults")
                                .get()))
                        .path("spec")
                        .path("instances")
                        .asInt())
                .isEqualTo(2);
    }

    static ConfigMap configMap(String name, ConfigMap owner, String... finalizers) {
        ConfigMapBuilder b = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("gc")
                .withFinalizers(finalizers)
                .endMetadata();
        if (owner != null) {
            b.editMetadata()
                    .addNewOwnerReference()
                    .withApiVersion("v1")
                    .withKind("ConfigMap")
                    .withName(owner.getMetadata().getName())
                    .withUid(owner.getMetadata().getUid())
                    .withBlockOwnerDeletion(true)
                    .endOwnerReference()
                    .endMetadata();
        }
        return client.configMaps().resource(b.build()).create();
    }

    static ConfigMap get(String name) {
        return client.configMaps().inNamespace("gc").withName(name).get();
    }

    @Test
    void backgroundDeletionDeletesTheDependentsOfADeletedOwner() {
        ConfigMap owner = configMap("bg-owner", null);
        configMap("bg-dependent", owner);

        client.configMaps()
                .resource(owner)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete();

        Eventually.assertThat(() -> assertThat(get("bg-dependent")).isNull());
    }

    @Test
    void foregroundDeletionKeepsTheOwnerUntilItsDependentsAreGone() {
        ConfigMap owner = configMap("fg-owner", null);
        configMap("fg-dependent", owner, "example.org/hold");

        client.configMaps()
                .resource(owner)
                .withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();

        Eventually.assertThat(() -> assertThat(get("fg-dependent").getMetadata().getDeletionTimestamp())
                .isNotNull());
        ConfigMap waiting = get("fg-owner");
        assertThat(waiting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(waiting.getMetadata().getFinalizers()).contains("foregroundDeletion");

        client.configMaps().inNamespace("gc").withName("fg-dependent").edit(c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
        });

        Eventually.assertThat(() -> {
            assertThat(get("fg-dependent")).isNull();
            assertThat(get("fg-owner")).isNull();
        });
    }

    @Test
    void orphanDeletionLeavesTheDependentsWithoutTheOwnerReference() {
        ConfigMap owner = configMap("or-owner", null);
        configMap("or-dependent", owner);

        client.configMaps()
                .resource(owner)
                .withPropagationPolicy(DeletionPropagation.ORPHAN)
                .delete();

        Eventually.assertThat(() -> assertThat(get("or-owner")).isNull());
        assertThat(get("or-dependent").getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void aFinalizerKeepsADeletedObjectWithADeletionTimestampUntilItIsRemoved() {
        configMap("held", null, "example.org/hold");

        client.configMaps().inNamespace("gc").withName("held").delete();

        assertThat(get("held").getMetadata().getDeletionTimestamp()).isNotNull();
        client.configMaps().inNamespace("gc").withName("held").edit(c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
        });
        assertThat(get("held")).isNull();
    }

    static Pod readyPod(String name) {
        return readyPod("pdb", name);
    }

    static Pod readyPod(String namespace, String name) {
        Pod pod = client.pods()
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .addToLabels("app", "web")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("c")
                        .withImage("nginx")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        return client.pods().resource(pod).editStatus(p -> {
            p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                    .withPhase("Running")
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .endCondition()
                    .build());
            return p;
        });
    }

    @Test
    void anEvictionThatWouldBreakTheDisruptionBudgetIsRefusedWith429() throws Exception {
        readyPod("web-0");
        readyPod("web-1");
        client.policy()
                .v1()
                .podDisruptionBudget()
                .resource(new PodDisruptionBudgetBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .withNamespace("pdb")
                        .endMetadata()
                        .withNewSpec()
                        .withNewMinAvailable(1)
                        .withNewSelector()
                        .addToMatchLabels("app", "web")
                        .endSelector()
                        .endSpec()
                        .build())
                .create();

        HttpResponse<String> first = evict("web-0");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(client.pods().inNamespace("pdb").withName("web-0").get()).isNull();

        HttpResponse<String> second = evict("web-1");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(Json.parse(second.body()).path("message").asText())
                .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(client.pods().inNamespace("pdb").withName("web-1").get()).isNotNull();
    }

    private static HttpResponse<String> evict(String pod) throws Exception {
        String body = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + pod
                + "\",\"namespace\":\"pdb\"}}";
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(server.url() + "/api/v1/namespaces/pdb/pods/" + pod + "/eviction"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPodGetsTheDefaultNoExecuteTolerationsOfFiveMinutes() {
        Pod pod = readyPod("tolerations", "p");
        assertThat(pod.getSpec().getTolerations())
                .anySatisfy(t -> {
                    assertThat(t.getKey()).isEqualTo(NoExecuteTaints.UNREACHABLE);
                    assertThat(t.getTolerationSeconds()).isEqualTo(300L);
                })
                .anySatisfy(t -> assertThat(t.getKey()).isEqualTo(NoExecuteTaints.NOT_READY));
    }

    @Test
    void injectedFaultsFailWritesButNotReads() {
        SandboxApiServer faulty = new SandboxApiServer();
        faulty.start(0);
        try (KubernetesClient c = faulty.createClient()) {
            faulty.injectFaults(1.0, 7);
            assertThatThrownBy(() -> c.configMaps()
                            .resource(new ConfigMapBuilder()
                                    .withNewMetadata()
                                    .withName("f")
                                    .withNamespace("x")
                                    .endMetadata()
                                    .build())
                            .create())
                    .isInstanceOfSatisfying(
                            KubernetesClientException.class,
                            e -> assertThat(e.getCode()).isIn(500, 409));
            assertThat(c.configMaps().inNamespace("x").list().getItems()).isEmpty();
        } finally {
            faulty.close();
        }
    }

    @Test
    void aProtobufBodyIsAnswered415() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces"))
                                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                                .POST(HttpRequest.BodyPublishers.ofString("k8s\0"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
    }
}

package dev.datacenter.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.validation.CrdValidator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What only a real API server proves: k3s accepts the CRDs in {@code crds/} (structural schema, CEL
 * rules that compile within the cost budget), refuses invalid objects with the messages users see,
 * accepts the samples, and defaults them as {@link CrdValidator} does. Requests go as
 * {@code kubectl apply} sends them: strict field validation; objects are sent with server-side dry
 * run so the samples that share a name do not collide.
 * <p>
 * Needs Docker: skipped, visibly, where there is none. Run with {@code mvn verify -DskipITs=false}.
 */
@Testcontainers(disabledWithoutDocker = true)
class CrdValidationIT {

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    static KubernetesClient client;

    @BeforeAll
    static void installCrds() throws IOException {
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml()))
                .build();
        try (Stream<Path> files = Files.list(Path.of("crds"))) {
            for (Path file : files.sorted().toList()) {
                CustomResourceDefinition crd = client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .load(file.toFile())
                        .item();
                client.resource(crd).create(); // a CRD the API server refuses (e.g. a CEL rule) fails here
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .waitUntilCondition(
                                c -> c != null
                                        && c.getStatus() != null
                                        && c.getStatus().getConditions().stream()
                                                .anyMatch(x -> x.getType().equals("Established")
                                                        && x.getStatus().equals("True")),
                                60,
                                TimeUnit.SECONDS);
            }
        }
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("demo")
                        .endMetadata()
                        .build())
                .create();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    static GenericKubernetesResource resource(JsonNode doc) {
        return Serialization.unmarshal(doc.toString(), GenericKubernetesResource.class);
    }

    static GenericKubernetesResource dryRunCreate(JsonNode doc) {
        return client.resource(resource(doc))
                .dryRun()
                .fieldValidation(Validation.STRICT)
                .create();
    }

    @Test
    void refusesExpungeBeforeInactiveWithTheCelMessage() {
        JsonNode app = Manifests.documents(Manifests.INVALID.resolve("app-expunge-before-inactive.yaml"))
                .get(0);
        assertThatThrownBy(() -> client.resource(resource(app))
                        .fieldValidation(Validation.STRICT)
                        .create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage())
                            .contains("spec.unreachableStrategy.expungeAfterSeconds")
                            .contains("expungeAfterSeconds must be greater than or equal to inactiveAfterSeconds");
                });
        assertThat(client.genericKubernetesResources("datacenter.dev/v1alpha1", "DataCenterApp")
                        .inNamespace("demo")
                        .withName("jokes")
                        .get())
                .isNull();
    }

    @Test
    void acceptsASampleAndServesItBack() {
        JsonNode production = Manifests.documents(Manifests.SAMPLES.resolve("jokes/3-production.yaml"))
                .get(0);
        client.resource(resource(production)).fieldValidation(Validation.STRICT).create();
        try {
            GenericKubernetesResource stored = client.genericKubernetesResources(
                            "datacenter.dev/v1alpha1", "DataCenterApp")
                    .inNamespace("demo")
                    .withName("jokes")
                    .get();
            assertThat(stored).isNotNull();
            assertThat(stored.<String>get("spec", "pool")).isEqualTo("web");
            // the scale subresource reads .spec.instances
            assertThat(client.genericKubernetesResources("datacenter.dev/v1alpha1", "DataCenterApp")
                            .inNamespace("demo")
                            .withName("jokes")
                            .scale()
                            .getSpec()
                            .getReplicas())
                    .isEqualTo(6);
        } finally {
            client.resource(resource(production))
                    .withTimeout(30, TimeUnit.SECONDS)
                    .delete();
        }
    }

    static Stream<Arguments> samples() {
        return SampleManifestsTest.sampleDocuments()
                .filter(a -> Manifests.OUR_KINDS.containsKey(
                        ((JsonNode) a.get()[2]).path("kind").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void acceptsEverySampleAndDefaultsItAsTheHarnessDoes(String name, Path file, JsonNode doc) throws IOException {
        GenericKubernetesResource created = dryRunCreate(doc);
        JsonNode server = Manifests.JSON.readTree(Serialization.asJson(created)).get("spec");
        JsonNode harness = CrdValidator.forKind(doc.path("kind").asText())
                .withDefaults(doc)
                .get("spec");
        SampleManifestsTest.assertContained(harness, server, "spec");
        SampleManifestsTest.assertContained(server, harness, "spec");
    }

    static Stream<Arguments> invalidManifests() {
        return SchemaInvalidManifestsTest.invalidManifests();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void refusesEveryInvalidManifestWithTheExpectedMessage(String name, Path file) {
        List<String> expect = Manifests.header(file, "expect");
        JsonNode doc = Manifests.documents(file).get(0);
        assertThatThrownBy(() -> dryRunCreate(doc))
                .as("the API server refuses %s", name)
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isIn(400, 422);
                    assertThat(e.getStatus().getMessage()).contains(expect.get(0));
                });
        JsonNode fixed = doc.deepCopy();
        Manifests.header(file, "fix").forEach(f -> Manifests.applyFix(fixed, f));
        assertThat(dryRunCreate(fixed)).as("%s once fixed", name).isNotNull();
    }
}

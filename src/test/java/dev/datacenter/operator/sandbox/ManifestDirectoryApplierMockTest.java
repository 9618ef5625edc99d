package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestDirectoryApplierMockTest {

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
    void appliesGoodManifestsNamespacesFirstAndSkipsBadOnes(@TempDir Path dir) {
        // sorted by file name, the app comes before its namespace; the namespace must still be created first
        TestObjects.write(dir, "10-app.yaml", """
        apiVersion: datacenter.dev/v1alpha1
        kind: DataCenterApp
        metadata: {name: web, namespace: shop}
        spec: {instances: 2, container: {image: nginx}, resources: {cpus: 100m, mem: 64Mi}}
        ---
        apiVersion: datacenter.dev/v1alpha1
        kind: ResourcePool
        metadata: {name: batch}
        spec: {weight: 2}
        ---
        apiVersion: datacenter.dev/v1alpha1
        kind: DataCenterApp
        metadata: {name: elsewhere, namespace: created-on-the-way}
        spec: {instances: 1, container: {image: nginx}, resources: {cpus: 100m, mem: 64Mi}}
        """);
        TestObjects.write(dir, "20-namespace.yml", """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: web}}
        """);
        TestObjects.write(dir, "30-config.json", """
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"a": "b"}}
        """);
        TestObjects.write(dir, "40-broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [oops\n");
        TestObjects.write(
                dir, "50-unknown-kind.yaml", "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n");
        TestObjects.write(dir, "README.md", "not a manifest");

        ManifestDirectoryApplier.Result result = new ManifestDirectoryApplier(client).apply(dir);

        assertThat(result.applied())
                .containsExactly(
                        "Namespace shop",
                        "DataCenterApp shop/web",
                        "ResourcePool batch",
                        "DataCenterApp created-on-the-way/elsewhere",
                        "ConfigMap default/settings");
        assertThat(result.skipped())
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("40-broken.yaml").contains("not valid YAML"))
                .anySatisfy(m -> assertThat(m).contains("Gadget").contains("does not serve"));
        assertThat(client.namespaces().withName("shop").get().getMetadata().getLabels())
                .containsEntry("team", "web");
        assertThat(client.namespaces().withName("created-on-the-way").get()).isNotNull();
        assertThat(client.genericKubernetesResources(context("datacenterapps", true))
                        .inNamespace("shop")
                        .withName("web")
                        .get()
                        .<Integer>get("spec", "instances"))
                .isEqualTo(2);
        assertThat(client.genericKubernetesResources(context("resourcepools", false))
                        .withName("batch")
                        .get())
                .isNotNull();
        assertThat(client.configMaps()
                        .inNamespace("default")
                        .withName("settings")
                        .get()
                        .getData())
                .containsEntry("a", "b");
    }

    @Test
    void aMissingDirectoryIsReportedNotFatal(@TempDir Path dir) {
        ManifestDirectoryApplier.Result result = new ManifestDirectoryApplier(client).apply(dir.resolve("nope"));

        assertThat(result.applied()).isEmpty();
        assertThat(result.skipped())
                .singleElement()
                .satisfies(m -> assertThat(m).contains("not a directory"));
    }

    private static ResourceDefinitionContext context(String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder()
                .withGroup("datacenter.dev")
                .withVersion("v1alpha1")
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }
}

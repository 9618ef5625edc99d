package dev.datacenter.operator.web;

import dev.datacenter.operator.testsupport.FreePorts;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operator in sandbox mode, as a user starts it, with the whole catalog applied plus one app no node can
 * take ({@code src/test/resources/sandbox-extra/giant.yaml}). The sandbox applies one flat directory, so the
 * catalog's entries are copied into {@code target/sandbox-catalog/} first. The sandbox API listens on a free
 * port and writes its kubeconfig under {@code target/sandbox-catalog-kubeconfig}.
 */
public class SandboxCatalogProfile implements QuarkusTestProfile {

    static final Path CATALOG = Path.of("samples", "catalog");
    static final Path APPLIED = Path.of("target", "sandbox-catalog");
    /** One port for the whole run: Quarkus may ask for the overrides more than once. */
    private static final int API_PORT = FreePorts.take();

    @Override
    public Map<String, String> getConfigOverrides() {
        prepareApplyDirectory();
        return Map.of(
                "quarkus.kubernetes-client.devservices.enabled", "false",
                "quarkus.http.test-port", "0",
                "datacenter.sandbox.enabled", "true",
                "datacenter.sandbox.api-port", String.valueOf(API_PORT),
                "datacenter.sandbox.apply", APPLIED.toString(),
                "datacenter.sandbox.kubeconfig", "target/sandbox-catalog-kubeconfig/kubeconfig",
                "datacenter.web.history-interval", "2s");
    }

    /** Every manifest of the catalog (any depth), named after its entry, plus the unplaceable app. */
    static List<Path> prepareApplyDirectory() {
        try {
            Files.createDirectories(APPLIED);
            try (Stream<Path> old = Files.list(APPLIED)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
            List<Path> manifests;
            try (Stream<Path> files = Files.walk(CATALOG)) {
                manifests = files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().endsWith(".yaml"))
                        .sorted()
                        .toList();
            }
            for (Path f : manifests) {
                String name = CATALOG.relativize(f).toString().replace('/', '-');
                Files.copy(f, APPLIED.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(
                    Path.of("src", "test", "resources", "sandbox-extra", "giant.yaml"),
                    APPLIED.resolve("zz-giant.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
            return manifests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Applies every {@code *.yaml}, {@code *.yml} and {@code *.json} file of a directory (sorted by name, each
 * possibly multi-document or a List): Namespaces first, then CRDs, then everything else, each created in its
 * namespace ({@code default} when it names none), missing namespaces created on the way. An object that
 * exists is updated. A file or object that cannot be read or is refused is logged and skipped: a bad
 * manifest never stops the sandbox.
 */
public final class ManifestDirectoryApplier {

    private static final Logger LOG = Logger.getLogger(ManifestDirectoryApplier.class);

    /** What happened: objects applied ({@code Kind namespace/name}), and one message per skipped file or object. */
    public record Result(List<String> applied, List<String> skipped) {}

    private final KubernetesClient client;

    public ManifestDirectoryApplier(KubernetesClient client) {
        this.client = client;
    }

    public Result apply(Path directory) {
        List<String> applied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : manifestFiles(directory, skipped)) {
            try {
                ManifestReader.Manifests manifests =
                        ManifestReader.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
                objects.addAll(manifests.objects());
                skipped.addAll(manifests.errors());
            } catch (IOException e) {
                skipped.add(file + ": cannot be read: " + e.getMessage());
            }
        }
        objects.sort(Comparator.comparingInt(ManifestDirectoryApplier::order));
        for (HasMetadata object : objects) {
            try {
                applyOne(object);
                applied.add(describe(object));
            } catch (KubernetesClientException | IllegalArgumentException e) {
                skipped.add(describe(object) + ": " + e.getMessage());
            }
        }
        skipped.forEach(message -> LOG.warnf("sandbox: skipped manifest %s", message));
        LOG.infof("sandbox: applied %d manifests from %s", applied.size(), directory);
        return new Result(applied, skipped);
    }

    private static List<Path> manifestFiles(Path directory, List<String> skipped) {
        if (!Files.isDirectory(directory)) {
            skipped.add(directory + ": not a directory");
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches("(?i).*\\.(ya?ml|json)$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            skipped.add(directory + ": cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    private static int order(HasMetadata object) {
        if (object instanceof Namespace) {
            return 0;
        }
        return object instanceof CustomResourceDefinition ? 1 : 2;
    }

    private void applyOne(HasMetadata object) {
        object.getMetadata().setResourceVersion(null);
        if (isNamespaced(object)) {
            String namespace = object.getMetadata().getNamespace() == null
                    ? "default"
                    : object.getMetadata().getNamespace();
            object.getMetadata().setNamespace(namespace);
            ensureNamespace(namespace);
            client.resource(object).inNamespace(namespace).createOr(existing -> existing.update());
        } else {
            object.getMetadata().setNamespace(null);
            client.resource(object).createOr(existing -> existing.update());
        }
    }

    /** Asks discovery, as kubectl does; a kind the server does not serve is refused, as a real server would. */
    private boolean isNamespaced(HasMetadata object) {
        APIResourceList served = client.getApiResources(object.getApiVersion());
        if (served == null) {
            throw new IllegalArgumentException("the server does not serve " + object.getApiVersion());
        }
        return served.getResources().stream()
                .filter(r ->
                        object.getKind().equals(r.getKind()) && !r.getName().contains("/"))
                .findFirst()
                .map(APIResource::getNamespaced)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the server does not serve kind " + object.getKind() + " in " + object.getApiVersion()));
    }

    private void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    private static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/")
                + object.getMetadata().getName();
    }
}

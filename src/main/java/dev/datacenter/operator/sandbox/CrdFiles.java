package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the operator's CRDs: every {@code *.yaml}/{@code *.yml} of the {@code crds/} directory when it is on
 * disk (running from a checkout), else the copies the build generated into the classpath
 * ({@code META-INF/fabric8/<plural>.<group>-v1.yml}, present in a packaged application).
 */
public final class CrdFiles {

    /** The CRDs the build generates, by name; listed rather than scanned so it works in a native image. */
    static final List<String> GENERATED = List.of(
            "datacenterapps.datacenter.dev",
            "resourcepools.datacenter.dev",
            "persistentvolumeclaimsets.datacenter.dev");

    private CrdFiles() {}

    /** The CRDs of the directory, or of the classpath when the directory does not exist; never fails on one file. */
    public static List<CustomResourceDefinition> load(Path directory) {
        return Files.isDirectory(directory) ? fromDirectory(directory) : fromClasspath();
    }

    static List<CustomResourceDefinition> fromDirectory(Path directory) {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("(?i).*\\.ya?ml$"))
                    .sorted()
                    .toList()) {
                crds.addAll(crdsIn(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRDs in " + directory, e);
        }
        return crds;
    }

    static List<CustomResourceDefinition> fromClasspath() {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String name : GENERATED) {
            String resource = "META-INF/fabric8/" + name + "-v1.yml";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in != null) {
                    crds.addAll(crdsIn(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return crds;
    }

    private static List<CustomResourceDefinition> crdsIn(String text, String source) {
        ManifestReader.Manifests manifests = ManifestReader.read(text, source);
        if (!manifests.errors().isEmpty()) {
            throw new IllegalArgumentException("Invalid CRD file: " + String.join("; ", manifests.errors()));
        }
        List<CustomResourceDefinition> crds = new ArrayList<>();
        for (HasMetadata object : manifests.objects()) {
            if (object instanceof CustomResourceDefinition crd) {
                crds.add(crd);
            }
        }
        return crds;
    }
}

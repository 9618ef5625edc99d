package dev.datacenter.operator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a kubeconfig for the sandbox: one cluster at the sandbox's plain-HTTP URL, one user with no
 * credentials, one context (namespace {@code default}) that is current.
 */
public final class KubeconfigWriter {

    static final String NAME = "datacenter-sandbox";

    private KubeconfigWriter() {}

    public static Path write(Path file, String serverUrl) {
        String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user: {}
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        preferences: {}
        """.formatted(NAME, serverUrl);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox kubeconfig " + file, e);
        }
    }
}

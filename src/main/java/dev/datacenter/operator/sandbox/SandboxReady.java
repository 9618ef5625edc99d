package dev.datacenter.operator.sandbox;

import java.nio.file.Path;

/**
 * Fired (synchronously, CDI) once the sandbox API is up with its CRDs, nodes and manifests, and the simulated
 * kubelet is running. Only fired when the sandbox is enabled.
 *
 * @param apiUrl where the sandbox API listens
 * @param kubeconfig the kubeconfig written for it
 * @param nodes how many nodes it has
 */
public record SandboxReady(String apiUrl, Path kubeconfig, int nodes) {}

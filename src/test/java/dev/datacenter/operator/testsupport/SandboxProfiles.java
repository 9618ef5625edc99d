package dev.datacenter.operator.testsupport;

import java.util.Map;

/** The configuration of a test profile that runs the operator in sandbox mode. */
public final class SandboxProfiles {
    private SandboxProfiles() {}

    /**
     * The operator on the sandbox's API at {@code apiPort}, with the simulated nodes of {@code nodes}, the
     * manifests of {@code apply} applied at start and its kubeconfig written under {@code target/<name>/}.
     */
    public static Map<String, String> sandbox(int apiPort, String nodes, String apply, String name) {
        return Map.of(
                "quarkus.kubernetes-client.devservices.enabled",
                "false",
                "quarkus.http.test-port",
                "0",
                "datacenter.sandbox.enabled",
                "true",
                "datacenter.sandbox.api-port",
                String.valueOf(apiPort),
                "datacenter.sandbox.nodes",
                nodes,
                "datacenter.sandbox.apply",
                apply,
                "datacenter.sandbox.kubeconfig",
                "target/" + name + "/kubeconfig");
    }
}

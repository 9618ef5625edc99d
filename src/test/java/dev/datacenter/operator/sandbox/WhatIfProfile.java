package dev.datacenter.operator.sandbox;

import dev.datacenter.operator.testsupport.FreePorts;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The sandbox started on a real cluster's export ({@code src/test/resources/whatif/cluster.yaml}: nodes and the
 * pods running on them), with one app applied ({@code whatif/apply}).
 */
public class WhatIfProfile implements QuarkusTestProfile {

    private static final int PORT = FreePorts.take();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.kubernetes-client.devservices.enabled", "false",
                "quarkus.http.test-port", "0",
                "datacenter.sandbox.enabled", "true",
                "datacenter.sandbox.api-port", String.valueOf(PORT),
                "datacenter.sandbox.nodes", "src/test/resources/whatif/cluster.yaml",
                "datacenter.sandbox.apply", "src/test/resources/whatif/apply",
                "datacenter.sandbox.kubeconfig", "target/sandbox-whatif/kubeconfig");
    }
}

package dev.datacenter.operator.sandbox;

import dev.datacenter.operator.testsupport.FreePorts;
import dev.datacenter.operator.testsupport.SandboxProfiles;
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
        return SandboxProfiles.sandbox(
                PORT, "src/test/resources/whatif/cluster.yaml", "src/test/resources/whatif/apply", "sandbox-whatif");
    }
}

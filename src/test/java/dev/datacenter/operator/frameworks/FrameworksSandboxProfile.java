package dev.datacenter.operator.frameworks;

import dev.datacenter.operator.testsupport.FreePorts;
import dev.datacenter.operator.testsupport.SandboxProfiles;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The operator in sandbox mode on 12 nodes of 4 CPUs, with pools batch (weight 3), service (1) and small. */
public class FrameworksSandboxProfile implements QuarkusTestProfile {

    private static final int API_PORT = FreePorts.take();

    @Override
    public Map<String, String> getConfigOverrides() {
        return SandboxProfiles.sandbox(
                API_PORT,
                "src/test/resources/frameworks/nodes.yaml",
                "src/test/resources/frameworks/manifests",
                "sandbox-frameworks");
    }
}

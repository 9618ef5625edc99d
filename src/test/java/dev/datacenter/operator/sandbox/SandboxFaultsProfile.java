package dev.datacenter.operator.sandbox;

import dev.datacenter.operator.testsupport.FreePorts;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The operator on the sandbox with a fifth of the writes failing (500 or 409), as bench/faults.sh runs it. */
public class SandboxFaultsProfile implements QuarkusTestProfile {

    static final int PORT = FreePorts.take();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "datacenter.sandbox.enabled", "true",
                "datacenter.sandbox.api-port", String.valueOf(PORT),
                "datacenter.sandbox.apply", "src/test/resources/sandbox/faults",
                "datacenter.sandbox.kubeconfig", "target/sandbox-faults-test/kubeconfig",
                "datacenter.sandbox.faults.error-rate", "0.2",
                "datacenter.sandbox.faults.seed", "7");
    }
}

package dev.datacenter.operator.sandbox;

import dev.datacenter.operator.testsupport.FreePorts;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The application with the sandbox on, as {@code -Ddatacenter.sandbox.enabled=true} starts it. */
public class SandboxEnabledProfile implements QuarkusTestProfile {

    static final int PORT = FreePorts.take();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "datacenter.sandbox.enabled", "true",
                "datacenter.sandbox.api-port", String.valueOf(PORT),
                "datacenter.sandbox.apply", "src/test/resources/sandbox/manifests",
                "datacenter.sandbox.kubeconfig", "target/sandbox-test/kubeconfig");
    }
}

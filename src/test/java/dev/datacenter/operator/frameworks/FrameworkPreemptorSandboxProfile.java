package dev.datacenter.operator.frameworks;

import dev.datacenter.operator.testsupport.FreePorts;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The operator in sandbox mode on 12 nodes of 4 CPUs, pools batch, kept (8 CPUs guaranteed) and urgent (8 CPUs
 * guaranteed, preemption Never until the test turns it on).
 */
public class FrameworkPreemptorSandboxProfile implements QuarkusTestProfile {

    private static final int API_PORT = FreePorts.take();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.kubernetes-client.devservices.enabled", "false",
                "quarkus.http.test-port", "0",
                "datacenter.sandbox.enabled", "true",
                "datacenter.sandbox.api-port", String.valueOf(API_PORT),
                "datacenter.sandbox.nodes", "src/test/resources/frameworks/nodes.yaml",
                "datacenter.sandbox.apply", "src/test/resources/frameworks/preemptor",
                "datacenter.sandbox.kubeconfig", "target/sandbox-framework-preemptor/kubeconfig");
    }
}

package dev.datacenter.operator.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The real state source against a fresh in-process API server of its own (a profile of its own restarts the
 * application and its test server, so no other test's nodes or apps show up here).
 */
public class ClusterStateProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.kubernetes-client.devservices.enabled",
                "false",
                "quarkus.http.test-port",
                "0",
                "datacenter.allocation.period",
                "200ms");
    }
}

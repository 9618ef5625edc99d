package dev.datacenter.operator.web;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the app with its own fallback state source: no nodes, no apps. */
public class EmptyStateProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.kubernetes-client.devservices.enabled", "false", "quarkus.http.test-port", "0",
                "datacenter.web.history-interval", "1s");
    }
}

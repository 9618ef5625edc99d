package dev.datacenter.operator.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** Runs the app with the fallback state source (no nodes, no apps) in place of the real one. */
public class EmptyStateProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(EmptyFallbackSource.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.kubernetes-client.devservices.enabled",
                "false",
                "quarkus.http.test-port",
                "0",
                "datacenter.web.history-interval",
                "1s",
                "datacenter.operator.enabled",
                "false");
    }
}

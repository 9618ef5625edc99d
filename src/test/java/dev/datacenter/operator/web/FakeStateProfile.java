package dev.datacenter.operator.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** Runs the app with {@link FakeOperatorStateSource} in place of the real state source. */
public class FakeStateProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FakeOperatorStateSource.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // a random port: other builds on the same machine may hold 8081; no operator runtime: the state is
        // the fake's, and without an API server the runtime would (rightly) report itself not ready
        return Map.of(
                "quarkus.kubernetes-client.devservices.enabled",
                "false",
                "quarkus.http.test-port",
                "0",
                "datacenter.operator.enabled",
                "false");
    }
}

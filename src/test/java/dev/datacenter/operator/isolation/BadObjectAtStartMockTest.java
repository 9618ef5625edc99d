package dev.datacenter.operator.isolation;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An object that cannot be read, already stored when the operator starts: the informers sync anyway,
 * readiness and liveness answer 200, the good app beside it is reconciled and the bad one reported.
 */
@QuarkusTest
@TestProfile(BadObjectAtStartMockTest.OwnServer.class)
@WithKubernetesTestServer(crud = true, setup = BadAppAtStart.class)
class BadObjectAtStartMockTest {

    /** A profile of its own: a fresh application and API server, the bad app stored before it starts. */
    public static class OwnServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0");
        }
    }

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @TestHTTPResource("/q/health/live")
    URL live;

    @Test
    void healthIsUpTheGoodAppIsReconciledAndTheBadOneReported() {
        await(
                "the bad app is reported InvalidSpec",
                () -> RawObjects.ready(RawObjects.get(client, "DataCenterApp", "at-start", "huge"))
                        .map(c -> ConditionReasons.INVALID_SPEC.equals(c.get("reason"))
                                && String.valueOf(c.get("message")).contains("spec.instances"))
                        .orElse(false));
        await("the good app has a status", () -> {
            DataCenterApp good = client.resources(DataCenterApp.class)
                    .inNamespace("at-start")
                    .withName("good")
                    .get();
            return good.getStatus() != null && good.getStatus().getConditions() != null;
        });
        await("readiness UP", () -> Health.get(ready).statusCode() == 200);

        assertThat(Health.get(live).statusCode()).isEqualTo(200);
        assertThat(Health.get(ready).body()).contains("\"informersSynced\": true");
    }
}

package dev.datacenter.operator.runtime;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.status.Conditions;
import dev.datacenter.operator.testsupport.RegisterCrds;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a kubelet and Prometheus read from the operator: health probes and metrics. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = RegisterCrds.class)
class OperatorHealthMockTest {

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @TestHTTPResource("/q/health/live")
    URL live;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Inject
    KubernetesClient client;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readyOnceInformersSyncedAndThisProcessLeads() {
        await("readiness UP", () -> get(ready).statusCode() == 200);

        String body = get(ready).body();
        assertThat(body)
                .contains("\"status\": \"UP\"", "datacenter-operator", "\"informersSynced\": true", "\"leader\": true");
    }

    @Test
    void liveWhileTheWorkQueueRuns() {
        await("liveness UP", () -> get(live).statusCode() == 200);

        assertThat(get(live).body()).contains("\"workQueueAlive\": true").doesNotContain("informers");
    }

    @Test
    void metricsCountReconcilesAndShowLeadershipAndQueueDepth() {
        client.resource(TestObjects.app("metrics", "counted", spec -> {})).create();
        await("the app was reconciled", () -> {
            DataCenterApp app = client.resources(DataCenterApp.class)
                    .inNamespace("metrics")
                    .withName("counted")
                    .get();
            return app.getStatus() != null
                    && Conditions.find(app.getStatus().getConditions(), ConditionReasons.READY)
                            .isPresent();
        });

        // the reconcile is counted when it returns, after it wrote the status: wait for the count too
        Pattern counted =
                Pattern.compile("datacenter_reconciles_total\\{kind=\"DataCenterApp\",result=\"success\"} [1-9]");
        await(
                "the reconcile was counted",
                () -> counted.matcher(get(metrics).body()).find());
        String text = get(metrics).body();
        assertThat(text).contains("datacenter_reconcile_duration_seconds_count{kind=\"DataCenterApp\"}");
        assertThat(text).containsPattern("(?m)^datacenter_leader 1\\.0$");
        assertThat(text).contains("datacenter_workqueue_depth");
    }

    private HttpResponse<String> get(URL url) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url.toString())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

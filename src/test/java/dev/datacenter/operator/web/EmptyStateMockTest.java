package dev.datacenter.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datacenter.operator.testsupport.RegisterCrds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The app with no state source of its own boots on the fallback: a valid empty cluster, the history
 * sampled at the configured interval, and a dashboard that says there is nothing yet.
 */
@QuarkusTest
@TestProfile(EmptyStateProfile.class)
@WithKubernetesTestServer(crud = true, setup = RegisterCrds.class)
class EmptyStateMockTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @Test
    void theFallbackIsAValidEmptyCluster() throws Exception {
        JsonNode state = get("api/v1/state");
        assertThat(state.get("cluster").get("nodes").asInt()).isZero();
        assertThat(state.get("cluster").get("capacity").get("cpus").asDouble()).isZero();
        assertThat(state.get("nodes")).isEmpty();
        assertThat(state.get("apps")).isEmpty();
        assertThat(state.get("pools")).hasSize(1);
        assertThat(state.get("pools").get(0).get("name").asText()).isEqualTo("default");
        assertThat(state.get("pools").get(0).get("implied").asBoolean()).isTrue();
        assertThat(state.get("pools").get(0).get("guarantee").isNull()).isTrue();

        JsonNode offers = get("api/v1/offers");
        assertThat(offers.get("cycle").asLong()).isZero();
        assertThat(offers.get("startedAt").isNull()).isTrue();
        assertThat(offers.get("declined")).isEmpty();
    }

    @Test
    void historyIsSampledAtTheConfiguredInterval() throws Exception {
        JsonNode history = get("api/v1/history");
        assertThat(history.get("intervalSeconds").asDouble()).isEqualTo(1.0);
        assertThat(history.get("capacity").asInt()).isEqualTo(3600);
        int before = history.get("points").size();
        assertThat(before).isGreaterThanOrEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (get("api/v1/history").get("points").size() <= before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(get("api/v1/history").get("points").size()).isGreaterThan(before);
    }

    @Test
    void theDashboardSaysThereIsNothingYet() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.startOrSkip(1280, 900)) {
            var browser = chromium.browser;
            browser.get(root.toString());
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
            assertThat(text(browser, "cpu-allocation-percent")).isEqualTo("–");
            assertThat(text(browser, "cpu-allocation-detail")).isEqualTo("0 of 0 cores");
            assertThat(text(browser, "gpu-allocation-detail")).isEqualTo("No GPUs in the cluster");
            assertThat(text(browser, "node-grid")).isEqualTo("No nodes.");
            assertThat(text(browser, "services-health")).isEqualTo("No services yet.");
            assertThat(text(browser, "waiting-apps")).isEqualTo("No app is waiting for offers.");
            assertThat(text(browser, "offer-cycle")).isEqualTo("No allocation cycle yet");
            assertThat(browser.findElements(By.cssSelector("[data-testid=pool-row]")))
                    .hasSize(1);
            chromium.screenshot(java.nio.file.Path.of("target", "dashboard-empty.png"), 1280);
            assertThat(chromium.consoleErrors()).isEmpty();
        }
    }

    private static String text(org.openqa.selenium.WebDriver browser, String testId) {
        return browser.findElement(By.cssSelector("[data-testid='" + testId + "']"))
                .getText();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

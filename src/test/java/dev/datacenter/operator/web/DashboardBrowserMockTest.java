package dev.datacenter.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.testsupport.RegisterCrds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver), against the app with
 * the fake cluster and an hour of history: asserts what a person sees, and writes target/dashboard.png.
 * Skipped, visibly, where Chromium or chromedriver is not installed.
 */
@QuarkusTest
@TestProfile(FakeStateProfile.class)
@WithKubernetesTestServer(crud = true, setup = RegisterCrds.class)
class DashboardBrowserMockTest {

    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    /** When the 17 task failures of the fake hour happened, in samples (10 s) before now. */
    static final Set<Integer> FAILURES_AT =
            Set.of(300, 299, 250, 180, 179, 178, 120, 60, 48, 47, 30, 20, 12, 11, 5, 3, 2);

    @TestHTTPResource("/")
    URL root;

    @Inject
    HistorySampler sampler;

    @Test
    void showsTheClusterAsAPersonSeesIt() throws IOException {
        // started here, not in @BeforeAll, so that a missing browser shows as a skipped test
        try (HeadlessChromium chromium = HeadlessChromium.startOrSkip(1440, 1460)) {
            showsTheClusterAsAPersonSeesIt(chromium.browser);
            chromium.screenshot(SCREENSHOT, 1440);
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
            assertThat(chromium.consoleErrors()).isEmpty();
        }
    }

    private void showsTheClusterAsAPersonSeesIt(ChromeDriver browser) throws IOException {
        Instant now = Instant.now();
        layDownAnHourOfHistory(now);
        StateView state = FakeCluster.state(now);

        browser.get(root.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        wait.until(d -> {
            String points = d.findElement(By.tagName("body")).getDomAttribute("data-history-points");
            return points != null && Integer.parseInt(points) >= 300;
        });

        // the heading and the CPU figure, computed from the fake cluster
        assertThat(browser.getTitle()).contains("Datacenter");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        ClusterView cluster = state.cluster();
        long cpuPercent =
                Math.round(cluster.allocated().cpus() / cluster.capacity().cpus() * 100);
        assertThat(cpuPercent).isBetween(1L, 99L);
        assertThat(testId(browser, "cpu-allocation-percent").getText()).isEqualTo(cpuPercent + " %");
        assertThat(testId(browser, "cpu-allocation-detail").getText())
                .isEqualTo(cores(cluster.allocated().cpus()) + " of "
                        + cores(cluster.capacity().cpus()) + " cores");
        long memPercent = Math.round(
                (double) cluster.allocated().mem() / cluster.capacity().mem() * 100);
        assertThat(testId(browser, "mem-allocation-percent").getText()).isEqualTo(memPercent + " %");
        assertThat(testId(browser, "mem-allocation-detail").getText()).endsWith(" of 448 GiB");
        assertThat(testId(browser, "gpu-allocation-detail").getText())
                .isEqualTo(
                        cluster.allocated().gpus() + " of " + cluster.capacity().gpus() + " GPUs");

        // tasks and the failure rate: 6 failures in the last 5 minutes
        assertThat(testId(browser, "tasks-running").getText())
                .isEqualTo(String.valueOf(cluster.tasks().running()));
        assertThat(testId(browser, "tasks-staged").getText())
                .isEqualTo(String.valueOf(cluster.tasks().staged()));
        assertThat(testId(browser, "failure-rate").getText()).isEqualTo("1.2 /min");

        // services health: every app, the most unhealthy first
        List<WebElement> services = browser.findElements(By.cssSelector("[data-testid=service-row]"));
        assertThat(services)
                .extracting(e -> e.getDomAttribute("data-app"))
                .containsExactly(
                        "billing", "cassandra", "spark-batch", "trainer", "jokes", "memcached", "nightly-report");
        assertThat(services.get(0).getText()).contains("billing").contains("Failed");
        assertThat(row(services, "jokes").getText()).contains("3 / 3").contains("Running");
        assertThat(row(services, "cassandra").getText()).contains("Recovering").contains("cassandra-2 on n03");

        // why spark-batch waits
        WebElement waiting = testId(browser, "waiting-apps");
        assertThat(waiting.getText())
                .contains("spark-batch")
                .contains("4 instances waiting")
                .contains("InsufficientCpus on 5 nodes")
                .contains("UnfulfilledRole on 6 nodes");

        // one cell per node, the cordoned one marked, a tooltip with the node's figures
        List<WebElement> cells =
                browser.findElements(By.cssSelector("[data-testid=node-grid] [data-testid=node-cell]"));
        assertThat(cells).hasSize(state.nodes().size());
        assertThat(cells)
                .extracting(e -> e.getDomAttribute("data-node"))
                .containsExactly("g1", "g2", "n01", "n02", "n03", "n04", "n05", "n06", "n07", "n08", "n09", "n10");
        assertThat(cells.get(cells.size() - 1).getDomAttribute("class")).contains("cordoned");
        NodeView g1 = state.nodes().stream()
                .filter(n -> n.name().equals("g1"))
                .findFirst()
                .orElseThrow();
        new Actions(browser).moveToElement(cells.get(0)).perform();
        WebElement tooltip = browser.findElement(By.id("node-tooltip"));
        wait.until(d -> tooltip.isDisplayed());
        assertThat(tooltip.getText())
                .contains("g1")
                .contains("CPU " + cores(g1.allocated().cpus()) + " of 16 cores")
                .contains("GPU " + g1.allocated().gpus() + " of 4");

        // the pool table
        assertThat(browser.findElements(By.cssSelector("[data-testid=pool-row]")))
                .extracting(e -> e.getDomAttribute("data-pool"))
                .containsExactly("analytics", "default", "gpu", "web");
        // the operator's own health checks
        wait.until(
                d -> !d.findElements(By.cssSelector("[data-testid=component]")).isEmpty());
        assertThat(testId(browser, "component-health").getText())
                .startsWith("Operator")
                .contains("Healthy");

        assertThat(testId(browser, "offer-cycle").getText()).contains("#4211");
        assertThat(testId(browser, "cycle-figures").getText()).contains("14 offers, 2 accepted, 12 declined");
        assertThat(browser.findElements(By.cssSelector("[data-testid=placement]")))
                .extracting(WebElement::getText)
                .containsExactly("trainer-1 → g2 gpu", "cassandra-2 → n03 default");
        assertThat(browser.findElements(By.cssSelector("[data-testid=preemption]")))
                .extracting(WebElement::getText)
                .containsExactly("spark-batch-7 analytics ⇢ jokes-2 on n05 web");
        assertThat(browser.findElements(By.cssSelector("[data-testid=pool-preemptions]")))
                .extracting(WebElement::getText)
                .containsOnly("0");

        new Actions(browser)
                .moveToElement(browser.findElement(By.tagName("h1")))
                .perform();
    }

    private void layDownAnHourOfHistory(Instant now) {
        sampler.clear();
        long failures = 0;
        for (int k = 359; k >= 0; k--) {
            if (FAILURES_AT.contains(k)) {
                failures++;
            }
            int sparkRunning = (int) Math.round(6 + 2 * Math.sin(k / 25.0)) - (k > 250 ? 3 : 0);
            int trainerRunning = k > 200 ? 0 : 1;
            Instant at = now.minusSeconds(10L * k);
            sampler.record(at, FakeCluster.state(at, sparkRunning, trainerRunning, failures));
        }
    }

    private static WebElement testId(ChromeDriver browser, String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static WebElement row(List<WebElement> rows, String app) {
        return rows.stream()
                .filter(r -> app.equals(r.getDomAttribute("data-app")))
                .findFirst()
                .orElseThrow();
    }

    /** Cores as the dashboard prints them: whole numbers bare, others with one decimal. */
    static String cores(double cpus) {
        double rounded = Math.round(cpus * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }
}

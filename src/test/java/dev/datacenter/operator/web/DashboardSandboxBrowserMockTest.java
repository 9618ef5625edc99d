package dev.datacenter.operator.web;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against the operator in sandbox mode with the catalog applied (the
 * sample nodes, the simulated kubelet, the real state source): once the jokes app is placed, a person sees
 * its name, the cluster's real CPU figures (computed here from the sandbox's nodes and pods) and why the
 * unplaceable app waits. Writes target/dashboard-sandbox.png. Skipped where Chromium is not installed.
 */
@QuarkusTest
@TestProfile(SandboxCatalogProfile.class)
class DashboardSandboxBrowserMockTest {

    static final Path SCREENSHOT = Path.of("target", "dashboard-sandbox.png");

    @TestHTTPResource("/")
    URL root;

    @Inject
    KubernetesClient client;

    @Test
    void showsTheSandboxAsAPersonSeesIt() throws IOException {
        await("jokes runs 3 ready instances", Duration.ofSeconds(90), () -> ready("jokes") == 3);
        await(
                "the catalog settled",
                Duration.ofSeconds(90),
                () -> ready("memcached") == 3 && ready("spark-executors") == 6 && ready("cassandra") == 3);
        try (HeadlessChromium chromium = HeadlessChromium.startOrSkip(1440, 1400)) {
            ChromeDriver browser = chromium.browser;
            browser.get(root.toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

            // the jokes app among the services, running 3 of 3
            wait.until(d -> !d.findElements(By.cssSelector("[data-testid=service-row][data-app=jokes]"))
                    .isEmpty());
            WebElement jokes = browser.findElement(By.cssSelector("[data-testid=service-row][data-app=jokes]"));
            wait.until(d -> jokes.getText().contains("3 / 3") && jokes.getText().contains("Running"));
            assertThat(jokes.getText()).contains("jokes");

            // the cluster's CPU: every pod's requests over the nodes' allocatable CPUs
            wait.until(d -> testId(browser, "cpu-allocation-detail").getText().equals(cpuDetail()));
            double[] cpu = cpu();
            assertThat(cpu[1])
                    .as("the sample nodes' allocatable CPUs")
                    .isCloseTo(152.7, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(testId(browser, "cpu-allocation-detail").getText()).endsWith(" of 152.7 cores");
            assertThat(testId(browser, "cpu-allocation-percent").getText())
                    .isEqualTo(Math.round(cpu[0] / cpu[1] * 100) + " %");
            // the GPU training Job's two workers hold a GPU each while they run (30 s), none once they finished
            wait.until(d -> testId(d, "gpu-allocation-detail").getText().equals(gpus() + " of 6 GPUs"));
            assertThat(testId(browser, "gpu-allocation-detail").getText()).matches("[0-2] of 6 GPUs");

            // why the giant waits: no node has 48 CPUs
            wait.until(d -> testId(d, "waiting-apps").getText().contains("giant"));
            WebElement waiting = browser.findElement(By.cssSelector("[data-testid=waiting-app][data-app=giant]"));
            assertThat(waiting.getText()).contains("1 instance waiting").contains("InsufficientCpus on 12 nodes");

            // a click on "Why?" opens the explanation: every requirement with its matching and declining nodes
            assertThat(testId(browser, "panel-explain").isDisplayed()).isFalse();
            browser.findElement(By.cssSelector("[data-testid=explain-button][data-app=giant]"))
                    .click();
            wait.until(d -> "true".equals(testId(d, "panel-explain").getDomAttribute("data-loaded")));
            WebElement explain = testId(browser, "panel-explain");
            assertThat(explain.isDisplayed()).isTrue();
            assertThat(testId(browser, "explain-title").getText()).isEqualToIgnoringCase("Why demo/giant waits");
            assertThat(testId(browser, "explain-summary").getText())
                    .contains("1 instance waiting in pool default")
                    .contains("12 nodes");
            WebElement cpus =
                    browser.findElement(By.cssSelector("[data-testid=explain-requirement][data-requirement=cpus]"));
            assertThat(cpus.getDomAttribute("data-declined")).isEqualTo("12");
            assertThat(cpus.getText()).contains("InsufficientCpus");
            assertThat(browser.findElement(By.cssSelector(
                                    "[data-testid=explain-requirement][data-requirement='pool default']"))
                            .getDomAttribute("data-declined"))
                    .isEqualTo("0");
            assertThat(browser.findElements(By.cssSelector("[data-testid=explain-node]")))
                    .hasSize(5)
                    .allSatisfy(n -> assertThat(n.getText()).contains("fails cpus"));

            // the catalog's groups, the parent summing its children
            wait.until(d -> !d.findElements(By.cssSelector("[data-testid=group-row][data-group='/demo']"))
                    .isEmpty());
            assertThat(browser.findElements(By.cssSelector("[data-testid=group-row]")))
                    .extracting(e -> e.getDomAttribute("data-group"))
                    .containsExactly("/demo", "/demo/analytics", "/demo/cache", "/demo/frontend");
            WebElement demo = browser.findElement(By.cssSelector("[data-testid=group-row][data-group='/demo']"));
            // jokes 3, memcached 3, spark 6 (the GPU trainer is a Job now: a framework, in no group)
            wait.until(d -> demo.getText().contains("12 / 12"));
            assertThat(browser.findElement(By.cssSelector("[data-testid=group-row][data-group='/demo/frontend']"))
                            .getDomAttribute("data-label"))
                    .isEqualTo("demo.frontend");

            // the sample nodes and the catalog's pools
            List<WebElement> cells =
                    browser.findElements(By.cssSelector("[data-testid=node-grid] [data-testid=node-cell]"));
            assertThat(cells).hasSize(12);
            assertThat(browser.findElements(By.cssSelector("[data-testid=pool-row]")))
                    .extracting(e -> e.getDomAttribute("data-pool"))
                    .containsExactly("batch", "default", "spark", "training");

            chromium.screenshot(SCREENSHOT, 1440);
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
            assertThat(chromium.consoleErrors()).isEmpty();
        }
    }

    private int ready(String app) {
        DataCenterApp a = client.resources(DataCenterApp.class)
                .inNamespace("demo")
                .withName(app)
                .get();
        return a == null
                        || a.getStatus() == null
                        || a.getStatus().getInstances() == null
                        || a.getStatus().getInstances().getReady() == null
                ? -1
                : a.getStatus().getInstances().getReady();
    }

    /** {allocated, capacity} in cores, from the sandbox's objects. */
    private double[] cpu() {
        double capacity = 0;
        for (Node n : client.nodes().list().getItems()) {
            capacity += cores(n.getStatus().getAllocatable().get("cpu"));
        }
        double allocated = 0;
        for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            for (Container c : p.getSpec().getContainers()) {
                if (c.getResources() != null && c.getResources().getRequests() != null) {
                    allocated += cores(c.getResources().getRequests().get("cpu"));
                }
            }
        }
        return new double[] {allocated, capacity};
    }

    /** GPUs requested by the pods that hold resources now, from the sandbox's objects. */
    private long gpus() {
        long gpus = 0;
        for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if ("Succeeded".equals(phase)
                    || "Failed".equals(phase)
                    || p.getSpec().getNodeName() == null) {
                continue;
            }
            for (Container c : p.getSpec().getContainers()) {
                if (c.getResources() != null && c.getResources().getRequests() != null) {
                    gpus += (long) cores(c.getResources().getRequests().get("nvidia.com/gpu"));
                }
            }
        }
        return gpus;
    }

    private String cpuDetail() {
        double[] cpu = cpu();
        return DashboardBrowserMockTest.cores(cpu[0]) + " of " + DashboardBrowserMockTest.cores(cpu[1]) + " cores";
    }

    private static double cores(Quantity q) {
        return q == null ? 0 : Quantity.getAmountInBytes(q).doubleValue();
    }

    private static WebElement testId(org.openqa.selenium.WebDriver browser, String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }
}

package dev.datacenter.operator.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium driven by its chromedriver, with a fresh profile. Selenium Manager never
 * runs: the driver and the browser are given explicitly. Tests are skipped, visibly, where either is
 * missing ({@code apt-get install -y chromium chromium-driver}).
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriverService service;
    private final Path profileDir;
    final ChromeDriver browser;

    private HeadlessChromium(int width, int height) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profileDir = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1",
                "--lang=en-US",
                "--user-data-dir=" + profileDir);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    /** Starts a browser, or skips the calling test where Chromium or chromedriver is not installed. */
    static HeadlessChromium startOrSkip(int width, int height) throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "no Chromium at " + CHROMIUM + ": apt-get install -y chromium chromium-driver");
        assumeTrue(
                Files.isExecutable(CHROMEDRIVER),
                "no chromedriver at " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
        return new HeadlessChromium(width, height);
    }

    /** What the page wrote to the console at level SEVERE (script errors, failed requests) since the last call. */
    List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Writes a screenshot of the whole page (the window grows to the page's height, at most 4000 px). */
    void screenshot(Path file, int width) throws IOException {
        browser.executeScript("window.scrollTo(0, 0)");
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(4000, height + 140)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        try {
            browser.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profileDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}

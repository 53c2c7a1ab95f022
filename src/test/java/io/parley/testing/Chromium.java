package io.parley.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for browser tests, driven by Playwright for Java. Uses the machine's Chromium (Debian's
 * /usr/bin/chromium, or PARLEY_CHROMIUM); Playwright never downloads a browser here. Under CI a missing Chromium fails
 * the test; elsewhere the test is skipped with a message saying so.
 */
public final class Chromium implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("PARLEY_CHROMIUM", "/usr/bin/chromium"));
    private static final List<String> ARGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts Chromium, or skips the calling test (outside CI) when it is not installed. */
    public static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            if (TestDatabases.ci()) {
                throw new IllegalStateException(
                        "Chromium is required under CI at " + EXECUTABLE + " (apt-get install -y chromium)");
            }
            Assumptions.abort("SKIPPED: no Chromium at " + EXECUTABLE
                    + " (apt-get install -y chromium); under CI it is mandatory");
        }
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setHeadless(true)
                        .setArgs(ARGS));
        return new Chromium(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    /** Where screenshots go: target/screenshots, kept as build artifacts. */
    public static Path screenshot(String name) {
        Path dir = Path.of("target", "screenshots");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir.resolve(name + ".png");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

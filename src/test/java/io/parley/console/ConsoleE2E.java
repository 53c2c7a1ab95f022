package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.parley.testing.Chromium;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The console in a real browser: htmx's live preview, and customers' text that must never run as markup. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsoleE2E {

    private static final String XSS = "<img src=x onerror=\"window.__xss=1\"> Is my order on its way?";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
    }

    @LocalServerPort
    int port;

    Chromium chromium;
    BrowserContext context;

    @BeforeEach
    void openBrowser() {
        chromium = Chromium.launch();
        context = chromium.browser()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1366, 1000));
    }

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anOwnerEditsTheProfileWithALivePreviewAndReadsCustomersHtmlAsText() {
        String base = "http://localhost:" + port;
        Page page = context.newPage();

        page.navigate(base + "/console/signup");
        page.getByLabel("Business name").fill("Bright Bikes");
        page.getByLabel("Work email").fill(ConsoleBrowser.uniqueEmail());
        page.getByLabel("Password").fill("a long enough password");
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Create organization"))
                .click();
        page.waitForURL(Pattern.compile(".*/console/profile\\?welcome$"));

        page.getByLabel("Description").fill("Bright Bikes sells and repairs city bikes and e-bikes in Utrecht.");
        page.getByLabel("Rules").fill("Repairs take 2 to 3 working days.\nNever promise a repair date.");
        page.getByLabel("Values").fill("Fix before replace\nHonest prices");
        Locator preview = page.locator("#preview .prompt");
        PlaywrightAssertions.assertThat(preview).containsText("Never promise a repair date.");
        PlaywrightAssertions.assertThat(preview).containsText("Honest prices");
        screenshotWholePage(page, "console-profile");

        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(Pattern.compile("Save as version 2")))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#saved-notice")).containsText("Saved as version 2");

        page.navigate(base + "/console/install");
        String siteKey = page.locator("#site-key").textContent();
        Customers customers = new Customers(java.net.URI.create(base));
        Customers.Chat chat = customers.start(siteKey);
        customers.send(chat, "Hi! How long does a repair take?");
        customers.send(chat, XSS);

        page.navigate(base + "/console/conversations");
        page.locator("a[href='/console/conversations/" + chat.conversationId() + "']")
                .click();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        Locator customerMessages = page.locator(".from-customer .bubble");
        PlaywrightAssertions.assertThat(customerMessages).hasCount(2);
        assertThat(customerMessages.nth(1).textContent()).isEqualTo(XSS);
        assertThat(page.locator(".transcript img").count()).isZero();
        assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
        PlaywrightAssertions.assertThat(page.locator(".from-assistant .source").first())
                .containsText("Prompt v2");
        screenshotWholePage(page, "console-transcript");

        page.setViewportSize(390, 844);
        page.navigate(base + "/console/conversations");
        screenshotWholePage(page, "console-conversations-phone");
    }

    @Test
    void anOwnerTriesTheAssistantTestsItsModelAndReadsItsCostsInAChart() {
        String base = "http://localhost:" + port;
        Page page = context.newPage();
        java.util.List<String> errors = new java.util.ArrayList<>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                errors.add(m.text());
            }
        });
        page.navigate(base + "/console/signup");
        page.getByLabel("Business name").fill("Bright Bikes");
        page.getByLabel("Work email").fill(ConsoleBrowser.uniqueEmail());
        page.getByLabel("Password").fill("a long enough password");
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Create organization"))
                .click();
        page.waitForURL(Pattern.compile(".*/console/profile\\?welcome$"));

        page.navigate(base + "/console/playground");
        page.getByLabel("Message").fill("Hello! Who are you?");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".from-assistant .bubble")).containsText("Bright Bikes");
        PlaywrightAssertions.assertThat(page.locator(".try-meta")).containsText("builtin");
        page.getByLabel("Message").fill("Can I bring my bike in on Saturday?");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".from-assistant .bubble")).hasCount(2);
        screenshotWholePage(page, "console-playground");

        page.navigate(base + "/console/model");
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Test connection"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#test-result")).containsText("It answers.");
        screenshotWholePage(page, "console-model");

        page.navigate(base + "/console/usage");
        PlaywrightAssertions.assertThat(page.locator(".chart-box.drawn")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("#total-calls")).hasText("2");
        screenshotWholePage(page, "console-usage");
        assertThat(errors).as("no script errors (CSP, chart)").isEmpty();
    }

    /** The viewport grown to the page's height, so sticky panels sit where a reader would see them. */
    private static void screenshotWholePage(Page page, String name) {
        var viewport = page.viewportSize();
        page.evaluate("() => window.scrollTo(0, 0)");
        int height = ((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue();
        page.setViewportSize(viewport.width, Math.min(Math.max(height, viewport.height), 2400));
        page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot(name)));
        page.setViewportSize(viewport.width, viewport.height);
    }
}

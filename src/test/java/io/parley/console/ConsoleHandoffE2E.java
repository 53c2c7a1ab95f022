package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.parley.testing.Chromium;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Handoff page in a real browser, driven by its labels as a screen reader user would find them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsoleHandoffE2E {

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
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 1000));
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
    void anOwnerSetsTheTriggersAndTheWeeklyHoursByTheirLabels() {
        String base = "http://localhost:" + port;
        Page page = context.newPage();
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(m -> {
            // The refused form comes back as a 422 page, which the browser reports; that one is expected.
            if (m.type().equals("error") && !m.text().contains("status of 422")) {
                errors.add(m.text());
            }
        });
        page.navigate(base + "/console/signup");
        page.getByLabel("Business name").fill("Bright Bikes");
        page.getByLabel("Work email").fill(ConsoleBrowser.uniqueEmail());
        page.getByLabel("Password").fill("a long enough password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization"))
                .click();
        page.waitForURL(Pattern.compile(".*/console/profile\\?welcome$"));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Handoff"))
                .click();
        page.getByLabel("Unhappy messages in a row").fill("4");
        page.getByLabel("Keywords").fill("refund*\nlawyer");
        page.getByLabel("German").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save triggers"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#saved-notice")).containsText("Handoff triggers saved.");
        PlaywrightAssertions.assertThat(page.getByLabel("German")).isChecked();

        page.getByLabel("The weekly hours below").check();
        page.getByLabel("Time zone").fill("Europe/Berlin");
        for (String day : List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")) {
            Locator row = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(day));
            row.getByLabel("Opens", new Locator.GetByLabelOptions().setExact(true))
                    .fill("09:00");
            row.getByLabel("Closes").first().fill("17:00");
        }
        for (String day : List.of("Saturday", "Sunday")) {
            page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(day))
                    .getByLabel("Closed")
                    .check();
        }
        page.getByLabel("Holidays").fill("2026-12-25");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save hours"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#saved-notice")).containsText("Business hours saved.");
        PlaywrightAssertions.assertThat(page.locator("#hours-status")).containsText(Pattern.compile("Open now|Closed"));
        screenshotWholePage(page, "console-handoff");

        Locator monday = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Monday"));
        monday.getByLabel("Closes").first().fill("08:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save hours"))
                .click();
        Locator mondayClose = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Monday"))
                .getByLabel("Closes")
                .first();
        PlaywrightAssertions.assertThat(mondayClose).hasAttribute("aria-invalid", "true");
        PlaywrightAssertions.assertThat(mondayClose)
                .hasAccessibleDescription(Pattern.compile("It closes at 08:00, which is not after it opens at 09:00"));
        page.locator("#hours-errors a").first().click();
        PlaywrightAssertions.assertThat(mondayClose).isFocused();
        screenshotWholePage(page, "console-handoff-error");

        page.setViewportSize(390, 844);
        page.navigate(base + "/console/handoff");
        screenshotWholePage(page, "console-handoff-phone");
        assertThat(errors).as("no script errors (CSP)").isEmpty();
    }

    /** The viewport grown to the page's height, so the whole page is in the picture. */
    private static void screenshotWholePage(Page page, String name) {
        var viewport = page.viewportSize();
        page.evaluate("() => window.scrollTo(0, 0)");
        int height = ((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue();
        page.setViewportSize(viewport.width, Math.min(Math.max(height, viewport.height), 3200));
        page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot(name)));
        page.setViewportSize(viewport.width, viewport.height);
    }
}

package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
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

/** An owner invites an agent in a real browser; the agent joins through the link and sees what their role allows. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TeamE2E {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
    }

    @LocalServerPort
    int port;

    Chromium chromium;
    final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeEach
    void openBrowser() {
        chromium = Chromium.launch();
    }

    @AfterEach
    void closeBrowser() {
        contexts.forEach(BrowserContext::close);
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anOwnerInvitesAnAgentWhoJoinsAndCannotChangeSettings() {
        String base = "http://localhost:" + port;
        List<String> errors = new ArrayList<>();
        Page owner = page(errors);
        owner.navigate(base + "/console/signup");
        owner.getByLabel("Business name").fill("Bright Bikes");
        owner.getByLabel("Your name").fill("Ada Lovelace");
        owner.getByLabel("Work email").fill(ConsoleBrowser.uniqueEmail());
        owner.getByLabel("Password").fill("a long enough password");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization"))
                .click();
        owner.waitForURL(Pattern.compile(".*/console/profile\\?welcome$"));

        owner.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Team"))
                .click();
        owner.getByLabel("Email").fill("grace@example.com");
        owner.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("AGENT");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite"))
                .click();
        PlaywrightAssertions.assertThat(owner.locator(".invited")).containsText("Invitation ready.");
        String link = owner.locator("#invitation-link").textContent().strip();
        screenshot(owner, "team-invited");

        Page agent = page(errors);
        agent.navigate(link);
        PlaywrightAssertions.assertThat(agent.locator("h1")).hasText("Join Bright Bikes");
        screenshot(agent, "team-invitation");
        agent.getByLabel("Your name").fill("Grace Hopper");
        agent.getByLabel("Password").fill("another long password");
        agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join the team"))
                .click();
        agent.waitForURL(Pattern.compile(".*/console$"));
        PlaywrightAssertions.assertThat(agent.locator(".org-role")).containsText("Agent");
        assertThat(agent.locator("nav a[href='/console/playground']").count()).isZero();

        agent.navigate(base + "/console/profile");
        PlaywrightAssertions.assertThat(agent.getByRole(AriaRole.NOTE)
                        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Read only.")))
                .isVisible();
        agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Save as version")))
                .click();
        PlaywrightAssertions.assertThat(agent.locator("h1")).hasText("Not allowed");
        screenshot(agent, "team-agent-refused");

        owner.navigate(base + "/console/team");
        PlaywrightAssertions.assertThat(owner.locator("table").first()).containsText("Grace Hopper");
        screenshot(owner, "team-members");
        assertThat(errors).as("no script errors").isEmpty();
    }

    private Page page(List<String> errors) {
        BrowserContext context =
                chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(errors::add);
        return page;
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(
                new Page.ScreenshotOptions().setPath(Chromium.screenshot(name)).setFullPage(true));
    }
}

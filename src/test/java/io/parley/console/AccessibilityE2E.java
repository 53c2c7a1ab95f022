package io.parley.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import io.parley.testing.Axe;
import io.parley.testing.Chromium;
import io.parley.testing.ParleyApi;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every console page an owner can reach, and the demo page with the chat widget open, checked with axe-core against
 * WCAG 2.1 A and AA: no serious or critical violation. A new console page is one line in {@link #SIGNED_IN}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityE2E {

    /** A page of the console, and what to do on it before it is checked (fill a form, wait for a chart…). */
    record Screen(String name, String path, Consumer<Page> prepare) {
        Screen(String name, String path) {
            this(name, path, page -> {});
        }
    }

    /** Pages for someone signed out. */
    private static final List<Screen> SIGNED_OUT = List.of(
            new Screen("sign in", "/console/login"),
            new Screen("sign in, wrong password", "/console/login", page -> {
                page.getByLabel("Email").fill("nobody@example.com");
                page.getByLabel("Password").fill("not the password at all");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                        .click();
                assertThat(page.locator("#form-error")).isVisible();
            }),
            new Screen("sign up", "/console/signup"),
            new Screen("forgot password", "/console/password-reset"),
            new Screen("a reset link that does not work", "/console/password-reset/not-a-real-token"),
            new Screen("an invitation", "/console/invitations/{invitation}"),
            new Screen("an invitation that does not work", "/console/invitations/not-a-real-token"),
            new Screen("sign up, bad input", "/console/signup", page -> {
                page.getByLabel("Password").fill("short");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization"))
                        .click();
                assertThat(page.locator(".notice.error")).isVisible();
            }));

    /**
     * Pages for the organization's owner. Placeholders: {conversation} is a conversation with a customer's question, a
     * reply, and the owner, who took it over; {invitation} the token of an invitation to the team.
     */
    private static final List<Screen> SIGNED_IN = List.of(
            new Screen("overview", "/console"),
            new Screen("conversations", "/console/conversations"),
            new Screen("a conversation", "/console/conversations/{conversation}"),
            new Screen("profile", "/console/profile"),
            new Screen("profile, over a limit", "/console/profile", page -> {
                page.getByLabel("Business name").fill("");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Save as")))
                        .click();
                assertThat(page.locator("#form-errors")).isVisible();
            }),
            new Screen("model", "/console/model"),
            new Screen("usage", "/console/usage", page -> assertThat(page.locator(".chart-box.drawn"))
                    .hasCount(1)),
            new Screen("playground", "/console/playground"),
            new Screen("playground, after a reply", "/console/playground", page -> {
                page.getByLabel("Message").fill("Do you repair e-bikes?");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                        .click();
                assertThat(page.locator(".from-assistant .bubble")).hasCount(1);
            }),
            new Screen("install", "/console/install"),
            new Screen("team", "/console/team"),
            new Screen("handoff", "/console/handoff"),
            new Screen("inbox", "/console/inbox", page -> assertThat(page.locator("#connection"))
                    .hasText("Live")),
            new Screen("inbox, a conversation open", "/console/inbox", page -> {
                assertThat(page.locator("#connection")).hasText("Live");
                page.locator("#handled-list .queue-item").first().click();
                assertThat(page.locator("#timeline .from-customer")).hasCount(1);
            }),
            new Screen("a conversation that does not exist", "/console/conversations/no-such-conversation"),
            new Screen("knowledge", "/console/knowledge", page -> assertThat(page.locator("#documents tbody tr"))
                    .hasCount(2)),
            new Screen("knowledge, bad input", "/console/knowledge", page -> {
                page.getByLabel("Text", new Page.GetByLabelOptions().setExact(true))
                        .fill("Open every day from 9 to 6.");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add text"))
                        .click();
                assertThat(page.locator("#form-errors")).isVisible();
            }),
            new Screen("knowledge, confirming a deletion", "/console/knowledge", page -> {
                page.locator("#documents button.danger").first().click();
                assertThat(page.locator("#confirm-delete")).isVisible();
            }),
            new Screen("knowledge, empty search", "/console/knowledge/search"),
            new Screen(
                    "knowledge, search results",
                    "/console/knowledge/search?q=How+long+does+a+repair+take%3F",
                    page -> assertThat(page.locator(".result")).not().hasCount(0)),
            new Screen("knowledge, unanswered questions", "/console/knowledge/gaps"),
            new Screen("tools", "/console/tools", page -> assertThat(page.locator(".tool-list > li"))
                    .hasCount(16)),
            new Screen("tools, after trying one", "/console/tools", page -> {
                Locator lookup = page.locator("#tool-get_order_details");
                lookup.getByLabel("Arguments (JSON)").fill("{\"order_id\":\"#W0000000\"}");
                lookup.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Try it"))
                        .click();
                assertThat(page.locator("#tool-get_order_details [role=status]"))
                        .containsText("Order not found");
            }),
            new Screen("actions", "/console/actions"),
            new Screen("actions, a new one", "/console/actions/new"),
            new Screen("audit log", "/console/audit"));

    private static final String PASSWORD = "a long enough password";

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
        registry.add("parley.demo.enabled", () -> "true");
    }

    @LocalServerPort
    int port;

    private Chromium chromium;
    private BrowserContext owner;
    private String conversationId;
    private String invitationToken;

    @BeforeAll
    void signUpAnOwnerWithAConversation() {
        chromium = Chromium.launch();
        owner = chromium.browser().newContext(Axe.contextOptions());
        Page page = owner.newPage();
        page.navigate(base() + "/console/signup");
        page.getByLabel("Business name").fill("Bright Bikes");
        String email = ConsoleBrowser.uniqueEmail();
        page.getByLabel("Work email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization"))
                .click();
        page.waitForURL(Pattern.compile(".*/console/profile\\?welcome$"));

        page.navigate(base() + "/console/install");
        String siteKey = page.locator("#site-key").textContent().trim();
        Customers customers = new Customers(URI.create(base()));
        Customers.Chat chat = customers.start(siteKey);
        customers.send(chat, "Hi! How long does a repair take?");
        conversationId = chat.conversationId();

        var api = new ParleyApi(port);
        var login = api.call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        String accessToken = login.body().path("accessToken").asString();
        assertThat(api.call("POST", "/api/v1/admin/conversations/" + conversationId + "/claim", accessToken, null)
                        .status())
                .isEqualTo(200);
        var invited = api.call(
                "POST",
                "/api/v1/admin/invitations",
                accessToken,
                Map.of("email", ConsoleBrowser.uniqueEmail(), "role", "AGENT"));
        assertThat(invited.status()).isEqualTo(201);
        String link = invited.body().path("link").asString();
        invitationToken = link.substring(link.lastIndexOf('/') + 1);

        // The retail demo store, so that the Tools page lists its tools.
        assertThat(api.call("POST", "/api/v1/admin/organization/template", accessToken, Map.of("template", "retail"))
                        .status())
                .isEqualTo(200);

        // The knowledge base: a document that is read, one that fails (an image named .docx), a web source that fails.
        var repairs = api.call(
                "POST",
                "/api/v1/admin/knowledge/documents",
                accessToken,
                Map.of(
                        "title", "Repairs",
                        "content", "# Repairs\n\nA repair takes two to three working days. Bring the bike in any day.",
                        "url", "https://brightbikes.example/repairs"));
        assertThat(repairs.status()).isEqualTo(202);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(api.upload(
                                "/api/v1/admin/knowledge/documents",
                                accessToken,
                                "file",
                                "warranty.docx",
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                png)
                        .status())
                .isEqualTo(202);
        assertThat(api.call(
                                "POST",
                                "/api/v1/admin/knowledge/sources",
                                accessToken,
                                Map.of("type", "sitemap", "url", "http://127.0.0.1:9/sitemap.xml"))
                        .status())
                .isEqualTo(202);
        String repairsId = repairs.body().path("id").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/admin/knowledge/documents/" + repairsId, accessToken)
                        .body()
                        .path("status")
                        .asString()
                        .equals("ready"));
        page.close();
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> signedOutPagesHaveNoSeriousViolations() {
        return SIGNED_OUT.stream()
                .map(screen -> DynamicTest.dynamicTest(screen.name(), () -> {
                    try (BrowserContext visitor = chromium.browser().newContext(Axe.contextOptions())) {
                        check(visitor.newPage(), screen);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> ownerPagesHaveNoSeriousViolations() {
        return SIGNED_IN.stream()
                .map(screen -> DynamicTest.dynamicTest(screen.name(), () -> {
                    Page page = owner.newPage();
                    try {
                        check(page, screen);
                        // The offline engine answers in these tests, so every page says so, inside <main> where the
                        // skip
                        // link and a screen reader's "main" shortcut lead.
                        assertThat(page.locator("main .banner").first()).containsText("Offline engine");
                        assertThat(page.locator(".banner").count())
                                .as("notices outside <main>")
                                .isEqualTo(page.locator("main .banner").count());
                    } finally {
                        page.close();
                    }
                }));
    }

    @Test
    void theDemoPageWithTheChatOpenHasNoSeriousViolations() {
        try (BrowserContext visitor = chromium.browser().newContext(Axe.contextOptions())) {
            Page page = visitor.newPage();
            page.navigate(base() + "/");
            assertThat(page.locator("parley-chat .launcher")).isVisible();
            Axe.assertNoSeriousViolations(page, "the demo page, chat closed");

            page.locator("parley-chat .launcher").click();
            page.locator("parley-chat .composer textarea").fill("How long does shipping take?");
            page.locator("parley-chat .composer textarea").press("Enter");
            assertThat(page.locator("parley-chat [role=log] .msg.assistant:not(.streaming)"))
                    .hasCount(1);
            Axe.assertNoSeriousViolations(page, "the demo page, chat open with a reply");
            // One banner landmark: the shop's own header, not the widget's.
            assertThat(page.getByRole(AriaRole.BANNER)).hasCount(1);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("a11y-widget-open")));
        }
    }

    private void check(Page page, Screen screen) {
        page.navigate(base()
                + screen.path().replace("{conversation}", conversationId).replace("{invitation}", invitationToken));
        page.waitForLoadState(LoadState.NETWORKIDLE);
        screen.prepare().accept(page);
        page.screenshot(new Page.ScreenshotOptions()
                .setFullPage(true)
                .setPath(Chromium.screenshot("a11y-console-" + screen.name().replaceAll("[^a-z0-9]+", "-"))));
        Axe.assertNoSeriousViolations(page, screen.name());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

package io.parley.widget;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotAnimations;
import io.parley.conversation.ChatEngine;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationRating;
import io.parley.tenant.OrganizationId;
import io.parley.testing.Axe;
import io.parley.testing.Chromium;
import io.parley.testing.ParleyApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The widget when people take part, against the real server: a member of the team takes the conversation over, types,
 * answers and resolves it, and the customer sees who answers, rates a person's reply and the conversation; and, when
 * nobody from the team is online, the customer leaves an email address. The widget is on a business's own site, so
 * its REST calls cross origins as they do in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetPeopleE2E {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        DemoServer.configure(registry, WidgetPeopleE2E.class);
    }

    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    ChatEngine engine;

    @Autowired
    JdbcClient jdbc;

    private ParleyApi api;
    private ParleyApi.Organization business;
    private ShopSite shop;
    private BrowserContext context;
    private Page page;
    private ChatWidget widget;
    private final List<String> console = new ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void openTheBusinessesSite() {
        api = new ParleyApi(port);
        business = signUp("sam@" + UUID.randomUUID() + ".example.com");
        shop = ShopSite.embedding(port, business.siteKey());
        ParleyApi.Response allowed = api.call(
                "PUT",
                "/api/v1/admin/organization/origins",
                business.accessToken(),
                Map.of("origins", List.of(shop.origin())));
        assertThat(allowed.status()).isEqualTo(200);
        context = chromium.browser().newContext(Axe.contextOptions());
        page = context.newPage();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        widget = new ChatWidget(page);
        page.navigate(shop.url());
    }

    @AfterEach
    void close() {
        context.close();
        shop.close();
    }

    @Test
    void aPersonTakesOverAnswersAndResolvesAndTheCustomerRatesTheReplyAndTheConversation() {
        widget.open();
        widget.ask("How long does a repair take?");
        String conversationId = conversationId();
        assertThat(widget.state()).isEmpty();

        ParleyApi.Response claimed = admin("POST", "/claim", null);
        assertThat(claimed.status()).isEqualTo(200);
        String name = claimed.body().path("assignee").path("name").asString();
        assertThat(name).isNotBlank();

        assertThat(widget.state()).hasText(name + " from our team has joined the conversation.");
        assertThat(widget.state()).hasAttribute("role", "status");
        assertThat(widget.subtitle()).hasText(name + " · our team");

        try (AgentSocket inbox = AgentSocket.open(port, business.accessToken())) {
            inbox.send(Map.of("action", "open", "conversationId", conversationId));
            inbox.await(frame -> frame.path("type").asString("").equals("conversation"));

            inbox.send(Map.of("action", "typing", "conversationId", conversationId));
            assertThat(widget.typing()).isVisible();
            assertThat(widget.typing()).hasText(name + " is typing…");
            screenshot("widget-person-typing");

            // And the other way: the person sees the customer typing.
            widget.input().pressSequentially("Thanks");
            inbox.await(frame -> frame.path("type").asString("").equals("typing")
                    && frame.path("role").asString("").equals("customer")
                    && frame.path("conversationId").asString("").equals(conversationId));
            widget.input().fill("");
        }

        String answer = "Hi, this is " + name + ". Bring the bike in on Monday and it is ready on Wednesday.";
        assertThat(admin("POST", "/messages", Map.of("message", answer)).status())
                .isEqualTo(201);
        Locator personsReply = widget.agentMessages().first();
        assertThat(personsReply).containsText(answer);
        assertThat(personsReply.locator(".author")).containsText(name);
        assertThat(personsReply.locator(".sr")).hasText(name + " from our team: ");
        assertThat(widget.typing()).isHidden();
        Axe.assertNoSeriousViolations(page, "the widget with a person answering");
        screenshot("widget-person");

        String replyId = personsReply.getAttribute("data-id");
        Response rated = page.waitForResponse(
                r -> r.url().endsWith("/api/v1/messages/" + replyId + "/feedback"),
                () -> widget.helpful(personsReply).click());
        assertThat(rated.status()).isEqualTo(204);
        assertThat(widget.helpful(personsReply)).hasAttribute("aria-pressed", "true");
        assertThat(jdbc.sql("SELECT rating FROM message_feedback WHERE message_id = ?")
                        .param(replyId)
                        .query(String.class)
                        .single())
                .isEqualTo("up");

        assertThat(admin("POST", "/resolve", null).status()).isEqualTo(200);
        assertThat(widget.state())
                .hasText("This conversation is resolved. Write again any time if you need more help.");
        assertThat(widget.ratingForm()).isVisible();
        Axe.assertNoSeriousViolations(page, "the widget asking for a rating");

        // Sending without stars says what is missing; the stars are a radio group worked with the arrow keys.
        widget.ratingForm()
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send rating"))
                .click();
        assertThat(widget.ratingForm().getByRole(AriaRole.ALERT)).hasText("Choose from 1 to 5 stars.");
        Locator oneStar =
                widget.ratingForm().getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("1 star"));
        assertThat(oneStar).isFocused();
        // Focus moved inside the messages, which scrolled; the window itself did not (its header stays in view).
        assertThat(widget.window().evaluate("w => w.scrollTop")).isEqualTo(0);
        for (int i = 0; i < 3; i++) {
            page.keyboard().press("ArrowRight");
        }
        assertThat(widget.ratingForm().getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("4 stars")))
                .isChecked();
        assertThat(widget.ratingForm().locator(".stars label.on")).hasCount(4);
        assertThat(widget.ratingForm().getByRole(AriaRole.ALERT)).hasCount(0);
        widget.ratingForm().getByLabel("Anything to add? (optional)").fill("Quick and friendly.");
        screenshot("widget-rating");
        Response sent = page.waitForResponse(
                r -> r.url().endsWith("/api/v1/conversations/" + conversationId + "/rating"), () -> widget.ratingForm()
                        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send rating"))
                        .click());
        assertThat(sent.status()).isEqualTo(204);
        assertThat(widget.notes()).hasText(new String[] {"Thank you for your rating."});
        assertThat(widget.ratingForm()).isHidden();
        assertThat(widget.input()).isFocused();
        assertThat(engine.rating(new OrganizationId(business.id()), new ConversationId(conversationId)))
                .get()
                .extracting(ConversationRating::score, ConversationRating::comment)
                .containsExactly(4, "Quick and friendly.");
        screenshot("widget-rated");

        // Back later: still resolved, in words, and not asked again.
        page.reload();
        widget.open();
        assertThat(widget.state()).hasText("This conversation is resolved");
        assertThat(widget.agentMessages()).hasCount(1);
        assertThat(widget.helpful(widget.agentMessages().first())).hasAttribute("aria-pressed", "true");
        assertThat(widget.ratingForm()).isHidden();

        // Writing again simply goes on: the assistant answers, the conversation is no longer resolved.
        widget.ask("One more thing: do you sell bike locks?");
        assertThat(widget.state()).isEmpty();
        assertThat(widget.subtitle()).hasText("AI assistant · replies in seconds");
        assertThat(console).isEmpty();
    }

    @Test
    void askingForAPersonWhenNobodyIsOnlineLeavesAnEmailAddress() {
        widget.open();
        widget.send("Can I talk to a person please?");
        // The organization's own rules: asking for a person hands over; nobody has the inbox open, so the
        // customer is asked for an email address.
        assertThat(widget.state()).containsText("Nobody from our team is online right now.");
        assertThat(widget.subtitle()).hasText("Connecting you with our team");
        Locator form = widget.contactForm();
        assertThat(form).isVisible();
        Locator email = form.getByLabel("Leave your email and we’ll get back to you");
        Locator send = form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send"));
        Locator problem = form.getByRole(AriaRole.ALERT);

        send.click();
        assertThat(problem).hasText("Enter your email address.");
        assertThat(email).isFocused();
        assertThat(email).hasAttribute("aria-invalid", "true");

        // The server decides what an email address is, and says why it refused one.
        email.fill("not an email");
        Response refused = page.waitForResponse(r -> r.url().endsWith("/contact"), send::click);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(problem).containsText("email address");
        Axe.assertNoSeriousViolations(page, "the widget asking for an email, with a problem");
        screenshot("widget-contact-problem");

        email.fill("dana@example.com");
        Response saved = page.waitForResponse(r -> r.url().endsWith("/contact"), () -> email.press("Enter"));
        assertThat(saved.status()).isEqualTo(204);
        assertThat(widget.notes()).hasText(new String[] {"Thanks, we’ll email you at dana@example.com."});
        assertThat(form).isHidden();
        assertThat(engine.contact(new OrganizationId(business.id()), new ConversationId(conversationId())))
                .contains("dana@example.com");
        screenshot("widget-contact-left");

        // Reconnecting says the same in words, and does not ask for the address again.
        page.reload();
        widget.open();
        assertThat(widget.state()).hasText("Connecting you with our team…");
        assertThat(widget.contactForm()).isHidden();
    }

    /** An organization whose owner has this email (the team shows a member by the part before the @, for now). */
    private ParleyApi.Organization signUp(String email) {
        ParleyApi.Response r = api.call(
                "POST",
                "/api/v1/auth/signup",
                null,
                Map.of("email", email, "password", "correct horse battery staple", "organizationName", "Bright Bikes"));
        assertThat(r.status()).isEqualTo(201);
        return new ParleyApi.Organization(
                r.body().path("accessToken").asString(),
                r.body().path("organization").path("id").asString(),
                r.body().path("organization").path("siteKey").asString(),
                email);
    }

    private String conversationId() {
        Object stored = page.evaluate(
                "key => JSON.parse(localStorage.getItem(key)).conversationId", "parley:" + business.siteKey());
        assertThat(stored).isInstanceOf(String.class);
        return (String) stored;
    }

    private ParleyApi.Response admin(String method, String action, Object body) {
        return api.call(
                method, "/api/v1/admin/conversations/" + conversationId() + action, business.accessToken(), body);
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setAnimations(ScreenshotAnimations.DISABLED)
                .setPath(Chromium.screenshot(name)));
    }
}

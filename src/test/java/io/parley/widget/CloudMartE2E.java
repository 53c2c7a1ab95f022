package io.parley.widget;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotAnimations;
import io.parley.testing.Axe;
import io.parley.testing.Chromium;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The CloudMart flow end to end, in a real browser against the real server, the model a scripted stand-in speaking
 * OpenAI's wire protocol: a customer of the retail demo store asks to cancel an order, the model looks it up and asks
 * to cancel it, the widget shows what will happen, the customer confirms, the order is cancelled and the reply says
 * so; then the customer asks for a person and the store's transfer tool hands the conversation to the inbox. The
 * business sees every tool call beside the conversation in the console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CloudMartE2E {

    private static final ScriptedOpenAiServer MODEL = ScriptedOpenAiServer.start();
    private static final String EMAIL = "sofia.rossi2645@example.com";
    private static final String ORDER = "#W5918442";
    private static final String PASSWORD = "correct horse battery staple";

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        DemoServer.configure(registry, CloudMartE2E.class);
        MODEL.springProperties("scripted").forEach((key, value) -> registry.add(key, () -> value));
    }

    private static Chromium chromium;

    @LocalServerPort
    int port;

    private ParleyApi api;
    private ParleyApi.Organization business;
    private String email;
    private ShopSite shop;
    private BrowserContext context;
    private Page page;
    private ChatWidget widget;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        MODEL.close();
    }

    @BeforeEach
    void openTheStore() {
        api = new ParleyApi(port);
        email = "ops@" + UUID.randomUUID() + ".example.com";
        ParleyApi.Response signedUp = api.call(
                "POST",
                "/api/v1/auth/signup",
                null,
                Map.of("email", email, "password", PASSWORD, "organizationName", "CloudMart"));
        assertThat(signedUp.status()).isEqualTo(201);
        business = new ParleyApi.Organization(
                signedUp.body().path("accessToken").asString(),
                signedUp.body().path("organization").path("id").asString(),
                signedUp.body().path("organization").path("siteKey").asString(),
                email);
        ParleyApi.Response template = api.call(
                "POST", "/api/v1/admin/organization/template", business.accessToken(), Map.of("template", "retail"));
        assertThat(template.status()).isEqualTo(200);
        shop = ShopSite.embedding(port, business.siteKey());
        assertThat(api.call(
                                "PUT",
                                "/api/v1/admin/organization/origins",
                                business.accessToken(),
                                Map.of("origins", List.of(shop.origin())))
                        .status())
                .isEqualTo(200);
        context = chromium.browser().newContext(Axe.contextOptions());
        page = context.newPage();
        widget = new ChatWidget(page);
        page.navigate(shop.url());
    }

    @AfterEach
    void close() {
        context.close();
        shop.close();
    }

    @Test
    void aCustomerCancelsAnOrderAfterConfirmingItAndIsHandedToAPerson() {
        MODEL.script(
                OpenAiScript.toolCall("call_1", "find_user_id_by_email", "{\"email\":\"" + EMAIL + "\"}"),
                OpenAiScript.toolCall("call_2", "get_order_details", "{\"order_id\":\"" + ORDER + "\"}"),
                OpenAiScript.toolCall(
                        "call_3",
                        "cancel_pending_order",
                        "{\"order_id\":\"" + ORDER + "\",\"reason\":\"no longer needed\"}"));
        widget.open();
        widget.ask("Hi, I'm " + EMAIL + ". Please cancel order " + ORDER + ", I no longer need it.");

        Locator card = page.locator("parley-chat .card.confirm");
        assertThat(card).isVisible();
        assertThat(card).hasAttribute("role", "group");
        assertThat(card.locator(".summary")).containsText(ORDER);
        Locator confirm = card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Confirm"));
        // Inside the live log (announced to screen readers); focus stays where the customer is typing.
        assertThat(page.locator("parley-chat [role=log] .card.confirm")).hasCount(1);
        assertThat(order().path("status").asString())
                .as("nothing changes before yes")
                .isEqualTo("pending");
        Axe.assertNoSeriousViolations(page, "the widget asking to confirm a change");
        screenshot("cloudmart-confirmation");

        MODEL.script(OpenAiScript.reply("Done: order " + ORDER + " is cancelled and the refund is on its way."));
        confirm.focus();
        confirm.press("Enter"); // the keyboard works it as well as a click

        assertThat(widget.finishedReplies().last()).containsText("is cancelled");
        assertThat(card).containsText("Confirmed.");
        JsonNode cancelled = order();
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("cancel_reason").asString()).isEqualTo("no longer needed");
        screenshot("cloudmart-cancelled");

        MODEL.script(OpenAiScript.toolCall(
                "call_4",
                "transfer_to_human_agents",
                "{\"summary\":\"The customer wants to change the email address of their account.\"}"));
        // No tool can do this, so the policy says to transfer: the model decides, the store's tool hands over.
        widget.send("Thanks. I also need to change the email address on my account.");
        assertThat(widget.state()).isVisible();
        JsonNode conversation = api.get("/api/v1/admin/conversations/" + conversationId(), business.accessToken())
                .body();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.get(
                        "/api/v1/admin/conversations/" + conversationId(), business.accessToken())
                .body()
                .path("status")
                .asString()
                .equals("waiting_for_agent"));
        assertThat(conversation.path("id").asString()).isEqualTo(conversationId());
        screenshot("cloudmart-handoff");

        JsonNode calls = api.get(
                        "/api/v1/admin/conversations/" + conversationId() + "/tool-calls", business.accessToken())
                .body()
                .path("items");
        assertThat(calls)
                .extracting(c -> c.path("tool").asString())
                .containsExactly(
                        "find_user_id_by_email",
                        "get_order_details",
                        "cancel_pending_order",
                        "transfer_to_human_agents");
        assertThat(calls.get(2).path("decision").asString()).isEqualTo("yes");
        assertThat(calls.get(2).path("customer").asString()).isEqualTo("sofia_rossi_8776");

        Page console = context.newPage();
        console.navigate("http://localhost:" + port + "/console/login");
        console.getByLabel("Email").fill(email);
        console.getByLabel("Password").fill(PASSWORD);
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        console.waitForURL(Pattern.compile(".*/console.*"));
        console.navigate("http://localhost:" + port + "/console/conversations/" + conversationId());
        Locator toolCalls = console.locator(".tool-call");
        assertThat(toolCalls).hasCount(4);
        assertThat(toolCalls.nth(2)).containsText("Customer confirmed");
        console.locator("#tools-title").scrollIntoViewIfNeeded();
        console.screenshot(new Page.ScreenshotOptions()
                .setFullPage(true)
                .setAnimations(ScreenshotAnimations.DISABLED)
                .setPath(Chromium.screenshot("cloudmart-console-tool-calls")));
    }

    private JsonNode order() {
        ParleyApi.Response r = api.get("/api/v1/store/orders/" + ORDER.replace("#", "%23"), business.accessToken());
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private String conversationId() {
        Object stored = page.evaluate(
                "key => JSON.parse(localStorage.getItem(key)).conversationId", "parley:" + business.siteKey());
        assertThat(stored).isInstanceOf(String.class);
        return (String) stored;
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setAnimations(ScreenshotAnimations.DISABLED)
                .setPath(Chromium.screenshot(name)));
    }
}

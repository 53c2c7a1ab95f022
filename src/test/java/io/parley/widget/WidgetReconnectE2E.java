package io.parley.widget;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.ScreenshotAnimations;
import io.parley.testing.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The widget when the connection fails: it reconnects, catches up, resends what was not acknowledged with the same
 * clientMessageId, and starts afresh when the server no longer accepts what it stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetReconnectE2E {

    private static final String STORAGE_KEY = "parley:demo-trailhead";
    /** Backoff is at most 15 s; a few attempts fit well inside this. */
    private static final LocatorAssertions.HasCountOptions AFTER_RECONNECT =
            new LocatorAssertions.HasCountOptions().setTimeout(30_000);

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        DemoServer.configure(registry, WidgetReconnectE2E.class);
    }

    private static Chromium chromium;

    @LocalServerPort
    int port;

    private BrowserContext context;
    private Page page;
    private ChatWidget widget;

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
    void openPage() {
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        page = context.newPage();
        widget = new ChatWidget(page);
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void sendsAMessageWrittenDuringAnOutageOnceItIsBack() {
        ChatRelay relay = ChatRelay.install(page);
        page.navigate(DemoServer.home(port));
        widget.open();
        widget.ask("How long does shipping take?");

        relay.refuse(true);
        relay.cut();
        assertThat(widget.status()).hasText("Reconnecting…");
        widget.send("Do you ship to Canada?");
        assertThat(widget.pending()).containsText("Sending…");
        page.screenshot(new Page.ScreenshotOptions()
                .setAnimations(ScreenshotAnimations.DISABLED)
                .setPath(Chromium.screenshot("widget-reconnecting")));
        page.waitForCondition(() -> relay.refused() >= 1);

        relay.refuse(false);
        assertThat(widget.finishedReplies()).hasCount(2, AFTER_RECONNECT);
        assertThat(widget.finishedReplies().last()).containsText("Canada");
        assertThat(widget.pending()).hasCount(0);
        assertThat(widget.status()).isHidden();
        assertThat(widget.customerMessages())
                .hasText(new String[] {"How long does shipping take?", "Do you ship to Canada?"});
        assertThat(widget.messages()).hasCount(4);
        assertThat(storedMessages()).hasSize(4);
    }

    @Test
    void showsAMessageOnceWhenItsAcknowledgementWasLost() {
        ChatRelay relay = ChatRelay.install(page);
        page.navigate(DemoServer.home(port));
        widget.open();
        widget.ask("How long does shipping take?");
        int connections = relay.connections();

        relay.cutAfterNextAck();
        widget.send("What is your return policy?");

        // Stored, but the widget never heard: it resends on the next connection and the server acknowledges the
        // first copy instead of storing a second one.
        assertThat(widget.finishedReplies()).hasCount(2, AFTER_RECONNECT);
        assertThat(widget.pending()).hasCount(0);
        assertThat(relay.connections()).isGreaterThan(connections);
        assertThat(widget.customerMessages())
                .hasText(new String[] {"How long does shipping take?", "What is your return policy?"});
        assertThat(widget.messages()).hasCount(4);
        assertThat(widget.messages().evaluateAll("all => all.map(m => m.dataset.seq).join(',')"))
                .isEqualTo("1,2,3,4");
        assertThat(storedMessages()).hasSize(4);
    }

    @Test
    void sendsAgainWhenTheServerCouldNotConfirmAMessageYet() {
        ChatRelay relay = ChatRelay.install(page);
        page.navigate(DemoServer.home(port));
        widget.open();

        relay.unavailableInsteadOfNextAck();
        widget.send("How long does shipping take?");

        assertThat(widget.pending()).containsText("Not delivered — retrying");
        // Sent again after the second the server asked for; the server confirms the copy it already has.
        assertThat(widget.pending()).hasCount(0);
        assertThat(widget.finishedReplies()).hasCount(1);
        assertThat(widget.customerMessages()).hasCount(1);
        assertThat(relay.connections()).isEqualTo(1);
        assertThat(storedMessages()).hasSize(2);
    }

    @Test
    void startsAFreshConversationWhenTheStoredTokenIsRefused() {
        page.navigate(DemoServer.home(port));
        page.evaluate(
                "([key, value]) => localStorage.setItem(key, value)",
                List.of(STORAGE_KEY, "{\"visitorToken\":\"expired\",\"conversationId\":\"gone\"}"));
        int[] sockets = {0};
        page.onWebSocket(socket -> sockets[0]++);

        page.reload();
        // Refused: the stored session is forgotten, and a new one is started only when the customer opens the chat.
        page.waitForCondition(() -> stored().isEmpty());
        assertThat(sockets[0]).isEqualTo(1);

        widget.open();
        widget.ask("How long does shipping take?");
        assertThat(sockets[0]).isEqualTo(2);
        assertThat(stored().path("visitorToken").asString()).isNotEqualTo("expired");
        assertThat(widget.messages()).hasCount(2);
        assertThat(storedMessages()).hasSize(2);
    }

    @Test
    void startsAFreshConversationWhenTheStoredConversationIsNotTheVisitors() {
        page.navigate(DemoServer.home(port));
        widget.open();
        widget.ask("How long does shipping take?");
        JsonNode first = stored();
        page.evaluate(
                "([key, value]) => localStorage.setItem(key, value)",
                List.of(
                        STORAGE_KEY,
                        "{\"visitorToken\":\"" + first.path("visitorToken").asString()
                                + "\",\"conversationId\":\"00000000-0000-4000-8000-000000000000\"}"));

        page.reload();

        page.waitForCondition(() -> stored().isEmpty());
        widget.open();
        assertThat(widget.messages()).hasCount(0);
        widget.ask("Do you ship to Canada?");
        assertThat(widget.messages()).hasCount(2);
        assertThat(stored().path("conversationId").asString())
                .isNotIn(first.path("conversationId").asString(), "00000000-0000-4000-8000-000000000000");
    }

    private JsonNode stored() {
        Object value = page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY);
        return JsonMapper.builder().build().readTree(value == null ? "{}" : (String) value);
    }

    /** The conversation's messages as the server stored them, read over the customers' REST API. */
    private JsonNode storedMessages() {
        JsonNode session = stored();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/"
                                    + session.path("conversationId").asString() + "/messages"))
                            .header(
                                    "Authorization",
                                    "Bearer " + session.path("visitorToken").asString())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JsonMapper.builder().build().readTree(response.body()).path("messages");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.parley.widget;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotAnimations;
import io.parley.testing.Chromium;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

/** The widget on the demo shop's page, in Chromium, against the real server and its built-in answer engine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetE2E {

    private static final String SHIPPING_QUESTION = "How long does shipping take?";
    private static final String SHIPPING_ANSWER = "3 to 5 business days";

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        DemoServer.configure(registry, WidgetE2E.class);
    }

    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
    void openDemoPage() {
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        page = context.newPage();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        widget = new ChatWidget(page);
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void showsTheTypingIndicatorThenStreamsTheReplyIntoOneBubble() {
        ChatRelay relay = ChatRelay.install(page);
        // Hold back the reply so that each stage can be seen: first only the typing frame, then the deltas.
        relay.holdBack(frame -> switch (ChatRelay.type(frame)) {
            case "delta" -> true;
            case "message" -> ChatRelay.role(frame).equals("assistant");
            default -> false;
        });
        page.navigate(DemoServer.home(port));
        assertThat(widget.launcher()).hasAttribute("aria-expanded", "false");

        widget.open();
        widget.send(SHIPPING_QUESTION);

        assertThat(widget.customerMessages()).hasText(new String[] {SHIPPING_QUESTION});
        assertThat(widget.typing()).isVisible();
        page.waitForCondition(
                () -> relay.held().stream().anyMatch(f -> ChatRelay.type(f).equals("message")));

        relay.release(frame -> ChatRelay.type(frame).equals("delta"));
        assertThat(widget.streamingReplies()).containsText(SHIPPING_ANSWER);
        assertThat(widget.typing()).isHidden();
        assertThat(widget.pending()).hasCount(0);

        relay.holdBack(frame -> false);
        relay.release(frame -> true);
        assertThat(widget.finishedReplies()).hasCount(1);
        assertThat(widget.finishedReplies()).containsText(SHIPPING_ANSWER);
        assertThat(widget.streamingReplies()).hasCount(0);
        assertThat(widget.messages()).hasCount(2);
        assertThat(console).isEmpty();
        page.screenshot(new Page.ScreenshotOptions()
                .setAnimations(ScreenshotAnimations.DISABLED)
                .setPath(Chromium.screenshot("widget-desktop")));
    }

    @Test
    void withdrawsAReplyThatRestartsAndShowsOnlyTheRewrittenOne() {
        ChatRelay relay = ChatRelay.install(page);
        relay.holdBack(frame -> switch (ChatRelay.type(frame)) {
            case "delta" -> true;
            case "message" -> ChatRelay.role(frame).equals("assistant");
            default -> false;
        });
        page.navigate(DemoServer.home(port));
        widget.open();
        widget.send(SHIPPING_QUESTION);
        page.waitForCondition(
                () -> relay.held().stream().anyMatch(f -> ChatRelay.type(f).equals("message")));
        String firstDelta = relay.held().getFirst();
        relay.release(frame -> frame.equals(firstDelta));
        assertThat(widget.streamingReplies()).hasCount(1);

        // What the server sends when the model broke off: the pieces shown are withdrawn, the reply starts again.
        relay.toPage("{\"type\":\"restart\",\"messageId\":\"" + ChatRelay.messageId(firstDelta) + "\"}");

        assertThat(widget.streamingReplies()).hasCount(0);
        assertThat(widget.typing()).isVisible();
        relay.holdBack(frame -> false);
        relay.release(frame -> true);
        assertThat(widget.finishedReplies()).hasCount(1);
        assertThat(widget.finishedReplies()).containsText(SHIPPING_ANSWER);
        assertThat(widget.messages()).hasCount(2);
        assertThat(console).isEmpty();
    }

    @Test
    void showsMarkupAsTheTextTheCustomerTyped() {
        String markup = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script><b>bold?</b>";
        page.navigate(DemoServer.home(port));
        widget.open();

        widget.ask(markup);
        widget.ask("Line one\nline two");

        Locator bubbles = widget.customerMessages();
        assertThat(bubbles.nth(0).textContent()).isEqualTo(markup);
        assertThat(bubbles.nth(1).textContent()).isEqualTo("Line one\nline two");
        assertThat(bubbles.nth(1).evaluate("e => getComputedStyle(e).whiteSpace"))
                .isEqualTo("pre-wrap");
        assertThat(page.locator("parley-chat [role=log] img, parley-chat [role=log] script, parley-chat [role=log] b"))
                .hasCount(0);
        assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
    }

    @Test
    void showsTheConversationAgainAfterAReload() {
        page.navigate(DemoServer.home(port));
        widget.open();
        widget.ask(SHIPPING_QUESTION);
        widget.ask("Do you ship to Canada?");

        page.reload();

        // The history is fetched at load, before anyone opens the window.
        assertThat(widget.messages()).hasCount(4);
        widget.open();
        assertThat(widget.customerMessages()).hasText(new String[] {SHIPPING_QUESTION, "Do you ship to Canada?"});
        assertThat(widget.finishedReplies().first()).containsText(SHIPPING_ANSWER);
        assertThat(widget.finishedReplies().last()).containsText("Canada");
        assertThat(widget.messages().evaluateAll("all => all.map(m => m.dataset.seq).join(',')"))
                .isEqualTo("1,2,3,4");
        assertThat(console).isEmpty();
    }

    @Test
    void waitsAndSendsAgainWhenTheCustomerWritesTooFast() {
        page.navigate(DemoServer.home(port));
        widget.open();

        // The server takes a burst of 10 messages, then one more every 3 s.
        for (int i = 1; i <= 11; i++) {
            widget.send("Message number " + i);
        }

        assertThat(page.locator("parley-chat .notice")).containsText("a little fast");
        assertThat(widget.pending()).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
        assertThat(widget.customerMessages()).hasCount(11);
        assertThat(widget.customerMessages().last()).hasText("Message number 11");
    }

    @Test
    void opensAndClosesWithTheKeyboard() {
        page.navigate(DemoServer.home(port));
        assertThat(widget.launcher()).hasAttribute("aria-label", "Open chat");

        // The launcher comes after the page's own links in the tab order.
        for (int i = 0; i < 40 && !focused(widget.launcher()); i++) {
            page.keyboard().press("Tab");
        }
        assertThat(widget.launcher()).isFocused();

        page.keyboard().press("Enter");
        assertThat(widget.window()).isVisible();
        assertThat(widget.window()).hasAttribute("aria-label", "Chat with Trailhead Outfitters");
        assertThat(widget.launcher()).hasAttribute("aria-expanded", "true");
        // Two buttons hide the window; each has a name of its own.
        assertThat(widget.launcher()).hasAttribute("aria-label", "Minimize chat");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close chat")))
                .hasCount(1);
        assertThat(widget.input()).isFocused();
        assertThat(page.locator("parley-chat [role=log]")).hasAttribute("aria-live", "polite");

        page.keyboard().type("Shift+Enter makes");
        page.keyboard().press("Shift+Enter");
        page.keyboard().type("a new line");
        assertThat(widget.input()).hasValue("Shift+Enter makes\na new line");
        assertThat(widget.messages()).hasCount(0);

        page.keyboard().press("Escape");
        assertThat(widget.window()).isHidden();
        assertThat(widget.launcher()).hasAttribute("aria-expanded", "false");
        assertThat(widget.launcher()).isFocused();
    }

    @Test
    void marksARepliesAsHelpfulOrNotWithMouseOrKeyboardAndTheServerStoresIt() {
        page.navigate(DemoServer.home(port));
        widget.open();
        widget.ask(SHIPPING_QUESTION);
        Locator reply = widget.finishedReplies().first();
        Locator helpful = widget.helpful(reply);
        Locator notHelpful = widget.notHelpful(reply);
        String replyId = reply.getAttribute("data-id");
        assertThat(helpful).hasAttribute("aria-pressed", "false");
        assertThat(notHelpful).hasAttribute("aria-pressed", "false");

        Response saved = page.waitForResponse(
                r -> r.url().endsWith("/api/v1/messages/" + replyId + "/feedback"), helpful::click);
        assertThat(saved.status()).isEqualTo(204);
        assertThat(helpful).hasAttribute("aria-pressed", "true");
        assertThat(storedRating(replyId)).contains("up");

        page.keyboard().press("Tab");
        assertThat(notHelpful).isFocused();
        saved = page.waitForResponse(
                r -> r.url().endsWith("/feedback"), () -> page.keyboard().press("Space"));
        assertThat(saved.status()).isEqualTo(204);
        assertThat(notHelpful).hasAttribute("aria-pressed", "true");
        assertThat(helpful).hasAttribute("aria-pressed", "false");
        assertThat(storedRating(replyId)).contains("down");

        // The customer's own messages are not rated; after a reload the choice is still shown.
        assertThat(page.locator("parley-chat .msg.customer .feedback")).hasCount(0);
        page.reload();
        widget.open();
        assertThat(widget.notHelpful(widget.finishedReplies().first())).hasAttribute("aria-pressed", "true");
        assertThat(console).isEmpty();
    }

    @Test
    void tellsTheTeamTheCustomerIsTypingAtMostEveryTwoSeconds() {
        ChatRelay relay = ChatRelay.install(page);
        page.navigate(DemoServer.home(port));
        widget.open();
        page.waitForCondition(
                () -> (Boolean) page.evaluate("() => localStorage.getItem('parley:demo-trailhead') !== null"));

        long started = System.nanoTime();
        widget.input()
                .pressSequentially(
                        "Where is my order? It has been a week", new Locator.PressSequentiallyOptions().setDelay(100));
        double seconds = (System.nanoTime() - started) / 1e9;

        // 3.7 s or more of typing: told at its start and again after 2 s, and never more often than that.
        page.waitForCondition(() -> typingFrames(relay) >= 2);
        assertThat(typingFrames(relay)).isLessThanOrEqualTo((int) (seconds / 2) + 1);
        assertThat(relay.fromPage().stream().filter(f -> ChatRelay.action(f).equals("sendMessage")))
                .isEmpty();
    }

    private static long typingFrames(ChatRelay relay) {
        return relay.fromPage().stream()
                .filter(f -> ChatRelay.action(f).equals("typing"))
                .count();
    }

    private Optional<String> storedRating(String messageId) {
        return jdbc.sql("SELECT rating FROM message_feedback WHERE message_id = ?")
                .param(messageId)
                .query(String.class)
                .optional();
    }

    @Test
    void takesTheWholeScreenOfAPhone() {
        context.close();
        context = chromium.browser()
                .newContext(new Browser.NewContextOptions()
                        .setViewportSize(390, 844)
                        .setDeviceScaleFactor(2)
                        .setIsMobile(true)
                        .setHasTouch(true));
        page = context.newPage();
        widget = new ChatWidget(page);
        page.navigate(DemoServer.home(port));

        widget.open();
        widget.ask("Can I return a jacket I bought last week?");
        widget.ask(SHIPPING_QUESTION);

        var box = widget.window().boundingBox();
        assertThat(new double[] {box.x, box.y, box.width, box.height}).containsExactly(0, 0, 390, 844);
        page.screenshot(new Page.ScreenshotOptions()
                .setAnimations(ScreenshotAnimations.DISABLED)
                .setPath(Chromium.screenshot("widget-phone")));
    }

    private static boolean focused(Locator locator) {
        return (boolean) locator.evaluate("e => e.getRootNode().activeElement === e");
    }
}

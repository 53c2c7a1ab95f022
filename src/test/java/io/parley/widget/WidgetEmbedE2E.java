package io.parley.widget;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.demo.DemoOrganization;
import io.parley.tenant.Organizations;
import io.parley.testing.Chromium;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The widget embedded the way a business embeds it: one script tag on the business's own site, an origin other than
 * Parley's. The shop is a small HTTP server of the test's own on 127.0.0.1 (a loopback address, like the server under
 * test, so that Chromium's private-network rules do not get in the way); widget.js and the chat come from the server
 * under test at localhost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetEmbedE2E {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        DemoServer.configure(registry, WidgetEmbedE2E.class);
    }

    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    Organizations organizations;

    private HttpServer shop;
    private String shopOrigin;
    private volatile String scriptAttributes = "";
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
    void openShop() throws IOException {
        shop = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        shop.createContext("/", this::shopPage);
        shop.start();
        shopOrigin = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + shop.getAddress().getPort();
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        page = context.newPage();
        widget = new ChatWidget(page);
    }

    @AfterEach
    void closeShop() {
        context.close();
        shop.stop(0);
    }

    @Test
    void chatsWithItsOwnServerFromTheBusinessesSite() {
        allowOrigins(shopOrigin);
        scriptAttributes = "data-title=\"Shop Test\" data-accent=\"#fde047\"";
        List<String> sockets = new ArrayList<>();
        page.onWebSocket(socket -> sockets.add(socket.url()));
        page.navigate(shopOrigin + "/");

        widget.open();
        widget.ask("How long does shipping take?");

        assertThat(widget.finishedReplies()).containsText("3 to 5 business days");
        assertThat(sockets).singleElement().asString().startsWith("ws://localhost:" + port + "/ws/chat?");
        assertThat(page.locator("parley-chat h2")).hasText("Shop Test");
        // A light accent gets dark text, so that the launcher and the customer's bubbles stay readable.
        assertThat(widget.launcher()).hasCSS("background-color", "rgb(253, 224, 71)");
        assertThat(widget.launcher()).hasCSS("color", "rgb(15, 23, 42)");
    }

    @Test
    void cannotChatFromASiteTheBusinessDidNotAllow() {
        allowOrigins("https://shop.example.com");
        page.navigate(shopOrigin + "/");

        widget.open();
        widget.send("Hello?");

        // The server refuses with an error frame the widget can read, so it gives up instead of retrying forever.
        assertThat(widget.status()).hasText("Chat is unavailable right now. Please try again later.");
        assertThat(widget.pending()).hasCount(1);
        assertThat(widget.finishedReplies()).hasCount(0);
    }

    private void allowOrigins(String... origins) {
        var demo = organizations.bySiteKey(DemoOrganization.SITE_KEY).orElseThrow();
        organizations.replaceAllowedOrigins(demo.id(), List.of(origins));
    }

    /** A business's page with nothing of Parley on it but the script tag. */
    private void shopPage(HttpExchange exchange) throws IOException {
        byte[] html =
                """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>A shop</title><link rel="icon" href="data:,"></head>
                <body><h1>A shop</h1><a href="#">Products</a>
                <script src="http://localhost:%d/widget.js" data-site-key="%s" %s async></script>
                </body></html>
                """
                        .formatted(port, DemoOrganization.SITE_KEY, scriptAttributes)
                        .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, html.length);
        try (var body = exchange.getResponseBody()) {
            body.write(html);
        }
    }
}

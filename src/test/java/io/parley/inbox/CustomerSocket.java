package io.parley.inbox;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the customer's {@code /ws/chat} in the browser through Playwright's WebSocket routing: every frame passes
 * through unchanged and every server frame is kept, so that a test can assert what reached the customer's browser
 * (and what never did). It can also send the server a frame as the widget would.
 */
final class CustomerSocket {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Page page;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile WebSocketRoute server;

    private CustomerSocket(Page page) {
        this.page = page;
    }

    static CustomerSocket watch(Page page) {
        CustomerSocket socket = new CustomerSocket(page);
        page.routeWebSocket(Pattern.compile(".*/ws/chat(\\?.*)?$"), socket::connect);
        return socket;
    }

    private void connect(WebSocketRoute toPage) {
        WebSocketRoute toServer = toPage.connectToServer();
        server = toServer;
        toServer.onMessage(frame -> {
            received.add(JSON.readTree(frame.text()));
            toPage.send(frame.text());
        });
    }

    /** Sends the server a frame as the widget would, on its current connection. */
    void sendToServer(String frame) {
        server.send(frame);
    }

    /** Waits (letting the page's events run) for a server frame that matches, and answers it. */
    JsonNode await(Predicate<JsonNode> matching) {
        page.waitForCondition(() -> received.stream().anyMatch(matching));
        return received.stream().filter(matching).findFirst().orElseThrow();
    }

    static Predicate<JsonNode> type(String type) {
        return frame -> frame.path("type").asString("").equals(type);
    }

    List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** Every text the server sent this browser, as one string, to check what it never sent. */
    String everything() {
        return received.toString();
    }
}

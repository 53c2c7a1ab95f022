package io.parley.widget;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sits between the widget and the server's {@code /ws/chat} through Playwright's WebSocket routing. Frames pass
 * through unchanged unless a test asks otherwise: hold back server frames (to look at the widget mid-stream), cut the
 * connections (a dropped network), refuse new ones (an outage), drop the next acknowledgement and cut (an ack lost
 * on the way), or put the server's "not saved yet" error in its place. The widget cannot tell it is there.
 *
 * <p>Not thread-safe, and need not be: Playwright calls the handlers on the test's thread while it waits.
 */
final class ChatRelay {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Connection(WebSocketRoute page, WebSocketRoute server) {}

    private final List<Connection> open = new ArrayList<>();
    private final List<String> held = new ArrayList<>();
    private final List<String> fromPage = new ArrayList<>();
    private Predicate<String> holdBack = frame -> false;
    private boolean refusing;
    private boolean cutAfterNextAck;
    private boolean unavailableInsteadOfNextAck;
    private int connections;
    private int refused;

    static ChatRelay install(Page page) {
        ChatRelay relay = new ChatRelay();
        page.routeWebSocket(Pattern.compile(".*/ws/chat(\\?.*)?$"), relay::connect);
        return relay;
    }

    /** The {@code type} of a server frame. */
    static String type(String frame) {
        return JSON.readTree(frame).path("type").asString("");
    }

    /** The role of the message in a {@code message} frame, or "". */
    static String role(String frame) {
        return JSON.readTree(frame).path("message").path("role").asString("");
    }

    private void connect(WebSocketRoute page) {
        if (refusing) {
            refused++;
            page.close(new WebSocketRoute.CloseOptions().setCode(1011).setReason("outage"));
            return;
        }
        connections++;
        WebSocketRoute server = page.connectToServer();
        Connection connection = new Connection(page, server);
        open.add(connection);
        // Handling the page's frames turns off their forwarding: each is passed on here, as it is.
        page.onMessage(frame -> {
            fromPage.add(frame.text());
            server.send(frame.text());
        });
        server.onMessage(frame -> {
            String text = frame.text();
            if (cutAfterNextAck && type(text).equals("ack")) {
                cutAfterNextAck = false;
                cut();
            } else if (unavailableInsteadOfNextAck && type(text).equals("ack")) {
                unavailableInsteadOfNextAck = false;
                page.send(
                        notSavedYet(JSON.readTree(text).path("clientMessageId").asString()));
            } else if (holdBack.test(text)) {
                held.add(text);
            } else {
                page.send(text);
            }
        });
        server.onClose((code, reason) -> open.remove(connection));
    }

    /** Holds back server frames that match, until released. */
    void holdBack(Predicate<String> frames) {
        holdBack = frames;
    }

    List<String> held() {
        return List.copyOf(held);
    }

    /** The frames the page sent, in order, on every connection. */
    List<String> fromPage() {
        return List.copyOf(fromPage);
    }

    /** The {@code action} of a frame the page sent. */
    static String action(String frame) {
        return JSON.readTree(frame).path("action").asString("");
    }

    /** Delivers the held frames that match, in order, to the page's newest connection. */
    void release(Predicate<String> frames) {
        WebSocketRoute page = open.getLast().page();
        for (var it = held.iterator(); it.hasNext(); ) {
            String frame = it.next();
            if (frames.test(frame)) {
                page.send(frame);
                it.remove();
            }
        }
    }

    /** Sends the page a frame the server did not send (as if it had), on its newest connection. */
    void toPage(String frame) {
        open.getLast().page().send(frame);
    }

    /** The {@code messageId} of a server frame. */
    static String messageId(String frame) {
        return JSON.readTree(frame).path("messageId").asString();
    }

    /** Closes every open connection on both sides, as a dropped network would. */
    void cut() {
        for (Connection connection : List.copyOf(open)) {
            connection
                    .page()
                    .close(new WebSocketRoute.CloseOptions().setCode(1001).setReason("cut"));
            connection.server().close();
        }
        open.clear();
    }

    /** While true, new connections are closed at once, before reaching the server. */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** The server's next {@code ack} is not delivered: both sides are cut instead. */
    void cutAfterNextAck() {
        cutAfterNextAck = true;
    }

    /**
     * The server's next {@code ack} is replaced by the error it sends when a message is not stored in time (503, "not
     * saved yet", retry after 1 s).
     */
    void unavailableInsteadOfNextAck() {
        unavailableInsteadOfNextAck = true;
    }

    private static String notSavedYet(String clientMessageId) {
        var frame = JSON.createObjectNode().put("type", "error").put("clientMessageId", clientMessageId);
        frame.putObject("problem")
                .put("type", "/problems/unavailable")
                .put("title", "Temporarily unavailable")
                .put("status", 503)
                .put("detail", "Your message is not saved yet. We keep trying and will confirm it as soon as it is.")
                .put("retryAfter", 1);
        return JSON.writeValueAsString(frame);
    }

    int connections() {
        return connections;
    }

    int refused() {
        return refused;
    }
}

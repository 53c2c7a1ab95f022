package io.parley.inbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A member's inbox over a real WebSocket ({@code /ws/agent?accessToken=…}, the JDK's client): sends frames, keeps
 * every frame received in order, and waits for frames on a condition, never by sleeping.
 */
final class AgentClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonNode CLOSED = JSON.createObjectNode().put("type", "parley-test-closed");

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> incoming;
    /** Every frame received so far, including those nobody waited for. */
    private final List<JsonNode> all;

    private AgentClient(WebSocket socket, LinkedBlockingQueue<JsonNode> incoming, List<JsonNode> all) {
        this.socket = socket;
        this.incoming = incoming;
        this.all = all;
    }

    static AgentClient connect(int port, String accessToken) {
        LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        List<JsonNode> all = new CopyOnWriteArrayList<>();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/agent?accessToken="
                + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(WAIT)
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            JsonNode frame = JSON.readTree(text.toString());
                            all.add(frame);
                            queue.add(frame);
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        queue.add(CLOSED);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        queue.add(CLOSED);
                    }
                })
                .join();
        return new AgentClient(socket, queue, all);
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    void send(java.util.Map<String, ?> frame) {
        send(JSON.writeValueAsString(frame));
    }

    /** The next frame that matches, waiting for it; frames before it are skipped (and kept in {@link #all()}). */
    JsonNode await(Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                JsonNode frame = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no matching frame within " + WAIT + "; received: " + all);
                }
                if (frame == CLOSED) {
                    incoming.add(CLOSED);
                    throw new AssertionError("the connection closed before a matching frame; received: " + all);
                }
                if (matching.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode await(String type) {
        return await(type(type));
    }

    /** The answer to the frame sent with this {@code ref}: a done, conversation, suggestion or error frame. */
    JsonNode answer(String ref) {
        return await(f -> ref.equals(f.path("ref").asString(null)));
    }

    /**
     * Sends a ping and waits for its pong. Frames are sent in order, so whatever the server sent this connection
     * before answering the ping has arrived by then.
     */
    void roundTrip() {
        String ref = "ping-" + System.nanoTime();
        send("{\"action\":\"ping\",\"ref\":\"" + ref + "\"}");
        await(f -> f.path("type").asString().equals("pong")
                && ref.equals(f.path("ref").asString(null)));
    }

    List<JsonNode> all() {
        return List.copyOf(all);
    }

    static Predicate<JsonNode> type(String type) {
        return frame -> frame.path("type").asString("").equals(type);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        socket.abort();
    }
}

package io.parley.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client of {@code /ws/chat} (the JDK's), for tests: sends frames, keeps every frame received in
 * order, and waits for frames on a condition, never by sleeping.
 */
public final class ChatClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final Duration WAIT = Duration.ofSeconds(15);
    /** Queued when the connection ends, so that waiting for a frame stops at once. */
    private static final JsonNode CLOSED = JSON.createObjectNode().put("type", "parley-test-closed");

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> incoming;
    private final List<JsonNode> received = new ArrayList<>();
    private final CompletableFuture<Integer> closed;

    private ChatClient(WebSocket socket, LinkedBlockingQueue<JsonNode> incoming, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.incoming = incoming;
        this.closed = closed;
    }

    /** Opens {@code /ws/chat}; {@code visitorToken}, {@code conversationId} and {@code origin} may be null. */
    public static ChatClient connect(
            int port, String siteKey, String visitorToken, String conversationId, String origin) {
        return connect(port, siteKey, visitorToken, conversationId, origin, null);
    }

    /** As above, asking the server to replay every message after {@code afterSeq} on connecting (null: none). */
    public static ChatClient connect(
            int port, String siteKey, String visitorToken, String conversationId, String origin, Long afterSeq) {
        return connect(port, siteKey, visitorToken, conversationId, origin, afterSeq, java.util.Map.of());
    }

    /** As above, with more request headers (e.g. {@code X-Forwarded-For}, as a proxy in front of Parley sends). */
    public static ChatClient connect(
            int port,
            String siteKey,
            String visitorToken,
            String conversationId,
            String origin,
            Long afterSeq,
            java.util.Map<String, String> headers) {
        return connect(port, siteKey, visitorToken, conversationId, origin, afterSeq, headers, List.of());
    }

    /**
     * Opens {@code /ws/chat?siteKey=…} offering these subprotocols ({@code parley.v1}, and {@code parley.token.<token>}
     * to authenticate without a frame), so the visitor token stays out of the URL.
     */
    public static ChatClient connectOffering(int port, String siteKey, String... protocols) {
        return connect(port, siteKey, null, null, null, null, java.util.Map.of(), List.of(protocols));
    }

    private static ChatClient connect(
            int port,
            String siteKey,
            String visitorToken,
            String conversationId,
            String origin,
            Long afterSeq,
            java.util.Map<String, String> headers,
            List<String> protocols) {
        StringBuilder uri = new StringBuilder("ws://127.0.0.1:" + port + "/ws/chat?siteKey=" + encode(siteKey));
        if (visitorToken != null) {
            uri.append("&visitorToken=").append(encode(visitorToken));
        }
        if (conversationId != null) {
            uri.append("&conversationId=").append(encode(conversationId));
        }
        if (afterSeq != null) {
            uri.append("&afterSeq=").append(afterSeq);
        }
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        headers.forEach(builder::header);
        if (!protocols.isEmpty()) {
            builder.subprotocols(
                    protocols.getFirst(), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
        WebSocket socket = builder.buildAsync(URI.create(uri.toString()), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            queue.add(JSON.readTree(text.toString()));
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        queue.add(CLOSED);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete(-1);
                        queue.add(CLOSED);
                    }
                })
                .join();
        return new ChatClient(socket, queue, closed);
    }

    public static ChatClient connect(int port, String siteKey) {
        return connect(port, siteKey, null, null, null);
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
    }

    public void sendMessage(String text, String clientMessageId) {
        send(JSON.writeValueAsString(
                java.util.Map.of("action", "sendMessage", "message", text, "clientMessageId", clientMessageId)));
    }

    public void resume(String conversationId, long afterSeq) {
        send("{\"action\":\"resume\",\"conversationId\":\"" + conversationId + "\",\"afterSeq\":" + afterSeq + "}");
    }

    /** The next frame received that matches, waiting for it; frames before it are kept in {@link #received()}. */
    public JsonNode await(Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                JsonNode frame = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no matching frame within " + WAIT + "; received: " + received);
                }
                if (frame == CLOSED) {
                    incoming.add(CLOSED);
                    throw new AssertionError("the connection closed before a matching frame; received: " + received);
                }
                received.add(frame);
                if (matching.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonNode await(String type) {
        return await(frame -> type.equals(frame.path("type").asString()));
    }

    /** The next {@code message} frame whose message has this role. */
    public JsonNode awaitMessage(String role) {
        return await(frame -> "message".equals(frame.path("type").asString())
                && role.equals(frame.path("message").path("role").asString()));
    }

    /** The subprotocol the server chose; empty when none was. */
    public String protocol() {
        return socket.getSubprotocol();
    }

    /** Every frame received so far, in order (those {@link #await} went through). */
    public List<JsonNode> received() {
        return received;
    }

    /** Waits for the server to close the connection and returns its close code. */
    public int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated customer on one WebSocket: sends a message, timestamps the ack, the first delta and the complete
 * reply. At most one message is outstanding. Against the echo endpoint the echoed frame counts as all three.
 */
final class BenchSession implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong IDS = new AtomicLong();
    private static final AtomicLong FAILURES_SHOWN = new AtomicLong();

    enum Mode {
        CHAT,
        ECHO
    }

    private final Mode mode;
    private final Latencies latencies;
    private final boolean reads;
    private volatile Runnable onComplete;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile long sentAt;
    private volatile boolean outstanding;
    private volatile boolean sawDelta;
    private volatile boolean closed;
    volatile String conversationId;
    volatile String visitorToken;
    volatile long lastSeq;

    /**
     * @param reads false for a slow reader that never reads what the server sends
     * @param onComplete called (on the client's thread) when a reply completes
     */
    BenchSession(Mode mode, Latencies latencies, boolean reads, Runnable onComplete) {
        this.mode = mode;
        this.latencies = latencies;
        this.reads = reads;
        this.onComplete = onComplete;
    }

    CompletableFuture<BenchSession> open(HttpClient client, URI uri) {
        return client.newWebSocketBuilder().buildAsync(uri, this).thenApply(ws -> {
            socket = ws;
            return this;
        });
    }

    /** What to do when a reply completes (on the client's thread): e.g. send the next message at once. */
    void onComplete(Runnable action) {
        this.onComplete = action;
    }

    boolean idle() {
        return !outstanding && !closed && socket != null;
    }

    boolean closed() {
        return closed;
    }

    /** Sends the next message; false when one is still outstanding or the session is closed. */
    boolean send() {
        if (!idle()) {
            return false;
        }
        outstanding = true;
        sawDelta = false;
        String id = "b" + IDS.incrementAndGet();
        String frame = mode == Mode.ECHO
                ? "{\"type\":\"echo\",\"clientMessageId\":\"" + id + "\"}"
                : "{\"action\":\"sendMessage\",\"clientMessageId\":\"" + id + "\",\"message\":\"Do you ship to Canada? "
                        + id + "\"}";
        latencies.sent.incrementAndGet();
        sentAt = System.nanoTime();
        socket.sendText(frame, true).exceptionally(failure -> {
            outstanding = false;
            return null;
        });
        return true;
    }

    void resume() {
        socket.sendText(
                "{\"action\":\"resume\",\"conversationId\":\"" + conversationId + "\",\"afterSeq\":" + lastSeq + "}",
                true);
    }

    /** Drops the connection without a close handshake, as a vanished client would. */
    void abort() {
        closed = true;
        if (socket != null) {
            socket.abort();
        }
    }

    void close() {
        closed = true;
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (reads) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        try {
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                handle(frame, System.nanoTime());
            }
        } catch (RuntimeException e) {
            // A failure here must not stop the socket from reading (request(1) below), or the session would stall.
            latencies.errors.incrementAndGet();
            outstanding = false;
            if (FAILURES_SHOWN.getAndIncrement() < 3) {
                e.printStackTrace();
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String frame, long now) {
        if (mode == Mode.ECHO) {
            long took = now - sentAt;
            latencies.ack(took);
            latencies.firstDelta(took);
            finish(took);
            return;
        }
        JsonNode node = JSON.readTree(frame);
        switch (node.path("type").asString()) {
            case "session" -> {
                conversationId = node.path("conversationId").asString();
                visitorToken = node.path("visitorToken").asString();
            }
            case "ack" -> {
                latencies.ack(now - sentAt);
                lastSeq = Math.max(lastSeq, node.path("seq").asLong());
            }
            case "delta" -> {
                if (!sawDelta && outstanding) {
                    sawDelta = true;
                    latencies.firstDelta(now - sentAt);
                }
            }
            case "message" -> {
                lastSeq = Math.max(lastSeq, node.path("message").path("seq").asLong());
                if (outstanding && node.path("message").path("role").asString().equals("assistant")) {
                    finish(now - sentAt);
                }
            }
            case "error" -> {
                if (node.path("problem").path("status").asInt() == 429) {
                    latencies.rateLimited.incrementAndGet();
                } else {
                    latencies.errors.incrementAndGet();
                    latencies.why("error " + node.path("problem").path("status").asInt() + " "
                            + node.path("problem").path("title").asString());
                }
                outstanding = false;
            }
            default -> {}
        }
    }

    private void finish(long took) {
        latencies.complete(took);
        outstanding = false;
        onComplete.run();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closed) {
            latencies.why("closed " + statusCode + " " + reason);
        }
        markClosed();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closed) {
            latencies.why("failed " + error.getClass().getSimpleName());
        }
        markClosed();
    }

    private void markClosed() {
        if (!closed) {
            closed = true;
            latencies.disconnects.incrementAndGet();
        }
        outstanding = false;
    }
}

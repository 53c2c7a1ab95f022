package io.parley.bench.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated customer on one real WebSocket (the JDK's), keeping what a fault run checks: every message sent and
 * what became of it (ack, error frames, first delta, reply), and every {@code seq} the connection saw, in order.
 * Messages carry their {@code clientMessageId} in their text, so the store can be checked for duplicates.
 *
 * <p>A reply belongs to the message it quotes (the echoing model's), otherwise to the latest message sent: the first
 * assistant message after its ack. Frames arrive on the client's thread one at a time; the fields read by the run
 * are thread-safe.
 */
final class Customer implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong IDS = new AtomicLong();
    /** How a message's text names its clientMessageId: {@code "… (c12-m345)"}. */
    static final Pattern CLIENT_ID = Pattern.compile("\\(([^()\\s]+-m\\d+)\\)");

    /** One message sent and what became of it; times are {@link System#nanoTime()}, 0 when it did not happen. */
    static final class Sent {
        final String clientMessageId;
        final long sentAt = System.nanoTime();
        volatile long ackAt;
        volatile long ackSeq = -1;
        volatile String messageId;
        volatile long firstErrorAt;
        volatile int errorStatus;
        volatile String errorDetail;
        volatile long firstDeltaAt;
        volatile long replyAt;
        volatile long replySeq;
        volatile String reply;
        /** Why the frame could not be sent (the connection was gone), or null. */
        volatile Throwable sendFailure;
        /** Completed by the ack. */
        final CompletableFuture<Sent> acked = new CompletableFuture<>();
        /** Completed by the reply, or by an error frame after which neither an ack nor a reply will come. */
        final CompletableFuture<Sent> settled = new CompletableFuture<>();

        Sent(String clientMessageId) {
            this.clientMessageId = clientMessageId;
        }

        boolean acked() {
            return ackAt != 0;
        }

        boolean replied() {
            return replyAt != 0;
        }

        boolean errored() {
            return firstErrorAt != 0;
        }

        /** An error frame said the message was not stored and never will be (it must be sent again). */
        boolean refused() {
            return errored() && !acked() && settled.isDone() && !replied();
        }

        /** Milliseconds from sending to the first answer about it (ack or error); -1 when none came. */
        double msToFirstAnswer() {
            long first = ackAt == 0 ? firstErrorAt : firstErrorAt == 0 ? ackAt : Math.min(ackAt, firstErrorAt);
            return first == 0 ? -1 : (first - sentAt) / 1e6;
        }

        double msToReply() {
            return replyAt == 0 ? -1 : (replyAt - sentAt) / 1e6;
        }

        double msToFirstDelta() {
            return firstDeltaAt == 0 ? -1 : (firstDeltaAt - sentAt) / 1e6;
        }

        /** Whether waiting for it was ended by an error frame (a clear answer) rather than a reply. */
        boolean endedByError() {
            return settled.isDone() && !replied() && errored();
        }
    }

    /** A message frame as received. */
    record Received(long seq, String role, String id, String content) {}

    private final String name;
    private final long resumeAfter;
    private final Map<String, Sent> byClientId = new ConcurrentHashMap<>();
    private final List<Long> seqs = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Received> messages = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong otherErrors = new AtomicLong();
    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile Sent current;
    private volatile String conversationId;
    private volatile String visitorToken;
    /** Completed by the server's first frame (which names the conversation). */
    final CompletableFuture<Customer> session = new CompletableFuture<>();
    /** Completed with the close code (or -1 after a broken connection) when the connection ends. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /**
     * @param resumeAfter when at least 0, a {@code resume} from this seq is sent as soon as the session frame
     *     arrives (a returning customer); -1 for a new connection
     */
    private Customer(String name, long resumeAfter) {
        this.name = name;
        this.resumeAfter = resumeAfter;
    }

    /** Connects a new customer (a new conversation). */
    static CompletableFuture<Customer> connect(HttpClient client, URI chat, String name) {
        return open(client, chat, new Customer(name, -1));
    }

    /**
     * Connects again to {@code previous}'s conversation with its visitor token and resumes after the last seq it saw.
     */
    static CompletableFuture<Customer> reconnect(HttpClient client, URI conversation, Customer previous) {
        Customer next = new Customer(previous.name, previous.lastSeq());
        next.conversationId = previous.conversationId;
        next.visitorToken = previous.visitorToken;
        return open(client, conversation, next);
    }

    private static CompletableFuture<Customer> open(HttpClient client, URI uri, Customer customer) {
        return client.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, customer)
                .thenCompose(ws -> customer.session);
    }

    String name() {
        return name;
    }

    String conversationId() {
        return conversationId;
    }

    String visitorToken() {
        return visitorToken;
    }

    /** The seq this connection resumed after, or -1 when it started the conversation. */
    long resumedAfter() {
        return resumeAfter;
    }

    /** Sends a message (its text names its clientMessageId); the previous one is no longer tracked as current. */
    Sent send(String text) {
        Sent sent = new Sent(name + "-m" + IDS.incrementAndGet());
        byClientId.put(sent.clientMessageId, sent);
        current = sent;
        String frame = JSON.writeValueAsString(Map.of(
                "action",
                "sendMessage",
                "clientMessageId",
                sent.clientMessageId,
                "message",
                text + " (" + sent.clientMessageId + ")"));
        sendFrame(frame).exceptionally(failure -> {
            sent.sendFailure = failure;
            sent.settled.completeExceptionally(failure);
            return null;
        });
        return sent;
    }

    void ping() {
        sendFrame("{\"action\":\"ping\"}");
    }

    /** Sends one frame after those before it: the JDK's WebSocket refuses a send while another is under way. */
    private synchronized CompletableFuture<?> sendFrame(String frame) {
        CompletableFuture<?> next =
                sending.handle((ok, failure) -> null).thenCompose(ignored -> socket.sendText(frame, true));
        sending = next;
        return next;
    }

    /** Every message sent on this connection, in order. */
    List<Sent> sent() {
        return byClientId.values().stream()
                .sorted((a, b) -> Long.compare(a.sentAt, b.sentAt))
                .toList();
    }

    /** The highest seq seen on this connection (or resumed after), 0 when none. */
    synchronized long lastSeq() {
        long last = Math.max(0, resumeAfter);
        for (long seq : seqs) {
            last = Math.max(last, seq);
        }
        return last;
    }

    /** Every seq this connection saw (acks and message frames), in order of arrival. */
    synchronized List<Long> seqs() {
        return List.copyOf(seqs);
    }

    /** Every message frame this connection received, in order. */
    synchronized List<Received> messages() {
        return List.copyOf(messages);
    }

    /**
     * What this connection's seqs say, each expected one more than the last from its first (or from where it
     * resumed): {@code redelivered} counts a message seen again (same seq, same id: a resume may send again what just
     * arrived live, which the widget ignores by id), {@code conflicts} a seq seen with another message, {@code gaps}
     * seqs skipped.
     */
    record SeqCheck(long first, int redelivered, int conflicts, int gaps) {
        boolean clean(boolean redeliveryAllowed) {
            return conflicts == 0 && gaps == 0 && (redeliveryAllowed || redelivered == 0);
        }
    }

    synchronized SeqCheck seqCheck() {
        long expected = resumeAfter >= 0 ? resumeAfter + 1 : 1;
        long first = seqs.isEmpty() ? -1 : seqs.getFirst();
        Map<Long, String> idBySeq = new java.util.HashMap<>();
        int redelivered = 0;
        int conflicts = 0;
        int gaps = 0;
        for (int i = 0; i < seqs.size(); i++) {
            long seq = seqs.get(i);
            String id = ids.get(i);
            String before = idBySeq.putIfAbsent(seq, id);
            if (seq < expected) {
                if (before != null && before.equals(id)) {
                    redelivered++;
                } else {
                    conflicts++;
                }
            } else {
                if (seq > expected) {
                    gaps++;
                }
                expected = seq + 1;
            }
        }
        return new SeqCheck(first, redelivered, conflicts, gaps);
    }

    /** Error frames that named no message of this customer's. */
    long otherErrors() {
        return otherErrors.get();
    }

    /** Drops the connection without a close handshake, as a client whose network vanished would. */
    void abort() {
        if (socket != null) {
            socket.abort();
        }
    }

    void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }

    /** Waits for the sent message to settle (reply or final error); false when it did not within {@code limit}. */
    static boolean await(Sent sent, Duration limit) {
        try {
            sent.settled.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            handle(JSON.readTree(frame), System.nanoTime());
        }
        webSocket.request(1);
        return null;
    }

    private void handle(JsonNode frame, long now) {
        switch (frame.path("type").asString()) {
            case "session" -> {
                conversationId = frame.path("conversationId").asString();
                visitorToken = frame.path("visitorToken").asString();
                if (resumeAfter >= 0) {
                    sendFrame("{\"action\":\"resume\",\"conversationId\":\"" + conversationId + "\",\"afterSeq\":"
                            + resumeAfter + "}");
                }
                session.complete(this);
            }
            case "ack" -> {
                long seq = frame.path("seq").asLong();
                seen(seq, frame.path("messageId").asString(), null);
                Sent sent = byClientId.get(frame.path("clientMessageId").asString());
                if (sent != null && sent.ackAt == 0) {
                    sent.messageId = frame.path("messageId").asString();
                    sent.ackSeq = seq;
                    sent.ackAt = now;
                    sent.acked.complete(sent);
                }
            }
            case "delta" -> {
                Sent sent = current;
                if (sent != null && sent.ackAt != 0 && sent.firstDeltaAt == 0) {
                    sent.firstDeltaAt = now;
                }
            }
            case "message" -> {
                JsonNode m = frame.path("message");
                long seq = m.path("seq").asLong();
                String role = m.path("role").asString();
                seen(
                        seq,
                        m.path("id").asString(),
                        new Received(
                                seq,
                                role,
                                m.path("id").asString(),
                                m.path("content").asString()));
                if (role.equals("assistant")) {
                    Sent sent = answered(m.path("content").asString());
                    if (sent != null && sent.ackAt != 0 && seq > sent.ackSeq && sent.replyAt == 0) {
                        sent.reply = m.path("content").asString();
                        sent.replySeq = seq;
                        sent.replyAt = now;
                        sent.settled.complete(sent);
                    }
                }
            }
            case "error" -> {
                Sent sent = byClientId.get(frame.path("clientMessageId").asString(""));
                if (sent == null) {
                    otherErrors.incrementAndGet();
                    return;
                }
                if (sent.firstErrorAt == 0) {
                    sent.errorStatus = frame.path("problem").path("status").asInt();
                    sent.errorDetail = frame.path("problem").path("detail").asString("");
                    sent.firstErrorAt = now;
                }
                boolean ackFollows = frame.path("problem").path("status").asInt() == 503
                        && frame.path("problem").path("detail").asString("").contains("not saved yet");
                if (!ackFollows && !sent.acked()) {
                    sent.settled.complete(sent);
                }
            }
            default -> {}
        }
    }

    /**
     * The message a reply answers: the one it quotes (an echoing model quotes the message it answers, which tells
     * replies apart when several messages are under way, or when an earlier one is answered late, e.g. after a crash);
     * the current one when it quotes none; null when it quotes a message this connection did not send.
     */
    private Sent answered(String reply) {
        Matcher quoted = CLIENT_ID.matcher(reply);
        if (quoted.find()) {
            return byClientId.get(quoted.group(1));
        }
        return current;
    }

    private synchronized void seen(long seq, String id, Received message) {
        seqs.add(seq);
        ids.add(id);
        if (message != null) {
            messages.add(message);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended(-1);
    }

    private void ended(int code) {
        closed.complete(code);
        session.completeExceptionally(new IllegalStateException(name + ": the connection ended before its session"));
        for (Sent sent : byClientId.values()) {
            IllegalStateException ended = new IllegalStateException(name + ": the connection ended");
            sent.acked.completeExceptionally(ended);
            sent.settled.completeExceptionally(ended);
        }
    }
}

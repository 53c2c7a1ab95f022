package io.parley.conversation.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.parley.conversation.ChatEngine;
import io.parley.conversation.ConfirmationNotOpenException;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationEvent;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationListener;
import io.parley.conversation.ConversationNotFoundException;
import io.parley.conversation.Message;
import io.parley.conversation.MessageId;
import io.parley.conversation.MessageRole;
import io.parley.conversation.PendingConfirmation;
import io.parley.conversation.SendRejectedException;
import io.parley.conversation.StoreUnavailableException;
import io.parley.conversation.Visitor;
import io.parley.web.Outbox;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One customer's chat connection: reads their frames, hands messages to the engine and forwards the conversation's
 * events to them as frames. Frames from the customer are handled one at a time (the container does not overlap
 * them); frames to the customer go through its {@link Outbox}, which writes them in order without ever making the
 * engine wait, and drops a client too slow to keep up.
 *
 * <p>A client that authenticates in its first frame ({@link #awaitAuthentication}) gets an error frame for any other
 * frame until it does, and is refused and closed when it has not within the time given.
 */
final class ChatConnection implements ConversationListener {

    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);
    static final int MAX_FRAME_BYTES = 32 * 1024;

    private final Outbox outbox;
    private final ChatEngine engine;
    private final JsonMapper json;
    private final Bucket frameLimit;
    private final StringBuilder partial = new StringBuilder();
    private int partialBytes;
    private boolean oversized;
    private Visitor visitor;
    /** Null until the connection is open, and for good when opening it was refused. */
    private volatile ChatEngine.Subscription subscription;
    /** Seqs this connection already delivered live or acknowledged: a replay does not send them again. */
    private final BitSet delivered = new BitSet();

    /**
     * Opens the connection once its client authenticated in a frame: {@code visitorToken} and {@code conversationId}
     * may be null, {@code afterSeq} is {@link ChatEngine#LIVE_ONLY} when not given.
     */
    @FunctionalInterface
    interface Authenticator {
        void authenticate(String visitorToken, String conversationId, long afterSeq);
    }

    /** Set while the connection waits for its authenticate frame. */
    private volatile Authenticator authenticator;
    /** Whether the authenticate frame or the deadline came first; the other then does nothing. */
    private final AtomicBoolean authenticationDecided = new AtomicBoolean();

    private static final long TYPING_EVERY = Duration.ofSeconds(2).toNanos();
    private long lastTypingShown = System.nanoTime() - TYPING_EVERY;

    ChatConnection(Outbox outbox, ChatEngine engine, JsonMapper json, int framesPerTenSeconds) {
        this.outbox = outbox;
        this.engine = engine;
        this.json = json;
        this.frameLimit = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(framesPerTenSeconds)
                        .refillGreedy(framesPerTenSeconds, Duration.ofSeconds(10))
                        .build())
                .build();
    }

    /**
     * Binds the connection to the visitor's conversation, telling the client which one first, then replaying what
     * it missed after {@code afterSeq} ({@link ChatEngine#LIVE_ONLY} for nothing) before anything live.
     */
    void open(Visitor visitor, Conversation conversation, String visitorToken, long afterSeq) {
        this.visitor = visitor;
        send(new Frames.Session(
                conversation.id().value(), visitorToken, conversation.status().wireName()));
        subscription = engine.subscribe(visitor, conversation.id(), afterSeq, this);
        showOpenConfirmations();
    }

    /** Changes still waiting for the customer's decision are shown again (after a reconnect, on another device). */
    private void showOpenConfirmations() {
        engine.openConfirmations(visitor, subscription.conversation()).forEach(this::onConfirmation);
    }

    /**
     * Waits for the client to authenticate in a frame ({@code {"action":"authenticate","visitorToken":…}}); refuses
     * the connection when it has not within {@code within}.
     */
    void awaitAuthentication(Authenticator authenticator, Duration within) {
        this.authenticator = authenticator;
        CompletableFuture.runAsync(
                () -> {
                    if (this.authenticator != null && authenticationDecided.compareAndSet(false, true)) {
                        this.authenticator = null;
                        refuse(ProblemType.UNAUTHORIZED.exception("Authenticate within " + within.toSeconds()
                                + " seconds of connecting: send {\"action\":\"authenticate\",\"visitorToken\":…}"
                                + " first."));
                    }
                },
                CompletableFuture.delayedExecutor(within.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Refuses the connection with a problem, then closes it: 1013 (try again later) when the server cannot serve it
     * now, 1008 (policy violation) when the request itself is refused.
     */
    void refuse(ProblemException problem) {
        send(Frames.Error.of(problem, null));
        CloseStatus status =
                problem.type() == ProblemType.UNAVAILABLE ? CloseStatus.SERVICE_OVERLOAD : CloseStatus.POLICY_VIOLATION;
        outbox.closeAfterSending(status.withReason(problem.type().title()));
    }

    void receive(String part, boolean last) {
        if (subscription == null && authenticator == null) {
            // Refused while opening (it is closing, the reason on its way): a frame sent meanwhile, typically a
            // message written as soon as the session frame came, has no conversation to go to.
            return;
        }
        if (!oversized) {
            partialBytes += utf8Length(part);
            if (partialBytes > MAX_FRAME_BYTES) {
                oversized = true;
                partial.setLength(0);
            } else {
                partial.append(part);
            }
        }
        if (!last) {
            return;
        }
        String frame = partial.toString();
        boolean tooLarge = oversized;
        partial.setLength(0);
        partialBytes = 0;
        oversized = false;
        if (tooLarge) {
            error(
                    ProblemType.FRAME_TOO_LARGE.exception("A frame can be at most 32 KB; nothing of it was stored."),
                    null);
        } else if (!frameLimit.tryConsume(1)) {
            error(ProblemType.RATE_LIMITED.exception("Too many frames; slow down.", Duration.ofSeconds(1)), null);
        } else {
            handle(frame);
        }
    }

    /** Frames are JSON text; a binary one is answered, once it is whole, and otherwise ignored. */
    void receiveBinary(boolean last) {
        if (last) {
            error(ProblemType.INVALID_FRAME.exception("Frames are JSON text, not binary."), null);
        }
    }

    private void handle(String frame) {
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (JacksonException e) {
            error(ProblemType.INVALID_FRAME.exception("Frames are JSON objects like {\"action\":\"ping\"}."), null);
            return;
        }
        if (node == null || !node.isObject()) {
            error(ProblemType.INVALID_FRAME.exception("Frames are JSON objects like {\"action\":\"ping\"}."), null);
            return;
        }
        String action = node.path("action").isString() ? node.path("action").asString() : "";
        try {
            if (subscription == null) {
                beforeAuthentication(action, node);
                return;
            }
            switch (action) {
                case "authenticate" ->
                    error(ProblemType.CONFLICT.exception("This connection is already authenticated."), null);
                case "sendMessage" -> sendMessage(node);
                case "resume" -> resume(node);
                case "typing" -> typing();
                case "ping" -> send(new Frames.Pong());
                case "confirm" -> confirm(node);
                default ->
                    error(
                            ProblemType.UNKNOWN_ACTION.exception(
                                    "Known actions are sendMessage, resume, typing, ping and confirm."),
                            null);
            }
        } catch (ConfirmationNotOpenException e) {
            error(
                    ProblemType.NOT_FOUND.exception(
                            "There is no open confirmation with this id in this conversation: it was already decided,"
                                    + " it expired when a new message was sent, or it belongs elsewhere."),
                    null);
        } catch (ConversationNotFoundException e) {
            error(ProblemType.NOT_FOUND.exception("There is no such conversation for this visitor."), null);
        } catch (StoreUnavailableException e) {
            error(
                    ProblemType.UNAVAILABLE.exception(
                            "We cannot reach our records right now. Try again shortly.", Duration.ofSeconds(5)),
                    null);
        }
    }

    /** The first frame must be {@code {"action":"authenticate"}}, with the visitor's token unless they are new. */
    private void beforeAuthentication(String action, JsonNode frame) {
        if (!action.equals("authenticate")) {
            error(
                    ProblemType.UNAUTHORIZED.exception(
                            "Authenticate first: send {\"action\":\"authenticate\",\"visitorToken\":…} (no token"
                                    + " for a new visitor)."),
                    null);
            return;
        }
        JsonNode token = frame.path("visitorToken");
        JsonNode conversation = frame.path("conversationId");
        JsonNode afterSeq = frame.path("afterSeq");
        if (!token.isMissingNode()
                && !token.isNull()
                && !(token.isString() && !token.asString().isBlank())) {
            error(ProblemException.invalid("visitorToken", "must be the visitor token of a session frame"), null);
            return;
        }
        if (!conversation.isMissingNode() && !conversation.isNull() && !conversation.isString()) {
            error(ProblemException.invalid("conversationId", "must be a string"), null);
            return;
        }
        if (!afterSeq.isMissingNode() && !(afterSeq.isIntegralNumber() && afterSeq.asLong() >= 0)) {
            error(ProblemException.invalid("afterSeq", "must be a whole number of at least 0"), null);
            return;
        }
        Authenticator pending = authenticator;
        if (pending == null || !authenticationDecided.compareAndSet(false, true)) {
            return;
        }
        authenticator = null;
        pending.authenticate(
                token.isString() ? token.asString() : null,
                conversation.isString() ? conversation.asString() : null,
                afterSeq.isMissingNode() ? ChatEngine.LIVE_ONLY : afterSeq.asLong());
    }

    private void sendMessage(JsonNode frame) {
        JsonNode text = frame.path("message");
        JsonNode clientId = frame.path("clientMessageId");
        String clientMessageId = clientId.isString() ? clientId.asString() : null;
        if (!text.isString()) {
            error(ProblemException.invalid("message", "must be a string"), clientMessageId);
            return;
        }
        if (!clientId.isMissingNode() && !clientId.isNull() && !clientId.isString()) {
            error(ProblemException.invalid("clientMessageId", "must be a string"), null);
            return;
        }
        ChatEngine.Posted posted;
        try {
            // The engine drops NUL characters, whichever way a message comes.
            posted = engine.post(visitor, subscription.conversation(), text.asString(), clientMessageId, this);
        } catch (SendRejectedException e) {
            error(Rejections.problem(e), clientMessageId);
            return;
        }
        if (posted.duplicate()) {
            posted.stored()
                    .whenCompleteAsync(
                            (stored, failure) -> {
                                if (failure == null) {
                                    onStored(stored);
                                } else {
                                    onStoreFailed(posted.message());
                                }
                            },
                            Thread::startVirtualThread);
        }
    }

    /** The customer's decision on a change the assistant proposed: {@code {"action":"confirm","id","decision"}}. */
    private void confirm(JsonNode frame) {
        JsonNode id = frame.path("id");
        JsonNode decision = frame.path("decision");
        if (!id.isString() || id.asString().isBlank()) {
            error(ProblemException.invalid("id", "id must be the id of a confirmation frame"), null);
            return;
        }
        if (!decision.isString()
                || !(decision.asString().equals("yes") || decision.asString().equals("no"))) {
            error(ProblemException.invalid("decision", "decision must be \"yes\" or \"no\""), null);
            return;
        }
        engine.confirm(
                visitor,
                subscription.conversation(),
                id.asString(),
                decision.asString().equals("yes"));
    }

    /** The customer is typing: the team sees it, at most every two seconds however often the client says so. */
    private void typing() {
        long now = System.nanoTime();
        if (now - lastTypingShown < TYPING_EVERY) {
            return;
        }
        lastTypingShown = now;
        engine.customerTyping(visitor, subscription.conversation());
    }

    private void resume(JsonNode frame) {
        JsonNode idNode = frame.path("conversationId");
        JsonNode afterNode = frame.path("afterSeq");
        if (!afterNode.isMissingNode() && !(afterNode.isIntegralNumber() && afterNode.asLong() >= 0)) {
            error(ProblemException.invalid("afterSeq", "must be a whole number of at least 0"), null);
            return;
        }
        long afterSeq = afterNode.isMissingNode() ? 0 : afterNode.asLong();
        ConversationId id = subscription.conversation();
        if (idNode.isString() && !idNode.asString().equals(id.value())) {
            id = parse(idNode.asString()).orElseThrow(ConversationNotFoundException::new);
            subscription.close();
            delivered.clear();
            subscription = engine.subscribe(visitor, id, afterSeq, this);
        } else {
            subscription.replay(afterSeq);
        }
        showOpenConfirmations();
    }

    void closed() {
        if (subscription != null) {
            subscription.close();
        }
    }

    @Override
    public void onConfirmation(PendingConfirmation confirmation) {
        send(new Frames.Confirmation(
                confirmation.id(),
                confirmation.tool(),
                confirmation.summary(),
                json.readTree(confirmation.arguments())));
    }

    @Override
    public void onToolRunning(String status) {
        send(new Frames.ToolRunning(status));
    }

    @Override
    public void onMessage(Message message) {
        delivered.set((int) Math.min(Integer.MAX_VALUE, message.seq()));
        send(new Frames.MessageFrame(MessageView.of(message)));
    }

    @Override
    public void onReplayed(Message message) {
        if (!delivered.get((int) Math.min(Integer.MAX_VALUE, message.seq()))) {
            send(new Frames.MessageFrame(MessageView.of(message)));
        }
    }

    @Override
    public void onTyping(MessageRole role) {
        onTyping(role, null);
    }

    @Override
    public void onTyping(MessageRole role, String name) {
        send(new Frames.Typing(role.wireName(), name));
    }

    @Override
    public void onStatus(ConversationEvent.StatusChanged change) {
        send(new Frames.Status(
                change.change().to().wireName(),
                change.change().reason(),
                change.text(),
                change.agentName(),
                change.askContact()));
    }

    @Override
    public void onDelta(MessageId reply, String text) {
        send(new Frames.Delta(reply.value(), text));
    }

    @Override
    public void onRestart(MessageId reply) {
        send(new Frames.Restart(reply.value()));
    }

    @Override
    public void onStored(Message own) {
        delivered.set((int) Math.min(Integer.MAX_VALUE, own.seq()));
        send(new Frames.Ack(own.clientMessageId(), own.id().value(), own.seq()));
    }

    @Override
    public void onStoreDelayed(Message own) {
        error(Rejections.notSavedYet(), own.clientMessageId());
    }

    @Override
    public void onStoreFailed(Message own) {
        error(Rejections.notSaved(Duration.ofSeconds(5)), own.clientMessageId());
    }

    private void error(ProblemException problem, String clientMessageId) {
        send(Frames.Error.of(problem, clientMessageId));
    }

    /** Hands the frame to the connection's outbox: never waits for the client, even under a conversation's lock. */
    private void send(Object frame) {
        outbox.send(json.writeValueAsString(frame));
    }

    private static Optional<ConversationId> parse(String id) {
        try {
            return Optional.of(new ConversationId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}

package io.parley.conversation;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One active conversation held in memory on this node: its newest messages, the next seq, the customer messages
 * waiting for a reply, the reply being written and who is listening.
 *
 * <p>Everything happens under {@link #lock()}. The turn's methods ({@link #nextTurn}, {@link #startReply},
 * {@link #delta}, {@link #restartReply}, {@link #finishReply}, the summary's) take it themselves; the others expect
 * their caller to hold it. The lock is reentrant, so both compose; the goal is for every method to take it itself
 * and for the lock to stay inside. Holding the lock while assigning a seq and handing the message to the journal is
 * what keeps seq gapless and writes in order; holding it while notifying listeners is what keeps their events in
 * order.
 *
 * <p>All of it is this node's memory (the next seq, idempotency keys, the rate bucket, the running turn, the summary
 * in the works): a second node would learn a conversation's state from the store when it loads it, and must not
 * hold the same conversation live at the same time.
 */
final class LiveConversation {

    private final ReentrantLock lock = new ReentrantLock();
    private final Conversation conversation;
    private final int recentLimit;
    private final Bucket rateLimit;
    private final ArrayDeque<Message> recent = new ArrayDeque<>();
    private final Map<String, Message> byClientId = new HashMap<>();
    /** Every client message id of the conversation, also of messages no longer in memory. */
    private final Set<String> clientIds;

    private final Map<MessageId, CompletableFuture<Message>> storing = new HashMap<>();
    private final ArrayDeque<Sent> sentNotAnnounced = new ArrayDeque<>();
    private final Set<MessageId> answered = new HashSet<>();
    private final ArrayDeque<Message> awaitingReply = new ArrayDeque<>();
    private final Map<MessageId, CompletableFuture<Message>> replyWaiters = new HashMap<>();
    private final List<ConversationListener> listeners = new ArrayList<>();
    private long lastSeq;
    private long lastVisibleSeq;
    private Instant lastVisibleAt;
    private boolean turnRunning;
    private MessageId streamingId;
    private StringBuilder streamingText;
    private long lastActive;
    private boolean evicted;
    private HistorySummary summary;
    private boolean summarizing;

    /**
     * @param newest the conversation's newest stored messages in seq order
     * @param clientIds every client message id the conversation has stored
     * @param summary the summary of its older turns, or {@link HistorySummary#NONE}
     */
    LiveConversation(
            Conversation conversation,
            List<Message> newest,
            Set<String> clientIds,
            HistorySummary summary,
            int recentLimit,
            Bucket rateLimit,
            long now) {
        this.conversation = conversation;
        this.recentLimit = recentLimit;
        this.rateLimit = rateLimit;
        this.lastSeq = newest.isEmpty() ? 0 : newest.getLast().seq();
        this.lastVisibleSeq = lastSeq;
        this.lastVisibleAt = newest.isEmpty()
                ? conversation.lastMessageAt()
                : newest.getLast().createdAt();
        this.clientIds = new HashSet<>(clientIds);
        newest.forEach(this::remember);
        this.lastActive = now;
        this.summary = summary;
    }

    static Bucket rateLimit(ChatSettings settings) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.rateLimitMessages())
                        .refillGreedy(settings.rateLimitMessages(), settings.rateLimitPeriod())
                        .build())
                .build();
    }

    ReentrantLock lock() {
        return lock;
    }

    /** The conversation as loaded: its ids and owner, which never change. */
    Conversation conversation() {
        return conversation;
    }

    /** The conversation with its message count and last activity as they are now. */
    Conversation current() {
        Conversation c = conversation;
        return new Conversation(
                c.id(),
                c.organization(),
                c.visitor(),
                c.customer(),
                c.status(),
                c.startedAt(),
                lastVisibleAt,
                lastVisibleSeq);
    }

    private void visible(Message message) {
        if (message.seq() > lastVisibleSeq) {
            lastVisibleSeq = message.seq();
            lastVisibleAt = message.createdAt();
        }
    }

    boolean evicted() {
        return evicted;
    }

    void touch(long now) {
        lastActive = now;
    }

    /** Whether the conversation has a message with this client id, even one no longer held in memory. */
    boolean knowsClientId(String clientMessageId) {
        return clientIds.contains(clientMessageId);
    }

    Optional<Message> byClientId(String clientMessageId) {
        return Optional.ofNullable(byClientId.get(clientMessageId));
    }

    /** The future of a message handed to the journal and not yet stored, or a completed one once it is. */
    CompletableFuture<Message> whenStored(Message message) {
        CompletableFuture<Message> pending = storing.get(message.id());
        return pending != null ? pending : CompletableFuture.completedFuture(message);
    }

    /** Takes one message from the rate limit; empty when allowed, otherwise how long until the next is. */
    Optional<Duration> consumeRateLimit() {
        ConsumptionProbe probe = rateLimit.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Creates the conversation's next message (the next seq) and remembers it. */
    Message append(
            MessageRole role,
            String content,
            Instant at,
            String clientMessageId,
            MessageId id,
            MessageId replyTo,
            Integer promptVersion,
            String model) {
        Message message = new Message(
                id,
                conversation.organization(),
                conversation.id(),
                lastSeq + 1,
                role,
                content,
                at,
                clientMessageId,
                replyTo,
                promptVersion,
                model,
                List.of());
        lastSeq = message.seq();
        remember(message);
        return message;
    }

    /** Takes back the message just appended, when the journal refused it: its seq is free again. */
    void revert(Message message) {
        if (message.seq() != lastSeq || recent.peekLast() != message) {
            throw new IllegalStateException("only the newest message can be taken back");
        }
        recent.removeLast();
        lastSeq--;
        if (message.clientMessageId() != null) {
            byClientId.remove(message.clientMessageId());
            clientIds.remove(message.clientMessageId());
        }
    }

    /** A customer's message handed to the journal, and who sent it (null when no listener did). */
    private record Sent(Message message, CompletableFuture<Message> stored, ConversationListener origin) {}

    /** A reply handed to the journal. */
    void storing(Message message, CompletableFuture<Message> future) {
        storing.put(message.id(), future);
    }

    /** A customer's message handed to the journal; {@link #announceStored()} tells everyone once it is stored. */
    void storing(Message message, CompletableFuture<Message> future, ConversationListener origin) {
        storing.put(message.id(), future);
        sentNotAnnounced.add(new Sent(message, future, origin));
    }

    /**
     * Announces the customer's messages that are now stored, strictly in seq order whatever order the store's
     * callbacks arrive in: the sender gets its acknowledgement, other listeners the message, and it is queued for a
     * reply. The journal stores a conversation's messages in order, so a message stored after one that is not yet
     * announced simply waits for it.
     */
    void announceStored() {
        while (!sentNotAnnounced.isEmpty() && sentNotAnnounced.peek().stored().isDone()) {
            Sent sent = sentNotAnnounced.poll();
            Message message = sent.message();
            storing.remove(message.id());
            if (sent.stored().isCompletedExceptionally()) {
                forget(message);
                if (sent.origin() != null) {
                    sent.origin().onStoreFailed(message);
                }
                continue;
            }
            awaitingReply.add(message);
            visible(message);
            if (sent.origin() != null) {
                sent.origin().onStored(message);
            }
            publish(message, sent.origin());
        }
    }

    /** A reply is stored (or, when {@code failed}, will never be). */
    void replyStored(Message reply, boolean failed) {
        storing.remove(reply.id());
        if (failed) {
            forget(reply);
        }
    }

    private void forget(Message message) {
        recent.remove(message);
        if (message.clientMessageId() != null) {
            byClientId.remove(message.clientMessageId());
            clientIds.remove(message.clientMessageId());
        }
    }

    boolean isVisible(Message message) {
        return message.role() != MessageRole.CUSTOMER || !storing.containsKey(message.id());
    }

    /** Visible messages with seq above {@code afterSeq} that are in memory, in order. */
    List<Message> visibleAfter(long afterSeq) {
        return recent.stream().filter(m -> m.seq() > afterSeq && isVisible(m)).toList();
    }

    /** The lowest seq kept in memory, or one past the last when none is. */
    long oldestSeqInMemory() {
        return recent.isEmpty() ? lastSeq + 1 : recent.peekFirst().seq();
    }

    /** The messages held in memory, in seq order. Takes the lock itself. */
    List<Message> snapshot() {
        lock.lock();
        try {
            return List.copyOf(recent);
        } finally {
            lock.unlock();
        }
    }

    /** Starts the turn loop unless one is running; true when the caller must run it. */
    boolean claimTurn() {
        if (turnRunning || awaitingReply.isEmpty()) {
            return false;
        }
        turnRunning = true;
        return true;
    }

    /** What one turn works from, taken under the lock: the message to answer and the conversation around it. */
    record TurnInput(Message question, List<Message> context, HistorySummary summary) {}

    /**
     * The next customer message to answer with what the model should see of the conversation, or empty (and the
     * turn loop ends) when none waits or the engine is stopping. Takes the lock itself.
     */
    Optional<TurnInput> nextTurn(boolean stopping) {
        lock.lock();
        try {
            Message next = stopping ? null : awaitingReply.peek();
            if (next == null) {
                turnRunning = false;
                return Optional.empty();
            }
            return Optional.of(new TurnInput(next, List.copyOf(recent), summary));
        } finally {
            lock.unlock();
        }
    }

    /** Ends the turn loop early (after an unexpected failure); the next stored message starts it again. */
    void abandonTurn() {
        lock.lock();
        try {
            turnRunning = false;
        } finally {
            lock.unlock();
        }
    }

    /** Customer messages left unanswered, e.g. by a crash, that arrived after the last reply. */
    List<Message> unansweredTail(Instant notBefore) {
        List<Message> tail = new ArrayList<>();
        for (var it = recent.descendingIterator(); it.hasNext(); ) {
            Message m = it.next();
            if (m.role() != MessageRole.CUSTOMER) {
                break;
            }
            if (!answered.contains(m.id()) && m.createdAt().isAfter(notBefore)) {
                tail.addFirst(m);
            }
        }
        return tail;
    }

    void awaitReply(List<Message> questions) {
        awaitingReply.addAll(questions);
    }

    /** A reply is being written: listeners see the assistant typing. Takes the lock itself. */
    void startReply(MessageId id) {
        lock.lock();
        try {
            streamingId = id;
            streamingText = new StringBuilder();
            listeners.forEach(l -> l.onTyping(MessageRole.ASSISTANT));
        } finally {
            lock.unlock();
        }
    }

    /** The next piece of the reply being written, to every listener. Takes the lock itself. */
    void delta(String text) {
        lock.lock();
        try {
            streamingText.append(text);
            listeners.forEach(l -> l.onDelta(streamingId, text));
        } finally {
            lock.unlock();
        }
    }

    /** The pieces shown so far are withdrawn: the reply starts again. Takes the lock itself. */
    void restartReply() {
        lock.lock();
        try {
            if (streamingText == null || streamingText.isEmpty()) {
                return;
            }
            streamingText.setLength(0);
            listeners.forEach(l -> l.onRestart(streamingId));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The reply is complete: it becomes the conversation's next message, is handed to the journal, and is shown to
     * every listener and whoever waits for it. Takes the lock itself.
     *
     * @param journal hands the message to the store and returns the future of its storing
     * @return the reply as a message
     */
    Message finishReply(
            MessageId id,
            Message question,
            String text,
            Instant at,
            Integer promptVersion,
            String model,
            Function<Message, CompletableFuture<Message>> journal) {
        lock.lock();
        try {
            Message reply = append(MessageRole.ASSISTANT, text, at, null, id, question.id(), promptVersion, model);
            storing(reply, journal.apply(reply));
            visible(reply);
            streamingId = null;
            streamingText = null;
            awaitingReply.remove(question);
            CompletableFuture<Message> waiter = replyWaiters.remove(question.id());
            if (waiter != null) {
                waiter.complete(reply);
            }
            publish(reply, null);
            return reply;
        } finally {
            lock.unlock();
        }
    }

    /** The summary of the older turns the model sees instead of them. */
    HistorySummary summary() {
        lock.lock();
        try {
            return summary;
        } finally {
            lock.unlock();
        }
    }

    /** Claims the one summary this conversation may have in the works; false when one already is. */
    boolean claimSummary() {
        lock.lock();
        try {
            if (summarizing) {
                return false;
            }
            summarizing = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The summary in the works is done: {@code fresh} replaces the current one if it covers more, null if it failed. */
    void summarized(HistorySummary fresh) {
        lock.lock();
        try {
            summarizing = false;
            if (fresh != null && fresh.throughSeq() > summary.throughSeq()) {
                summary = fresh;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A future completed with the reply to {@code question}, immediately when it is already known. */
    CompletableFuture<Message> replyTo(Message question) {
        for (Message m : recent) {
            if (question.id().equals(m.replyTo())) {
                return CompletableFuture.completedFuture(m);
            }
        }
        return replyWaiters.computeIfAbsent(question.id(), id -> new CompletableFuture<>());
    }

    /** Tells every listener but the one that caused it about a message. */
    void publish(Message message, ConversationListener except) {
        for (ConversationListener listener : listeners) {
            if (listener != except) {
                listener.onMessage(message);
            }
        }
    }

    /** Adds a listener; a reply being written is caught up as one delta so the listener misses nothing. */
    void listen(ConversationListener listener) {
        listeners.add(listener);
        if (streamingId != null) {
            listener.onTyping(MessageRole.ASSISTANT);
            if (!streamingText.isEmpty()) {
                listener.onDelta(streamingId, streamingText.toString());
            }
        }
    }

    void unlisten(ConversationListener listener) {
        listeners.remove(listener);
    }

    /** Nothing would be lost by dropping this from memory: nobody listens, no reply is due, everything is stored. */
    boolean evictIfIdle(long now, long idleNanos) {
        if (!listeners.isEmpty()
                || turnRunning
                || !awaitingReply.isEmpty()
                || !storing.isEmpty()
                || now - lastActive < idleNanos) {
            return false;
        }
        evicted = true;
        replyWaiters.values().forEach(waiter -> waiter.cancel(false));
        return true;
    }

    private void remember(Message message) {
        recent.addLast(message);
        if (message.clientMessageId() != null) {
            byClientId.put(message.clientMessageId(), message);
            clientIds.add(message.clientMessageId());
        }
        if (message.replyTo() != null) {
            answered.add(message.replyTo());
        }
        while (recent.size() > recentLimit) {
            Message dropped = recent.removeFirst();
            if (dropped.clientMessageId() != null) {
                byClientId.remove(dropped.clientMessageId());
            }
            answered.remove(dropped.replyTo());
        }
    }
}

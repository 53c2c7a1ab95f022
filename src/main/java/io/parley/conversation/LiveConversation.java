package io.parley.conversation;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.parley.tenant.MemberId;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One active conversation held in memory on this node, and the state machine of who handles it: its status
 * ({@code bot}, {@code waiting_for_agent}, {@code agent}, {@code resolved}) and assignee, its newest messages, the next
 * seq, the customer messages waiting for a reply and the reply being written.
 *
 * <p>Status changes only through {@link #escalate}, {@link #claim}, {@link #assign}, {@link #release},
 * {@link #resolve} and a customer writing after it was resolved; each change is stored (who, why, when) before
 * anything shows it, then published. While people handle the conversation no turn starts and none goes on: a reply
 * being written when a person takes over is cut where it is (what the customer saw becomes the message), so it never
 * interleaves with the person's messages.
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
    private final Wiring wiring;
    private long lastSeq;
    private ConversationStatus status;
    private MemberId assignee;
    private String assigneeName;
    /** The customer's latest messages in a row that were negative, and the assistant's latest fallbacks in a row. */
    private int negativeRun;

    private int fallbackRun;
    /** When the conversation last started waiting for a person, while it waits; null otherwise (this node's memory). */
    private Instant waitingSince;

    private long lastVisibleSeq;
    private Instant lastVisibleAt;
    private boolean turnRunning;
    private MessageId streamingId;
    private StringBuilder streamingText;
    private long lastActive;
    private boolean evicted;
    private HistorySummary summary;
    private boolean summarizing;
    /** Decisions on changes the assistant proposed, waiting for the turn runner to go on with their turns. */
    private final ArrayDeque<Decided> decided = new ArrayDeque<>();
    /**
     * Whether a change waits for the customer's decision: null when this node does not know (the conversation was
     * loaded; the store knows), so the next turn asks the store.
     */
    private Boolean confirming;

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
            long now,
            Wiring wiring) {
        this.conversation = conversation;
        this.wiring = wiring;
        this.status = conversation.status();
        this.assignee = conversation.assignee();
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
        for (Message m : newest) {
            countRuns(m);
        }
    }

    /**
     * Where the conversation's changes go: events out, messages to the journal, status changes to the store (at once,
     * before they show), and the organization's rules for handing over.
     */
    record Wiring(
            ConversationEvents events,
            Function<Message, CompletableFuture<Message>> journal,
            ConversationStore store,
            HandoffPolicy handoffs,
            java.time.Clock clock) {}

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
                status,
                c.startedAt(),
                lastVisibleAt,
                lastVisibleSeq,
                assignee);
    }

    ConversationStatus status() {
        return status;
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

    /**
     * The conversation was erased: this copy stops here, whatever it was doing; whoever waits for a reply is let go.
     * The caller holds the lock.
     */
    void erased() {
        evicted = true;
        streamingId = null;
        awaitingReply.clear();
        decided.clear();
        replyWaiters.values().forEach(waiter -> waiter.cancel(false));
        replyWaiters.clear();
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
        return append(role, content, at, clientMessageId, id, replyTo, promptVersion, model, null, null, List.of());
    }

    /** Creates a customer's message with its sentiment. */
    Message appendCustomer(String content, Instant at, String clientMessageId, Double sentiment) {
        return append(
                MessageRole.CUSTOMER,
                content,
                at,
                clientMessageId,
                MessageId.generate(),
                null,
                null,
                null,
                null,
                sentiment,
                List.of());
    }

    private Message append(
            MessageRole role,
            String content,
            Instant at,
            String clientMessageId,
            MessageId id,
            MessageId replyTo,
            Integer promptVersion,
            String model,
            MessageAuthor author,
            Double sentiment,
            List<Citation> citations) {
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
                citations,
                author,
                sentiment);
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
            visible(message);
            if (sent.origin() != null) {
                sent.origin().onStored(message);
            }
            publish(message, sent.origin());
            route(message);
        }
    }

    /**
     * Decides who answers a stored customer message: after {@code resolved} it reopens the conversation with the
     * assistant; while the assistant handles it, the organization's rules may hand it to people, else the assistant
     * answers; while people handle it, they do.
     */
    private void route(Message message) {
        countRuns(message);
        if (status == ConversationStatus.RESOLVED) {
            change(ConversationStatus.BOT, "reopened", null, Actor.CUSTOMER, null, null, false);
        }
        if (status != ConversationStatus.BOT) {
            leftToPeople(message);
            return;
        }
        Optional<HandoffPolicy.Handoff> handoff = wiring.handoffs()
                .review(conversation.organization(), message, negativeRun, lastAssistantText(message.seq()));
        if (handoff.isPresent()) {
            escalate(handoff.get(), Actor.PLATFORM);
            leftToPeople(message);
        } else {
            awaitingReply.add(message);
        }
    }

    /** A customer message the assistant will not answer: whoever waits for its reply gets the notice, or null. */
    private void leftToPeople(Message message) {
        CompletableFuture<Message> waiter = replyWaiters.remove(message.id());
        if (waiter != null) {
            waiter.complete(noticeAfter(message.seq()));
        }
    }

    private void countRuns(Message message) {
        if (message.role() == MessageRole.CUSTOMER && message.sentiment() != null) {
            negativeRun = message.sentiment() <= HandoffPolicy.NEGATIVE ? negativeRun + 1 : 0;
        } else if (message.role() == MessageRole.ASSISTANT) {
            fallbackRun = TurnLoop.FALLBACK_MODEL.equals(message.model()) ? fallbackRun + 1 : 0;
        }
    }

    private String lastAssistantText(long beforeSeq) {
        for (var it = recent.descendingIterator(); it.hasNext(); ) {
            Message m = it.next();
            if (m.seq() < beforeSeq && m.role() == MessageRole.ASSISTANT) {
                return m.content();
            }
            if (m.seq() < beforeSeq && m.role() != MessageRole.CUSTOMER) {
                return null;
            }
        }
        return null;
    }

    /**
     * Hands the conversation to people ({@code waiting_for_agent}) for the given reason, telling the customer in
     * words when someone will answer. Nothing happens unless the assistant handles it now. Takes the lock itself.
     */
    void escalate(HandoffPolicy.Handoff handoff, Actor actor) {
        lock.lock();
        try {
            if (status != ConversationStatus.BOT) {
                return;
            }
            HandoffPolicy.Waiting waiting = wiring.handoffs().waiting(conversation.organization(), now());
            change(
                    ConversationStatus.WAITING_FOR_AGENT,
                    handoff.reason(),
                    handoff.detail(),
                    actor,
                    null,
                    waiting.text(),
                    waiting.askContact());
        } finally {
            lock.unlock();
        }
    }

    /**
     * A person takes the conversation: it becomes theirs ({@code agent}). Claiming one's own again changes nothing.
     * Takes the lock itself.
     *
     * @throws ConversationTakenException when another person holds it
     */
    Conversation claim(MessageAuthor member) {
        lock.lock();
        try {
            if (status == ConversationStatus.AGENT && member.id().equals(assignee)) {
                return current();
            }
            if (status == ConversationStatus.AGENT) {
                throw new ConversationTakenException(assigneeName);
            }
            change(ConversationStatus.AGENT, "claimed", null, Actor.member(member), member, joined(member), false);
            return current();
        } finally {
            lock.unlock();
        }
    }

    /** Gives the conversation to a member, whoever held it. Takes the lock itself. */
    Conversation assign(Actor by, MessageAuthor to) {
        lock.lock();
        try {
            if (status == ConversationStatus.AGENT && to.id().equals(assignee)) {
                return current();
            }
            change(ConversationStatus.AGENT, "assigned", null, by, to, joined(to), false);
            return current();
        } finally {
            lock.unlock();
        }
    }

    /** Hands the conversation back to the assistant. Takes the lock itself. */
    Conversation release(Actor by) {
        lock.lock();
        try {
            if (status != ConversationStatus.BOT) {
                change(
                        ConversationStatus.BOT,
                        "released",
                        null,
                        by,
                        null,
                        "You're back with our assistant. Ask anything, or ask for a person again at any time.",
                        false);
            }
            return current();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the conversation resolved; the customer is asked for a rating. Takes the lock itself. */
    Conversation resolve(Actor by) {
        lock.lock();
        try {
            if (status != ConversationStatus.RESOLVED) {
                change(
                        ConversationStatus.RESOLVED,
                        "resolved",
                        null,
                        by,
                        null,
                        "This conversation is resolved. Write again any time if you need more help.",
                        false);
            }
            return current();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A person's message: it becomes the conversation's next message, goes to the journal and to everyone
     * listening. A person who does not hold the conversation takes it first. Takes the lock itself.
     *
     * @throws ConversationTakenException when another person holds it
     */
    Posted postAsAgent(MessageAuthor author, String text) {
        lock.lock();
        try {
            if (status != ConversationStatus.AGENT || !author.id().equals(assignee)) {
                claim(author);
            }
            Message message = append(
                    MessageRole.AGENT,
                    text,
                    now(),
                    null,
                    MessageId.generate(),
                    null,
                    null,
                    null,
                    author,
                    null,
                    List.of());
            CompletableFuture<Message> stored = wiring.journal().apply(message);
            storing(message, stored);
            visible(message);
            publish(message, null);
            return new Posted(message, stored);
        } finally {
            lock.unlock();
        }
    }

    /** A message handed to the journal: {@code stored} completes once it is durable. */
    record Posted(Message message, CompletableFuture<Message> stored) {}

    /** Someone is writing: shown to the customer (a person) or to the team (the customer). Takes the lock itself. */
    void typing(MessageRole role, String name) {
        lock.lock();
        try {
            wiring.events()
                    .publish(new ConversationEvent.Typing(conversation.organization(), conversation.id(), role, name));
        } finally {
            lock.unlock();
        }
    }

    /** Publishes an event of this conversation in its order (a note, a rating). Takes the lock itself. */
    void publish(ConversationEvent event) {
        lock.lock();
        try {
            wiring.events().publish(event);
        } finally {
            lock.unlock();
        }
    }

    /** After a turn's reply: the assistant's fallbacks in a row may hand the conversation to people. */
    void afterReply(boolean modelAskedForPerson) {
        lock.lock();
        try {
            if (modelAskedForPerson) {
                escalate(new HandoffPolicy.Handoff("model_requested", null), Actor.ASSISTANT);
            } else if (fallbackRun > 0) {
                wiring.handoffs()
                        .afterFallbacks(conversation.organization(), fallbackRun)
                        .ifPresent(handoff -> escalate(handoff, Actor.PLATFORM));
            }
        } finally {
            lock.unlock();
        }
    }

    private static String joined(MessageAuthor member) {
        return member.name() + " from our team has joined the conversation.";
    }

    /**
     * The one place status and assignee change. The change is stored first (a failure leaves everything as it was);
     * then a reply being written is cut, customer messages waiting for the assistant are left to people, the notice
     * for the customer becomes a system message, and the change is published.
     */
    private void change(
            ConversationStatus to,
            String reason,
            String detail,
            Actor actor,
            MessageAuthor newAssignee,
            String notice,
            boolean askContact) {
        StatusChange change = new StatusChange(
                UUID.randomUUID().toString(),
                conversation.organization(),
                conversation.id(),
                status,
                to,
                reason,
                detail,
                actor,
                newAssignee == null ? null : newAssignee.id(),
                now());
        wiring.store().saveStatusChange(change);
        if (status == ConversationStatus.WAITING_FOR_AGENT && to == ConversationStatus.AGENT && waitingSince != null) {
            wiring.handoffs()
                    .answered(conversation.organization(), java.time.Duration.between(waitingSince, change.at()));
        }
        waitingSince = to == ConversationStatus.WAITING_FOR_AGENT ? change.at() : null;
        status = to;
        assignee = newAssignee == null ? null : newAssignee.id();
        assigneeName = newAssignee == null ? null : newAssignee.name();
        negativeRun = 0;
        fallbackRun = 0;
        List<CompletableFuture<Message>> unanswered = new ArrayList<>();
        if (to != ConversationStatus.BOT) {
            cutReply();
            for (Message question : awaitingReply) {
                CompletableFuture<Message> waiter = replyWaiters.remove(question.id());
                if (waiter != null) {
                    unanswered.add(waiter);
                }
            }
            awaitingReply.clear();
        }
        Message noticeMessage = null;
        if (notice != null) {
            noticeMessage =
                    append(MessageRole.SYSTEM, notice, change.at(), null, MessageId.generate(), null, null, null);
            storing(noticeMessage, wiring.journal().apply(noticeMessage));
            visible(noticeMessage);
        }
        wiring.events()
                .publish(new ConversationEvent.StatusChanged(current(), change, notice, assigneeName, askContact));
        if (noticeMessage != null) {
            publish(noticeMessage, null);
        }
        for (CompletableFuture<Message> waiter : unanswered) {
            waiter.complete(noticeMessage);
        }
    }

    /** The first notice after a message, telling the customer that people answer it; null when there is none. */
    private Message noticeAfter(long seq) {
        for (Message m : recent) {
            if (m.seq() > seq && m.role() == MessageRole.SYSTEM) {
                return m;
            }
        }
        return null;
    }

    /** A reply being written stops here: what the customer saw of it becomes the message; nothing more is shown. */
    private void cutReply() {
        if (streamingId == null) {
            return;
        }
        if (streamingText.isEmpty()) {
            wiring.events()
                    .publish(new ConversationEvent.ReplyRestarted(
                            conversation.organization(), conversation.id(), streamingId));
        } else {
            Message question = awaitingReply.peek();
            Message cut = append(
                    MessageRole.ASSISTANT,
                    streamingText.toString().stripTrailing(),
                    now(),
                    null,
                    streamingId,
                    question == null ? null : question.id(),
                    null,
                    null);
            storing(cut, wiring.journal().apply(cut));
            visible(cut);
            publish(cut, null);
        }
        streamingId = null;
        streamingText = null;
    }

    /** Whether the assistant may go on with its turn: it still handles the conversation. */
    boolean assistantAnswering() {
        lock.lock();
        try {
            return status == ConversationStatus.BOT;
        } finally {
            lock.unlock();
        }
    }

    private Instant now() {
        return wiring.clock().instant();
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

    boolean turnRunning() {
        return turnRunning;
    }

    /** Starts the turn loop unless one is running; true when the caller must run it. */
    boolean claimTurn() {
        if (turnRunning || (awaitingReply.isEmpty() && decided.isEmpty()) || status != ConversationStatus.BOT) {
            return false;
        }
        turnRunning = true;
        return true;
    }

    /**
     * What one turn works from, taken under the lock: the message to answer and the conversation around it.
     *
     * @param decided when the turn goes on after the customer's decision on a change: the change and the decision
     */
    record TurnInput(Message question, List<Message> context, HistorySummary summary, @Nullable Decided decided) {}

    /** The customer decided on a change the assistant proposed; the turn that proposed it goes on. */
    record Decided(PendingConfirmation confirmation, ToolLedger.Decision decision) {}

    /**
     * The next customer message to answer with what the model should see of the conversation, or empty (and the
     * turn loop ends) when none waits or the engine is stopping. Takes the lock itself.
     */
    Optional<TurnInput> nextTurn(boolean stopping) {
        lock.lock();
        try {
            if (!stopping && status == ConversationStatus.BOT && !decided.isEmpty()) {
                Decided going = decided.poll();
                return Optional.of(
                        new TurnInput(questionOf(going.confirmation()), List.copyOf(recent), summary, going));
            }
            Message next = stopping || status != ConversationStatus.BOT ? null : awaitingReply.peek();
            if (next == null) {
                turnRunning = false;
                return Optional.empty();
            }
            return Optional.of(new TurnInput(next, List.copyOf(recent), summary, null));
        } finally {
            lock.unlock();
        }
    }

    /** The customer message a proposed change answers; the latest customer message if it is no longer in memory. */
    private Message questionOf(PendingConfirmation confirmation) {
        Message latest = null;
        for (Message m : recent) {
            if (m.id().equals(confirmation.question())) {
                return m;
            }
            if (m.role() == MessageRole.CUSTOMER) {
                latest = m;
            }
        }
        return latest != null ? latest : recent.getLast();
    }

    /**
     * A change the assistant proposed waits for the customer's decision: it is stored already; every customer screen
     * shows it now. Takes the lock itself.
     */
    void awaitConfirmation(PendingConfirmation confirmation) {
        lock.lock();
        try {
            confirming = true;
            wiring.events().publish(new ConversationEvent.ConfirmationRequested(confirmation));
        } finally {
            lock.unlock();
        }
    }

    /** The customer decided (the store recorded it once); the turn goes on. Takes the lock itself. */
    void decide(Decided decision) {
        lock.lock();
        try {
            confirming = false;
            decided.add(decision);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a change may wait for the customer's decision (when unsure, yes: the store will say). */
    boolean mayBeConfirming() {
        lock.lock();
        try {
            return !Boolean.FALSE.equals(confirming);
        } finally {
            lock.unlock();
        }
    }

    /** No change waits for the customer any more (the customer moved on and they were expired). */
    void confirmationsClosed() {
        lock.lock();
        try {
            confirming = false;
        } finally {
            lock.unlock();
        }
    }

    /** A tool is running: the customer sees what the assistant is doing. Takes the lock itself. */
    void toolRunning(String status) {
        lock.lock();
        try {
            wiring.events()
                    .publish(new ConversationEvent.ToolRunning(conversation.organization(), conversation.id(), status));
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
        if (status == ConversationStatus.BOT) {
            awaitingReply.addAll(questions);
        }
    }

    /** A reply is being written: listeners see the assistant typing. Takes the lock itself. */
    void startReply(MessageId id) {
        lock.lock();
        try {
            streamingId = id;
            streamingText = new StringBuilder();
            wiring.events()
                    .publish(new ConversationEvent.Typing(
                            conversation.organization(), conversation.id(), MessageRole.ASSISTANT, null));
        } finally {
            lock.unlock();
        }
    }

    /** The next piece of the reply being written, to every listener. Takes the lock itself. */
    void delta(String text) {
        lock.lock();
        try {
            if (streamingId == null) {
                return; // cut: a person took over
            }
            streamingText.append(text);
            wiring.events()
                    .publish(new ConversationEvent.ReplyDelta(
                            conversation.organization(), conversation.id(), streamingId, text));
        } finally {
            lock.unlock();
        }
    }

    /** The pieces shown so far are withdrawn: the reply starts again. Takes the lock itself. */
    void restartReply() {
        lock.lock();
        try {
            if (streamingId == null || streamingText.isEmpty()) {
                return;
            }
            streamingText.setLength(0);
            wiring.events()
                    .publish(new ConversationEvent.ReplyRestarted(
                            conversation.organization(), conversation.id(), streamingId));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The reply is complete: it becomes the conversation's next message, is handed to the journal, and is shown to
     * every listener and whoever waits for it. Takes the lock itself.
     *
     * @return the reply as a message; empty when it was cut because a person took over
     */
    Optional<Message> finishReply(
            MessageId id,
            Message question,
            String text,
            Instant at,
            Integer promptVersion,
            String model,
            List<Citation> citations) {
        lock.lock();
        try {
            if (!id.equals(streamingId)) {
                return Optional.empty();
            }
            Message reply = append(
                    MessageRole.ASSISTANT,
                    text,
                    at,
                    null,
                    id,
                    question.id(),
                    promptVersion,
                    model,
                    null,
                    null,
                    citations);
            countRuns(reply);
            storing(reply, wiring.journal().apply(reply));
            visible(reply);
            streamingId = null;
            streamingText = null;
            awaitingReply.remove(question);
            CompletableFuture<Message> waiter = replyWaiters.remove(question.id());
            if (waiter != null) {
                waiter.complete(reply);
            }
            publish(reply, null);
            return Optional.of(reply);
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

    /**
     * A future completed with the reply to {@code question}, immediately when it is already known; with the notice
     * that people took over (or null) when the assistant will not answer it.
     */
    CompletableFuture<Message> replyTo(Message question) {
        for (Message m : recent) {
            if (question.id().equals(m.replyTo())) {
                return CompletableFuture.completedFuture(m);
            }
        }
        boolean announced = !storing.containsKey(question.id());
        if (announced && !awaitingReply.contains(question)) {
            return CompletableFuture.completedFuture(noticeAfter(question.seq()));
        }
        return replyWaiters.computeIfAbsent(question.id(), id -> new CompletableFuture<>());
    }

    /** Tells every listener but the one that caused it about a message. */
    private void publish(Message message, ConversationListener except) {
        wiring.events().publish(new ConversationEvent.MessageAdded(message, except));
    }

    /** Adds a listener; a reply being written is caught up as one delta so the listener misses nothing. */
    ConversationEvents.Registration listen(ConversationListener listener) {
        ConversationEvents.Registration registration = wiring.events().listen(conversation.id(), listener);
        if (streamingId != null) {
            listener.onTyping(MessageRole.ASSISTANT);
            if (!streamingText.isEmpty()) {
                listener.onDelta(streamingId, streamingText.toString());
            }
        }
        return registration;
    }

    /** Nothing would be lost by dropping this from memory: nobody listens, no reply is due, everything is stored. */
    boolean evictIfIdle(long now, long idleNanos) {
        if (wiring.events().hasListeners(conversation.id())
                || turnRunning
                || !awaitingReply.isEmpty()
                || !decided.isEmpty()
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

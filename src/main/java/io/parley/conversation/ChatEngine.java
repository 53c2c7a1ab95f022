package io.parley.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelReply;
import io.parley.llm.ToolCall;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat engine: customers' messages in, the assistant's streamed replies out, every message kept.
 *
 * <p>Per customer message it stores the message (and only then acknowledges it), then, one turn at a time per
 * conversation and in order, has the organization's model answer it with the current prompt and the history within
 * budget, streams the pieces to whoever listens, and hands the reply to an ordered write-behind journal so that
 * storing it never delays what the customer sees. Closing it finishes the replies being written and stores every
 * message handed over, so a graceful shutdown loses nothing the customer saw.
 *
 * <p>Free of web and persistence types, so the same engine can run behind any edge. Thread-safe.
 */
public final class ChatEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatEngine.class);
    /** Customer messages left unanswered (e.g. by a crash) are answered when their conversation is next opened. */
    private static final Duration ANSWER_LEFTOVERS_WITHIN = Duration.ofMinutes(15);

    private final ConversationStore store;
    private final ChatSettings settings;
    private final Clock clock;
    private final MessageJournal journal;
    private final ChatMetrics metrics;
    private final TurnRunner turns;
    private final TurnLoop loop;
    private final AssistantProfiles profiles;
    private final Rehearsals rehearsals;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final LiveConversations live;
    private final ConversationEvents events;
    private final ToDoubleFunction<String> sentimentOf;
    private final AtomicInteger runningTurns = new AtomicInteger();
    private volatile boolean closing;
    private final ToolLedger ledger;
    private final Redaction redaction;

    /**
     * @param models which model answers each organization (its choice, its budget)
     * @param usage where what each model call used is recorded
     * @param modelTimeout the longest a customer waits for a reply or a clear message
     * @param maxOutputTokens the longest reply a model may write
     * @param events where everything a customer's or a team member's screen shows goes out
     * @param handoffs the organizations' rules for handing conversations to people
     * @param sentimentOf the sentiment of a customer's message, -1 to 1
     * @param knowledge what each organization's knowledge base says about a question
     * @param toolbox the tools each organization's assistant has
     * @param ledger where tool calls are audited, changes wait for the customer's decision, and conversations are
     *     bound to their customer
     * @param redaction what each organization masks of its customers' text: every model call (customer replies, the
     *     playground, suggested replies, summaries) goes through {@link Redaction#beforeModel}, and every customer
     *     message is stored as {@link Redaction#forStorage} returns it
     */
    public ChatEngine(
            ConversationStore store,
            AssistantProfiles profiles,
            ModelRouting models,
            UsageRecorder usage,
            ChatSettings settings,
            Duration modelTimeout,
            int maxOutputTokens,
            Clock clock,
            MeterRegistry meters,
            ConversationEvents events,
            HandoffPolicy handoffs,
            ToDoubleFunction<String> sentimentOf,
            KnowledgeBase knowledge,
            Toolbox toolbox,
            ToolLedger ledger,
            Redaction redaction) {
        this.store = store;
        this.redaction = redaction;
        ModelRouting masked = organization -> redaction.beforeModel(organization, models.modelFor(organization));
        this.ledger = ledger;
        this.events = events;
        this.sentimentOf = sentimentOf;
        this.settings = settings;
        this.clock = clock;
        this.profiles = profiles;
        this.metrics = new ChatMetrics(meters);
        this.journal = new MessageJournal(store, settings.journalCapacity());
        this.live = new LiveConversations(
                store,
                settings,
                this::answerLeftovers,
                new LiveConversation.Wiring(events, journal::append, store, handoffs, clock));
        metrics.gauges(live::size, journal::pending);
        this.timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("parley-engine-timer").daemon().factory());
        this.timer.setRemoveOnCancelPolicy(true);
        ToolCalls tools = new ToolCalls(toolbox, ledger, clock);
        this.loop = new TurnLoop(masked, settings, modelTimeout, maxOutputTokens, clock, timer, metrics, tools);
        Grounder grounder = new Grounder(knowledge);
        this.rehearsals = new Rehearsals(loop, usage, settings, metrics, grounder, tools);
        this.turns = new TurnRunner(
                profiles,
                loop,
                settings,
                clock,
                this::afterReplyStored,
                metrics,
                usage,
                new Summarizer(masked, usage, store, settings, modelTimeout, clock, virtualThreads),
                () -> closing,
                grounder,
                tools);
        long sweepEvery = Math.max(1, settings.idleEviction().toSeconds() / 4);
        timer.scheduleWithFixedDelay(live::evictIdle, sweepEvery, sweepEvery, TimeUnit.SECONDS);
        long purgeEvery = Math.max(60, settings.emptyConversationTtl().toSeconds() / 24);
        timer.scheduleWithFixedDelay(
                () -> virtualThreads.execute(this::purgeEmptyConversations), purgeEvery, purgeEvery, TimeUnit.SECONDS);
    }

    /** For {@link #subscribe}: no replay, live events only. */
    public static final long LIVE_ONLY = Long.MAX_VALUE;

    /** A customer message as accepted: {@code stored} completes once it is durable. */
    public record Posted(Message message, CompletableFuture<Message> stored, boolean duplicate) {}

    /** A listener's registration on one conversation. */
    public interface Subscription extends AutoCloseable {

        ConversationId conversation();

        /** Sends the listener every visible message with {@code seq > afterSeq} again, in order. */
        void replay(long afterSeq);

        @Override
        void close();
    }

    /**
     * Starts a conversation for a visitor.
     *
     * @param customer the verified customer it belongs to (whose id the visitor's token carries), or null
     */
    public Conversation start(Visitor visitor, Customer customer) {
        if (customer != null && !customer.id().equals(visitor.customerId())) {
            throw new IllegalArgumentException(
                    "a conversation can only be bound to the visitor's own verified customer");
        }
        Instant now = clock.instant();
        Conversation conversation = new Conversation(
                ConversationId.generate(),
                visitor.organization(),
                visitor.id(),
                customer,
                ConversationStatus.BOT,
                now,
                now,
                0);
        store.create(conversation);
        return conversation;
    }

    /**
     * The visitor's (or verified customer's) latest open conversation, or a new one.
     *
     * @param admit runs only when a new conversation is about to start, to refuse it (by throwing) when the caller
     *     starts too many
     */
    public Conversation resumeOrStart(Visitor visitor, Customer customer, Runnable admit) {
        Optional<Conversation> latest = visitor.customerId() != null
                ? store.latestOpenOfCustomer(visitor.organization(), visitor.customerId())
                : store.latestOpenOfVisitor(visitor.organization(), visitor.id());
        return latest.orElseGet(() -> {
            admit.run();
            return start(visitor, customer);
        });
    }

    /** The conversation if it exists and is this visitor's; otherwise empty, whichever the reason. */
    public Optional<Conversation> find(Visitor visitor, ConversationId id) {
        return find(visitor.organization(), id).filter(visitor::owns);
    }

    /** One of an organization's conversations, for its members. */
    public Optional<Conversation> find(OrganizationId organization, ConversationId id) {
        return live.current(organization, id).or(() -> store.find(organization, id));
    }

    /**
     * Accepts a customer's message: validates it, assigns the next seq and hands it to the journal. Returns at once;
     * {@code origin} (when not null) is told when it is stored, and every other listener sees it then. Resending a
     * {@code clientMessageId} returns the first message and stores nothing.
     *
     * @throws ConversationNotFoundException when the conversation is not this visitor's
     * @throws SendRejectedException when the message is empty, too long, too fast, or cannot be stored now
     */
    public Posted post(
            Visitor visitor, ConversationId id, String text, String clientMessageId, ConversationListener origin) {
        try {
            return accept(visitor, id, text, clientMessageId, origin, System.nanoTime());
        } catch (SendRejectedException e) {
            metrics.rejected(e.reason());
            throw e;
        }
    }

    private Posted accept(
            Visitor visitor,
            ConversationId id,
            String text,
            String clientMessageId,
            ConversationListener origin,
            long arrivedAt) {
        text = withoutNul(text);
        if (text == null || text.isBlank()) {
            throw new SendRejectedException(SendRejectedException.Reason.EMPTY, null);
        }
        if (text.codePointCount(0, text.length()) > ChatSettings.MAX_MESSAGE_LENGTH) {
            throw new SendRejectedException(SendRejectedException.Reason.TOO_LONG, null);
        }
        if (clientMessageId != null && (clientMessageId.isBlank() || clientMessageId.length() > 100)) {
            throw new SendRejectedException(SendRejectedException.Reason.BAD_CLIENT_ID, null);
        }
        Conversation conversation = find(visitor, id).orElseThrow(ConversationNotFoundException::new);
        // Scored and masked before taking the conversation's lock: microseconds, but never while others wait.
        double sentiment = Math.clamp(sentimentOf.applyAsDouble(text), -1, 1);
        String content = redaction.forStorage(conversation.organization(), text);
        Posted posted = live.with(conversation, active -> {
            if (clientMessageId != null) {
                Optional<Message> seen = active.byClientId(clientMessageId);
                if (seen.isPresent()) {
                    return new Posted(seen.get(), active.whenStored(seen.get()), true);
                }
                if (active.knowsClientId(clientMessageId)) {
                    return null; // a resend of a message no longer in memory: looked up below, outside the lock
                }
            }
            if (closing) {
                throw new SendRejectedException(SendRejectedException.Reason.UNAVAILABLE, Duration.ofSeconds(5));
            }
            active.consumeRateLimit().ifPresent(wait -> {
                throw new SendRejectedException(SendRejectedException.Reason.RATE_LIMITED, wait);
            });
            Message message = active.appendCustomer(content, clock.instant(), clientMessageId, sentiment);
            CompletableFuture<Message> stored = journal.offerCustomerMessage(message);
            if (stored == null) {
                active.revert(message);
                throw new SendRejectedException(SendRejectedException.Reason.UNAVAILABLE, Duration.ofSeconds(5));
            }
            active.storing(message, stored, origin);
            stored.thenRun(() -> metrics.acknowledged(arrivedAt));
            stored.whenCompleteAsync((ok, failure) -> afterCustomerMessageStored(active), virtualThreads);
            if (origin != null) {
                // The timer only hands over: taking a conversation's lock must never hold up other conversations'
                // timers.
                var reminder = timer.schedule(
                        () -> virtualThreads.execute(() -> remindNotStoredYet(active, message, origin)),
                        settings.ackTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
                stored.whenComplete((ok, failure) -> reminder.cancel(false));
            }
            return new Posted(message, stored, false);
        });
        if (posted != null) {
            return posted;
        }
        Message first = store.messageByClientId(conversation.organization(), id, clientMessageId)
                .orElseThrow(() ->
                        new SendRejectedException(SendRejectedException.Reason.UNAVAILABLE, Duration.ofSeconds(1)));
        return new Posted(first, CompletableFuture.completedFuture(first), true);
    }

    /**
     * The customer's decision on a change the assistant proposed: "yes" runs it, "no" tells the assistant it was
     * declined; either way the turn that proposed it goes on. A decision is taken once: a confirmation that is
     * unknown, another conversation's, already decided or expired is refused, and so is one while people handle the
     * conversation.
     *
     * @throws ConversationNotFoundException when the conversation is not this visitor's
     * @throws ConfirmationNotOpenException when there is no such open confirmation in this conversation
     */
    public void confirm(Visitor visitor, ConversationId id, String confirmationId, boolean yes) {
        Conversation conversation = find(visitor, id).orElseThrow(ConversationNotFoundException::new);
        if (confirmationId == null || confirmationId.isBlank() || confirmationId.length() > 64) {
            throw new ConfirmationNotOpenException();
        }
        live.with(conversation, active -> {
            if (!active.assistantAnswering() || closing) {
                throw new ConfirmationNotOpenException();
            }
            ToolLedger.Decision decision = yes ? ToolLedger.Decision.YES : ToolLedger.Decision.NO;
            PendingConfirmation decided = ledger.decide(
                            conversation.organization(), id, confirmationId, decision, clock.instant())
                    .orElseThrow(ConfirmationNotOpenException::new);
            active.decide(new LiveConversation.Decided(decided, decision));
            startTurnsIfDue(active);
            return null;
        });
    }

    /** The changes waiting for the customer's decision in the visitor's conversation (shown again on reconnecting). */
    public List<PendingConfirmation> openConfirmations(Visitor visitor, ConversationId id) {
        Conversation conversation = find(visitor, id).orElseThrow(ConversationNotFoundException::new);
        return ledger.open(conversation.organization(), id);
    }

    /** Erased conversations leave this node's memory at once, whatever they were doing. */
    void forget(List<ConversationId> conversations) {
        conversations.forEach(live::forget);
    }

    /** The audit of a conversation's tool calls, oldest first; empty when it is not the organization's. */
    public Optional<List<ToolCallRecord>> toolCalls(OrganizationId organization, ConversationId id) {
        return find(organization, id).map(c -> ledger.calls(organization, id));
    }

    /**
     * The text without NUL characters, whichever way it came (WebSocket, REST, the inbox): NUL has no place in text,
     * and PostgreSQL refuses it in a text column.
     */
    private static String withoutNul(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }

    /** The reply to a customer's message, once it is complete (at once if it already is). */
    public CompletableFuture<Message> replyTo(Visitor visitor, Message question) {
        Conversation conversation =
                find(visitor, question.conversation()).orElseThrow(ConversationNotFoundException::new);
        Optional<Message> stored = store.replyTo(conversation.organization(), conversation.id(), question.id());
        if (stored.isPresent()) {
            return CompletableFuture.completedFuture(stored.get());
        }
        return live.with(conversation, active -> active.replyTo(question));
    }

    /**
     * Registers a listener: it first gets every visible message with {@code seq > afterSeq}, in order, then live
     * events, including a reply already being written.
     *
     * @throws ConversationNotFoundException when the conversation is not this visitor's
     */
    public Subscription subscribe(Visitor visitor, ConversationId id, long afterSeq, ConversationListener listener) {
        Conversation conversation = find(visitor, id).orElseThrow(ConversationNotFoundException::new);
        List<Message> older = live.olderThanMemory(conversation, afterSeq);
        return live.with(conversation, active -> {
            live.replay(active, afterSeq, older, listener);
            return new LiveSubscription(live, active, listener, active.listen(listener));
        });
    }

    /** Every visible message of the visitor's conversation, in order. */
    public List<Message> messages(Visitor visitor, ConversationId id) {
        return live.messages(find(visitor, id).orElseThrow(ConversationNotFoundException::new));
    }

    /** Every visible message of one of the organization's conversations, in order, for its members. */
    public Optional<List<Message>> messages(OrganizationId organization, ConversationId id) {
        return find(organization, id).map(live::messages);
    }

    /** One page of the organization's conversations, most recently active first; {@code status} null for all. */
    public ConversationStore.ConversationPage list(
            OrganizationId organization, ConversationStatus status, int page, int size) {
        return store.list(organization, status, page, size);
    }

    /**
     * Records the visitor's rating of a reply in their conversation.
     *
     * @return false when the message is not a reply (only replies can be rated)
     * @throws ConversationNotFoundException when the message is not in one of this visitor's conversations
     */
    public boolean rate(Visitor visitor, MessageId messageId, Feedback feedback) {
        Message message = store.message(visitor.organization(), messageId)
                .or(() -> live.message(visitor.organization(), messageId))
                .filter(m -> find(visitor, m.conversation()).isPresent())
                .orElseThrow(ConversationNotFoundException::new);
        if (message.role() != MessageRole.ASSISTANT && message.role() != MessageRole.AGENT) {
            return false;
        }
        Optional<CompletableFuture<Message>> pending =
                live.ifActive(message.conversation(), a -> a.whenStored(message));
        if (pending.isPresent()) {
            CompletableFuture<Message> stored = pending.get();
            try {
                stored.get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SendRejectedException(SendRejectedException.Reason.UNAVAILABLE, Duration.ofSeconds(5));
            } catch (ExecutionException | TimeoutException e) {
                throw new SendRejectedException(SendRejectedException.Reason.UNAVAILABLE, Duration.ofSeconds(5));
            }
        }
        store.saveFeedback(visitor.organization(), messageId, feedback);
        return true;
    }

    /**
     * A person of the team takes the conversation: it becomes theirs and the assistant stops answering it.
     *
     * @throws ConversationNotFoundException when it is not one of the organization's conversations
     * @throws ConversationTakenException when another person holds it
     */
    public Conversation claim(OrganizationId organization, ConversationId id, MessageAuthor member) {
        return live.with(existing(organization, id), active -> active.claim(member));
    }

    /** Gives the conversation to a member of the team, whoever holds it. */
    public Conversation assign(OrganizationId organization, ConversationId id, Actor by, MessageAuthor to) {
        return live.with(existing(organization, id), active -> active.assign(by, to));
    }

    /** Hands the conversation back to the assistant. */
    public Conversation release(OrganizationId organization, ConversationId id, Actor by) {
        return live.with(existing(organization, id), active -> active.release(by));
    }

    /** Marks the conversation resolved; the customer is asked to rate it, and writing again reopens it. */
    public Conversation resolve(OrganizationId organization, ConversationId id, Actor by) {
        return live.with(existing(organization, id), active -> active.resolve(by));
    }

    /**
     * Hands a conversation the assistant handles to people, as the model's {@code transfer_to_human} tool or an
     * explicit request does. Nothing happens when people already handle it.
     */
    public Conversation escalate(
            OrganizationId organization, ConversationId id, HandoffPolicy.Handoff handoff, Actor by) {
        return live.with(existing(organization, id), active -> {
            active.escalate(handoff, by);
            return active.current();
        });
    }

    /**
     * A person's message to the customer, delivered live with their display name; a person who does not hold the
     * conversation takes it first. {@code stored} completes once it is durable.
     *
     * @throws SendRejectedException when the text is empty or too long
     * @throws ConversationTakenException when another person holds it
     */
    public Posted postAsAgent(OrganizationId organization, ConversationId id, MessageAuthor author, String typed) {
        String text = withoutNul(typed);
        if (text == null || text.isBlank()) {
            throw new SendRejectedException(SendRejectedException.Reason.EMPTY, null);
        }
        if (text.codePointCount(0, text.length()) > ChatSettings.MAX_MESSAGE_LENGTH) {
            throw new SendRejectedException(SendRejectedException.Reason.TOO_LONG, null);
        }
        if (closing) {
            throw new SendRejectedException(SendRejectedException.Reason.UNAVAILABLE, Duration.ofSeconds(5));
        }
        LiveConversation.Posted posted =
                live.with(existing(organization, id), active -> active.postAsAgent(author, text));
        return new Posted(posted.message(), posted.stored(), false);
    }

    /** A person of the team is typing: the customer sees it, with the person's name. */
    public void agentTyping(OrganizationId organization, ConversationId id, MessageAuthor member) {
        live.with(existing(organization, id), active -> {
            active.typing(MessageRole.AGENT, member.name());
            return null;
        });
    }

    /** The customer is typing: the team sees it. */
    public void customerTyping(Visitor visitor, ConversationId id) {
        Conversation conversation = find(visitor, id).orElseThrow(ConversationNotFoundException::new);
        live.with(conversation, active -> {
            active.typing(MessageRole.CUSTOMER, null);
            return null;
        });
    }

    /** An internal note on the conversation: stored, and shown to the team only. */
    public Note addNote(OrganizationId organization, ConversationId id, MessageAuthor author, String text) {
        Conversation conversation = existing(organization, id);
        Note note = new Note(
                UUID.randomUUID().toString(),
                organization,
                id,
                author,
                withoutNul(text).strip(),
                clock.instant());
        store.saveNote(note);
        live.with(conversation, active -> {
            active.publish(new ConversationEvent.NoteAdded(note));
            return null;
        });
        return note;
    }

    /** The team's notes on one of the organization's conversations, oldest first. */
    public List<Note> notes(OrganizationId organization, ConversationId id) {
        existing(organization, id);
        return store.notes(organization, id);
    }

    /** Every change of who handled one of the organization's conversations, oldest first. */
    public List<StatusChange> statusChanges(OrganizationId organization, ConversationId id) {
        existing(organization, id);
        return store.statusChanges(organization, id);
    }

    /** The conversations people handle or should, the longest quiet first: the inbox's queue. */
    public List<Conversation> withPeople(OrganizationId organization, int limit) {
        return store.withPeople(organization, limit).stream()
                .map(c -> live.current(organization, c.id()).orElse(c))
                .toList();
    }

    /** The same customer's (or visitor's) other conversations, newest first. */
    public List<Conversation> earlierOf(OrganizationId organization, ConversationId id, int limit) {
        return store.earlierOf(organization, existing(organization, id), limit);
    }

    /** The customer's rating of one of the organization's conversations, and the email they left, if any. */
    public Optional<ConversationRating> rating(OrganizationId organization, ConversationId id) {
        return store.rating(organization, id);
    }

    /** The customer's thumbs up or down on the conversation's replies, by message. */
    public java.util.Map<MessageId, Feedback> feedback(OrganizationId organization, ConversationId id) {
        return store.feedback(organization, id);
    }

    public Optional<String> contact(OrganizationId organization, ConversationId id) {
        return store.contact(organization, id);
    }

    /**
     * The customer rates their conversation once it is resolved (again to change it).
     *
     * @return false when the conversation is not resolved
     * @throws ConversationNotFoundException when it is not this visitor's
     */
    public boolean rateConversation(Visitor visitor, ConversationId id, int score, String comment) {
        Conversation conversation = find(visitor, id).orElseThrow(ConversationNotFoundException::new);
        if (conversation.status() != ConversationStatus.RESOLVED) {
            return false;
        }
        ConversationRating rating = new ConversationRating(score, comment, clock.instant());
        store.saveRating(conversation.organization(), id, rating);
        live.with(conversation, active -> {
            active.publish(new ConversationEvent.CustomerFeedback(conversation.organization(), id, rating, null));
            return null;
        });
        return true;
    }

    /** The email address the customer leaves for the team to reach them when nobody can answer now. */
    public void leaveContact(Visitor visitor, ConversationId id, String email) {
        Conversation conversation = find(visitor, id).orElseThrow(ConversationNotFoundException::new);
        store.saveContact(conversation.organization(), id, email);
        live.with(conversation, active -> {
            active.publish(new ConversationEvent.CustomerFeedback(conversation.organization(), id, null, email));
            return null;
        });
    }

    /** A reply for a person of the team to edit before sending, drafted by the organization's model. */
    public String suggestReply(OrganizationId organization, ConversationId id) {
        Conversation conversation = existing(organization, id);
        return rehearsals.suggest(organization, profiles.current(organization), live.messages(conversation));
    }

    /** Whether a turn of the assistant is running in the conversation on this node. */
    boolean isAnswering(OrganizationId organization, ConversationId id) {
        return live.ifActive(id, LiveConversation::turnRunning).orElse(false);
    }

    /** The events port, for the team's screens to listen to. */
    public ConversationEvents events() {
        return events;
    }

    private Conversation existing(OrganizationId organization, ConversationId id) {
        return find(organization, id).orElseThrow(ConversationNotFoundException::new);
    }

    /**
     * What the playground shows for one test message: the reply a customer would get from the organization's model
     * and this profile, with the model, tokens, cost and latency.
     *
     * @param answered false when no model answered and the reply is the fallback message
     */
    public record TryOut(
            String reply,
            String provider,
            String model,
            ModelReply.Usage usage,
            BigDecimal cost,
            Duration latency,
            List<ToolCall> toolCalls,
            List<Citation> citations,
            boolean answered) {}

    /**
     * Answers a test message as a customer would be answered, with the given profile (the saved one or an unsaved
     * draft) and an earlier exchange: the same prompt, model, budget and turn loop, but nothing is stored as a
     * conversation, nothing reaches a customer. The model call is recorded in the usage ledger as the playground's.
     *
     * @param history earlier messages of the test exchange, oldest first
     * @throws SendRejectedException when the message is empty or too long
     */
    public TryOut tryOut(
            OrganizationId organization, ProfileVersion profile, List<ChatMessage> history, String message) {
        return rehearsals.tryOut(organization, profile, history, message);
    }

    /**
     * Deletes conversations that never got a message within {@link ChatSettings#emptyConversationTtl()} (chats
     * opened and abandoned), except those open on this node. Runs on a schedule; safe to call any time.
     *
     * @return how many were deleted
     */
    public int purgeEmptyConversations() {
        try {
            Instant before = clock.instant().minus(settings.emptyConversationTtl());
            int deleted = 0;
            int batch;
            do {
                batch = store.deleteEmpty(before, live.ids(), 1_000);
                deleted += batch;
            } while (batch == 1_000);
            if (deleted > 0) {
                log.info("Deleted {} conversation(s) that never got a message", deleted);
            }
            return deleted;
        } catch (StoreUnavailableException e) {
            log.warn("Could not purge empty conversations now; trying again later");
            return 0;
        }
    }

    /** Conversations held in memory right now. */
    public int activeConversations() {
        return live.size();
    }

    /** Messages handed over but not yet stored. */
    public int unstoredMessages() {
        return journal.pending();
    }

    /**
     * Stops taking messages, lets the replies being written finish, and stores everything handed over, each within
     * the timeout.
     */
    public void close(Duration timeout) {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (runningTurns) {
            while (runningTurns.get() > 0 && System.nanoTime() < deadline) {
                try {
                    runningTurns.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        boolean drained = journal.drain(
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(5));
        if (!drained) {
            log.error("Stopped with {} message(s) not yet stored", journal.pending());
        }
        journal.close();
        timer.shutdownNow();
        virtualThreads.shutdown();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(20));
    }

    private void afterCustomerMessageStored(LiveConversation active) {
        active.lock().lock();
        try {
            active.announceStored();
            startTurnsIfDue(active);
        } finally {
            active.lock().unlock();
        }
    }

    private void afterReplyStored(LiveConversation active, Message reply) {
        active.whenStored(reply)
                .whenCompleteAsync(
                        (ok, failure) -> {
                            active.lock().lock();
                            try {
                                active.replyStored(reply, failure != null);
                            } finally {
                                active.lock().unlock();
                            }
                        },
                        virtualThreads);
    }

    private void remindNotStoredYet(LiveConversation active, Message message, ConversationListener origin) {
        active.lock().lock();
        try {
            if (!active.whenStored(message).isDone()) {
                origin.onStoreDelayed(message);
            }
        } finally {
            active.lock().unlock();
        }
    }

    /** Called under the lock of a conversation just loaded: answers customer messages a crash left unanswered. */
    private void answerLeftovers(LiveConversation active) {
        active.awaitReply(active.unansweredTail(clock.instant().minus(ANSWER_LEFTOVERS_WITHIN)));
        startTurnsIfDue(active);
    }

    /** Called under the conversation's lock. */
    private void startTurnsIfDue(LiveConversation active) {
        if (closing || !active.claimTurn()) {
            return;
        }
        runningTurns.incrementAndGet();
        virtualThreads.execute(() -> {
            try {
                turns.run(active);
            } finally {
                if (runningTurns.decrementAndGet() == 0) {
                    synchronized (runningTurns) {
                        runningTurns.notifyAll();
                    }
                }
            }
        });
    }
}

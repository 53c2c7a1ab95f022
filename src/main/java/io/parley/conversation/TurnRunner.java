package io.parley.conversation;

import io.parley.llm.ChatMessage;
import io.parley.llm.DeltaSink;
import io.parley.llm.Grounding;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.ProfileVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers a conversation's waiting customer messages one at a time, in order: for each, it builds the model's input
 * (the organization's current prompt and the history within budget), streams the reply to the listeners, then
 * appends the reply and hands it to the journal, so that showing it never waits for the database.
 *
 * <p>Every customer gets a reply within the model timeout: a model that fails before showing anything is retried
 * while time allows; otherwise the organization's fallback message is the reply. No failure leaves a conversation
 * stuck.
 */
final class TurnRunner {

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);
    static final String FALLBACK_MODEL = "fallback";
    /**
     * The longest reply kept, in characters: well past any support answer, and well inside what the store keeps, so
     * that a runaway model can neither flood a customer nor produce a reply that cannot be stored.
     */
    static final int MAX_REPLY_LENGTH = 8_000;

    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(2);

    private final AssistantProfiles profiles;
    private final ModelRouting models;
    private final MessageJournal journal;
    private final ChatSettings settings;
    private final Duration modelTimeout;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final StoredCallbacks storedCallbacks;
    private final ChatMetrics metrics;
    private final BooleanSupplier stopping;

    /** What to do once a reply handed to the journal is stored (or lost). */
    interface StoredCallbacks {
        void whenStored(LiveConversation live, Message message);
    }

    TurnRunner(
            AssistantProfiles profiles,
            ModelRouting models,
            MessageJournal journal,
            ChatSettings settings,
            Duration modelTimeout,
            Clock clock,
            ScheduledExecutorService timer,
            StoredCallbacks storedCallbacks,
            ChatMetrics metrics,
            BooleanSupplier stopping) {
        this.profiles = profiles;
        this.models = models;
        this.journal = journal;
        this.settings = settings;
        this.modelTimeout = modelTimeout;
        this.clock = clock;
        this.timer = timer;
        this.storedCallbacks = storedCallbacks;
        this.metrics = metrics;
        this.stopping = stopping;
    }

    /** Runs until no customer message of this conversation is waiting for a reply. */
    void run(LiveConversation live) {
        Conversation conversation = live.conversation();
        MDC.put("organizationId", conversation.organization().value());
        MDC.put("conversationId", conversation.id().value());
        try {
            while (true) {
                Message question;
                List<Message> context;
                live.lock().lock();
                try {
                    if (stopping.getAsBoolean()) {
                        // Shutting down: the reply being written is finished, nothing new is started. What waits is
                        // stored, and is answered when the conversation is next opened.
                        live.abandonTurn();
                        return;
                    }
                    Optional<Message> next = live.nextQuestion();
                    if (next.isEmpty()) {
                        return;
                    }
                    question = next.get();
                    context = live.snapshot();
                } finally {
                    live.lock().unlock();
                }
                try {
                    answer(live, question, context);
                } catch (RuntimeException e) {
                    log.error("A turn failed unexpectedly; the conversation waits for its next message", e);
                    live.lock().lock();
                    try {
                        live.abandonTurn();
                    } finally {
                        live.lock().unlock();
                    }
                    return;
                }
            }
        } finally {
            MDC.remove("organizationId");
            MDC.remove("conversationId");
        }
    }

    private void answer(LiveConversation live, Message question, List<Message> context) {
        MessageId replyId = MessageId.generate();
        live.lock().lock();
        try {
            live.startReply(replyId);
        } finally {
            live.lock().unlock();
        }
        ProfileVersion profile;
        Reply reply;
        try {
            profile = profiles.current(live.conversation().organization());
            reply = generate(live, profile, context, question);
        } catch (RuntimeException e) {
            // Without the organization's profile there is nothing safe to say but that we cannot help now.
            log.error("Cannot load the organization's profile; replying with the default fallback", e);
            profile = null;
            reply = new Reply(BusinessProfile.DEFAULT_FALLBACK, FALLBACK_MODEL);
        }

        live.lock().lock();
        try {
            Message stored = live.append(
                    MessageRole.ASSISTANT,
                    reply.text(),
                    clock.instant(),
                    null,
                    replyId,
                    question.id(),
                    profile == null ? null : profile.version(),
                    reply.model());
            live.storing(stored, journal.append(stored));
            storedCallbacks.whenStored(live, stored);
            live.finishReply(stored, question);
        } finally {
            live.lock().unlock();
        }
    }

    private record Reply(String text, String model) {}

    private Reply generate(LiveConversation live, ProfileVersion profile, List<Message> context, Message question) {
        String systemPrompt = profile.prompt();
        int historyBudget = Math.max(0, settings.historyTokens() - HistoryWindow.estimateTokens(systemPrompt));
        List<ChatMessage> history = HistoryWindow.fit(context, question, historyBudget);
        LanguageModel model = models.modelFor(live.conversation().organization());
        StreamedText streamed = new StreamedText(live, metrics);
        Instant deadline = clock.instant().plus(modelTimeout);
        for (int attempt = 0; ; attempt++) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            try {
                if (!remaining.isPositive()) {
                    throw new ModelException(ModelException.Kind.TIMEOUT, "no time left for another attempt");
                }
                ModelRequest request = ModelRequest.of(
                        live.conversation().organization(),
                        systemPrompt,
                        history,
                        grounding(profile.profile()),
                        remaining);
                ModelReply reply;
                try {
                    reply = callWithWatchdog(model, request, streamed, remaining);
                } catch (StreamedText.LongEnough enough) {
                    log.warn("Model {} went past {} characters; the reply was cut there", model.id(), MAX_REPLY_LENGTH);
                    metrics.replied(model.id(), false, streamed.elapsed());
                    return new Reply(streamed.text().stripTrailing() + " …", model.id());
                }
                metrics.usage(reply.model(), reply.usage());
                metrics.replied(reply.model(), false, streamed.elapsed());
                return new Reply(reply.text(), reply.model());
            } catch (ModelException e) {
                Duration wait = e.retryAfter().orElse(Duration.ofMillis(250L << attempt));
                boolean retry = e.retriable()
                        && !streamed.started()
                        && attempt < settings.modelRetries()
                        && wait.compareTo(Duration.between(clock.instant(), deadline)) < 0;
                log.warn(
                        "Model {} failed ({}){}",
                        model.id(),
                        e.kind(),
                        retry ? "; retrying" : "; replying with the fallback");
                metrics.modelFailed(model.id(), e.kind());
                if (!retry || !pause(wait)) {
                    metrics.replied(model.id(), true, streamed.elapsed());
                    return fallback(profile.profile(), streamed);
                }
            } catch (RuntimeException e) {
                log.error("Model {} failed unexpectedly; replying with the fallback", model.id(), e);
                metrics.replied(model.id(), true, streamed.elapsed());
                return fallback(profile.profile(), streamed);
            }
        }
    }

    /**
     * Adapters honour the request's timeout themselves; the watchdog interrupts the call if one does not, so that
     * no conversation can hang on a model.
     */
    private ModelReply callWithWatchdog(LanguageModel model, ModelRequest request, DeltaSink sink, Duration remaining) {
        Thread caller = Thread.currentThread();
        ScheduledFuture<?> watchdog =
                timer.schedule(caller::interrupt, remaining.plus(WATCHDOG_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        try {
            return model.generate(request, sink);
        } finally {
            watchdog.cancel(false);
            if (Thread.interrupted()) {
                log.warn("Model {} overran its timeout and was interrupted", model.id());
            }
        }
    }

    /** The fallback message, after whatever part of a reply the customer already saw. */
    private static Reply fallback(BusinessProfile profile, StreamedText streamed) {
        String text = streamed.started()
                ? streamed.text().stripTrailing() + " …\n\n" + profile.fallbackMessage()
                : profile.fallbackMessage();
        return new Reply(text, FALLBACK_MODEL);
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Grounding grounding(BusinessProfile p) {
        return new Grounding(
                p.businessName(),
                p.description(),
                p.rules(),
                p.guidelines(),
                p.values(),
                p.tone(),
                p.fallbackMessage());
    }

    /** Passes each piece of the reply to the listeners as it arrives, remembering what was shown. */
    private static final class StreamedText implements DeltaSink {

        private final LiveConversation live;
        private final ChatMetrics metrics;
        private final long startedAt = System.nanoTime();
        private final StringBuilder text = new StringBuilder();

        StreamedText(LiveConversation live, ChatMetrics metrics) {
            this.live = live;
            this.metrics = metrics;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startedAt);
        }

        /** Stops the model once the reply has reached {@link #MAX_REPLY_LENGTH}. */
        static final class LongEnough extends RuntimeException {
            LongEnough() {
                super("reply long enough", null, false, false);
            }
        }

        @Override
        public void onDelta(String piece) {
            if (piece == null || piece.isEmpty()) {
                return;
            }
            int room = MAX_REPLY_LENGTH - text.length();
            if (room <= 0) {
                throw new LongEnough();
            }
            if (piece.length() > room) {
                piece = piece.substring(0, room);
            }
            if (text.isEmpty()) {
                metrics.firstDelta(elapsed());
            }
            text.append(piece);
            live.lock().lock();
            try {
                live.delta(piece);
            } finally {
                live.lock().unlock();
            }
        }

        boolean started() {
            return !text.isEmpty();
        }

        String text() {
            return text.toString();
        }
    }
}

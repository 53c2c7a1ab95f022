package io.parley.conversation;

import io.parley.llm.ChatMessage;
import io.parley.llm.DeltaSink;
import io.parley.llm.Grounding;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.Passage;
import io.parley.llm.Tool;
import io.parley.llm.ToolCall;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn of the assistant, as a bounded loop: build the request, call the organization's model, stream its text; if
 * it asks for tools, run them and call it again with their results; at most {@link #MAX_STEPS} calls, all within the
 * model timeout. Knows nothing of where the reply goes: the live engine streams it to the conversation's listeners, the
 * playground collects it.
 *
 * <p>Every turn ends with something to say within the timeout: a model that fails is retried while time allows (a
 * reply it had begun is withdrawn first, so the customer sees it restart cleanly), and otherwise the organization's
 * fallback message is the reply. Thread-safe; a turn runs on its caller's thread.
 */
final class TurnLoop {

    private static final Logger log = LoggerFactory.getLogger(TurnLoop.class);
    static final String FALLBACK_MODEL = "fallback";
    /**
     * Model calls one turn may make: enough to identify a customer, look up their order and answer, never a runaway
     * loop.
     */
    static final int MAX_STEPS = 8;

    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(2);

    private final ModelRouting models;
    private final ChatSettings settings;
    private final Duration modelTimeout;
    private final int maxOutputTokens;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ChatMetrics metrics;
    private final ToolCalls toolCalls;

    TurnLoop(
            ModelRouting models,
            ChatSettings settings,
            Duration modelTimeout,
            int maxOutputTokens,
            Clock clock,
            ScheduledExecutorService timer,
            ChatMetrics metrics,
            ToolCalls toolCalls) {
        this.models = models;
        this.settings = settings;
        this.modelTimeout = modelTimeout;
        this.maxOutputTokens = maxOutputTokens;
        this.clock = clock;
        this.timer = timer;
        this.metrics = metrics;
        this.toolCalls = toolCalls;
    }

    /**
     * How a turn ended.
     *
     * @param text the reply as the customer sees it
     * @param reply the last model reply, with the usage of every call of the turn added up; null when the fallback
     *     message was sent because no model answered
     * @param toolCalls the tools the model asked for during the turn, in order
     * @param latency from the turn's start to its end
     * @param handOver whether the model asked to hand the conversation to a person
     * @param proposed a change the model asked for, which waits for the customer's decision; null for none
     * @param turnMessages what the turn added to the model's view (tool calls and results), for going on after the
     *     decision
     */
    record Outcome(
            String text,
            @Nullable ModelReply reply,
            List<ToolCall> toolCalls,
            Duration latency,
            boolean handOver,
            ToolCalls.@Nullable Proposed proposed,
            List<ChatMessage> turnMessages) {

        Outcome(String text, @Nullable ModelReply reply, List<ToolCall> toolCalls, Duration latency) {
            this(text, reply, toolCalls, latency, false, null, List.of());
        }

        String model() {
            return reply == null ? FALLBACK_MODEL : reply.model();
        }

        boolean answered() {
            return reply != null;
        }

        /** Whether the model asked to hand the conversation to a person. */
        boolean transferRequested() {
            return handOver;
        }
    }

    /**
     * Runs one turn.
     *
     * @param systemPrompt the organization's prompt, with the summary of older turns when there is one
     * @param history what the model sees of the conversation, ending with the customer's message (and, going on
     *     after a confirmation, with the turn's tool calls and results)
     * @param passages what the organization's knowledge base says about the question, as reference data
     * @param tools the tools of the turn and for whom they run
     * @param sink where the reply's pieces go as they arrive
     * @param mayGoOn false once the turn must stop before its next model call (a person took the conversation)
     */
    Outcome run(
            OrganizationId organization,
            String systemPrompt,
            BusinessProfile profile,
            List<ChatMessage> history,
            List<Passage> passages,
            ToolCalls.Turn tools,
            StreamedText sink,
            BooleanSupplier mayGoOn) {
        LanguageModel model = models.modelFor(organization);
        // Offered only to models that can call tools; others are recognised asking for a person by the platform.
        List<Tool> offered = model.capabilities().tools()
                ? tools.offered().stream().map(OfferedTool::tool).toList()
                : List.of();
        Instant deadline = clock.instant().plus(modelTimeout);
        List<ChatMessage> messages = new ArrayList<>(history);
        List<ChatMessage> added = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        ModelReply.Usage used = ModelReply.Usage.NONE;
        for (int step = 0; ; step++) {
            if (!mayGoOn.getAsBoolean()) {
                return new Outcome(sink.text(), null, List.copyOf(calls), sink.elapsed());
            }
            ModelRequest request = ModelRequest.of(
                            organization, systemPrompt, messages, grounding(profile), remaining(deadline))
                    .withMaxOutputTokens(maxOutputTokens)
                    .withTools(offered)
                    .withPassages(passages);
            ModelReply reply;
            try {
                reply = callWithRetries(model, request, sink, deadline);
            } catch (StreamedText.LongEnough enough) {
                log.warn(
                        "Model {} went past {} characters; the reply was cut there",
                        model.id(),
                        StreamedText.MAX_REPLY_LENGTH);
                metrics.replied(model.id(), false, sink.elapsed());
                return new Outcome(sink.text().stripTrailing() + " …", null, calls, sink.elapsed());
            } catch (ModelException | TurnFailed e) {
                metrics.replied(model.id(), true, sink.elapsed());
                return fallback(profile, sink, calls);
            }
            used = used.plus(reply.usage());
            ModelReply total = new ModelReply(
                    reply.text(), reply.toolCalls(), reply.finishReason(), used, reply.provider(), reply.model());
            calls.addAll(reply.toolCalls());
            var handOver = reply.toolCalls().stream().filter(tools::handsOver).findFirst();
            if (handOver.isPresent()) {
                // The platform hands over; no further model call. Anything it wrote stays the reply.
                toolCalls.handOver(tools, handOver.get());
                metrics.replied(reply.model(), false, sink.elapsed());
                String text = sink.text().isBlank() ? TransferToHuman.SAY : sink.text();
                return new Outcome(text, total, List.copyOf(calls), sink.elapsed(), true, null, List.copyOf(added));
            }
            boolean wantsTools = !reply.toolCalls().isEmpty();
            if (!wantsTools || step + 1 >= MAX_STEPS || !remaining(deadline).isPositive()) {
                if (wantsTools && sink.text().isBlank()) {
                    log.warn(
                            "Model {} still wanted tools after {} calls; replying with the fallback",
                            model.id(),
                            step + 1);
                    metrics.replied(reply.model(), true, sink.elapsed());
                    return fallback(profile, sink, calls);
                }
                metrics.replied(reply.model(), false, sink.elapsed());
                return new Outcome(sink.text(), total, List.copyOf(calls), sink.elapsed());
            }
            ChatMessage.Assistant asked = new ChatMessage.Assistant(reply.text(), reply.toolCalls());
            messages.add(asked);
            added.add(asked);
            Instant toolsStarted = clock.instant();
            ToolCalls.Step ran = toolCalls.run(tools, reply.toolCalls());
            messages.addAll(ran.results());
            added.addAll(ran.results());
            // Time spent in tools is not taken from the model's: a slow lookup must not starve the answer.
            deadline = deadline.plus(Duration.between(toolsStarted, clock.instant()));
            if (ran.proposed() != null) {
                metrics.replied(reply.model(), false, sink.elapsed());
                return new Outcome(
                        sink.text(), total, List.copyOf(calls), sink.elapsed(), false, ran.proposed(), added);
            }
        }
    }

    /** Calls the model, retrying a failure that may pass while the turn has time; the last failure is thrown. */
    private ModelReply callWithRetries(LanguageModel model, ModelRequest request, StreamedText sink, Instant deadline) {
        for (int attempt = 0; ; attempt++) {
            Duration left = remaining(deadline);
            if (!left.isPositive()) {
                throw new TurnFailed();
            }
            try {
                return callWithWatchdog(model, request.withTimeout(left), sink, left);
            } catch (ModelException e) {
                Duration wait = e.retryAfter().orElse(Duration.ofMillis(250L << Math.min(attempt, 6)));
                boolean retry =
                        e.retriable() && attempt < settings.modelRetries() && wait.compareTo(remaining(deadline)) < 0;
                log.warn(
                        "Model {} failed ({}){}",
                        model.id(),
                        e.kind(),
                        retry ? "; retrying" : "; replying with the fallback");
                if (!retry) {
                    throw e;
                }
                sink.discard();
                if (!pause(wait)) {
                    throw e;
                }
            } catch (StreamedText.LongEnough enough) {
                throw enough;
            } catch (RuntimeException e) {
                log.error("Model {} failed unexpectedly; replying with the fallback", model.id(), e);
                throw new TurnFailed();
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
            if (!watchdog.cancel(false)) {
                // It fired or is firing: let its interrupt land before clearing it, or a late one would reach the
                // journal as the reply is handed over.
                while (!watchdog.isDone()) {
                    Thread.onSpinWait();
                }
            }
            if (Thread.interrupted()) {
                log.warn("Model {} overran its timeout and was interrupted", model.id());
            }
        }
    }

    /**
     * The organization's fallback message. A reply the customer already saw part of is withdrawn first: a broken
     * answer is never left looking like a finished one.
     */
    private Outcome fallback(BusinessProfile profile, StreamedText sink, List<ToolCall> calls) {
        if (sink.started()) {
            sink.discard();
        }
        return new Outcome(profile.fallbackMessage(), null, List.copyOf(calls), sink.elapsed());
    }

    private Duration remaining(Instant deadline) {
        return Duration.between(clock.instant(), deadline);
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

    static Grounding grounding(BusinessProfile p) {
        return new Grounding(
                p.businessName(),
                p.description(),
                p.rules(),
                p.guidelines(),
                p.values(),
                p.tone(),
                p.fallbackMessage());
    }

    /** The turn cannot go on (no time left, or a failure no retry can mend): the fallback message is the reply. */
    private static final class TurnFailed extends RuntimeException {
        TurnFailed() {
            super("turn failed", null, false, false);
        }
    }
}

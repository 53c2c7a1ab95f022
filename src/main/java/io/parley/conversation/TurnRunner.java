package io.parley.conversation;

import io.parley.llm.ChatMessage;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;
import io.parley.usage.ModelCall;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers a live conversation's waiting customer messages one at a time, in order: for each, it builds what the
 * model sees (the organization's current prompt, the summary of older turns, the history within budget), runs the
 * {@link TurnLoop} with the reply streaming to the conversation's listeners, then makes the reply the conversation's
 * next message and hands it to the journal, so that showing it never waits for the database. Afterwards it records
 * what the turn's model calls cost and lets the {@link Summarizer} catch up.
 *
 * <p>No failure leaves a conversation stuck: every customer gets a reply, the organization's fallback message at
 * worst.
 */
final class TurnRunner {

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

    private final AssistantProfiles profiles;
    private final TurnLoop loop;
    private final ChatSettings settings;
    private final Clock clock;
    private final StoredCallbacks storedCallbacks;
    private final ChatMetrics metrics;
    private final UsageRecorder usage;
    private final Summarizer summarizer;
    private final BooleanSupplier stopping;
    private final Grounder grounder;
    private final ToolCalls tools;

    /** What to do once a reply handed to the journal is stored (or lost). */
    interface StoredCallbacks {
        void whenStored(LiveConversation live, Message message);
    }

    TurnRunner(
            AssistantProfiles profiles,
            TurnLoop loop,
            ChatSettings settings,
            Clock clock,
            StoredCallbacks storedCallbacks,
            ChatMetrics metrics,
            UsageRecorder usage,
            Summarizer summarizer,
            BooleanSupplier stopping,
            Grounder grounder,
            ToolCalls tools) {
        this.profiles = profiles;
        this.loop = loop;
        this.settings = settings;
        this.clock = clock;
        this.storedCallbacks = storedCallbacks;
        this.metrics = metrics;
        this.usage = usage;
        this.summarizer = summarizer;
        this.stopping = stopping;
        this.grounder = grounder;
        this.tools = tools;
    }

    /**
     * Runs until no customer message of this conversation is waiting for a reply. Shutting down, the reply being
     * written is finished and nothing new is started: what waits is stored, and answered when the conversation is
     * next opened.
     */
    void run(LiveConversation live) {
        Conversation conversation = live.conversation();
        MDC.put("organizationId", conversation.organization().value());
        MDC.put("conversationId", conversation.id().value());
        try {
            Optional<LiveConversation.TurnInput> next;
            while ((next = live.nextTurn(stopping.getAsBoolean())).isPresent()) {
                try {
                    answer(live, next.get());
                } catch (RuntimeException e) {
                    log.error("A turn failed unexpectedly; the conversation waits for its next message", e);
                    live.abandonTurn();
                    return;
                }
            }
        } finally {
            MDC.remove("organizationId");
            MDC.remove("conversationId");
        }
    }

    private void answer(LiveConversation live, LiveConversation.TurnInput input) {
        Conversation conversation = live.conversation();
        OrganizationId organization = conversation.organization();
        MessageId replyId = MessageId.generate();
        live.startReply(replyId);
        ProfileVersion profile = null;
        KnowledgeBase.Grounding grounding = KnowledgeBase.Grounding.NONE;
        ToolCalls.Turn turn = null;
        TurnLoop.Outcome outcome;
        try {
            profile = profiles.current(organization);
            turn = tools.turn(
                    organization,
                    conversation.id(),
                    conversation.customer() == null
                            ? null
                            : conversation.customer().id(),
                    input.question().id(),
                    live::toolRunning);
            LiveConversation.Decided decided = input.decided();
            if (decided == null && live.mayBeConfirming()) {
                // The customer wrote instead of deciding: what waited is dropped, and the model never sees it.
                tools.expireOpen(turn);
                live.confirmationsClosed();
            }
            List<Message> context = decided == null
                    ? input.context()
                    : input.context().stream()
                            .filter(m -> !input.question().id().equals(m.replyTo()))
                            .toList();
            grounding = grounder.ground(
                    organization,
                    conversation.id(),
                    input.question().content(),
                    Grounder.earlier(context, input.question()));
            String prompt = tools.aboutCustomer(turn, input.summary().appendTo(profile.prompt()));
            List<ChatMessage> history = new ArrayList<>(HistoryWindow.fit(
                    context,
                    input.question(),
                    input.summary().throughSeq(),
                    HistoryWindow.budget(
                            settings.historyTokens(), profile.prompt(), input.summary(), grounding.passages()),
                    tools.earlier(turn, context)));
            if (decided != null) {
                // The turn goes on where it stopped: its tool calls so far, then what the decision gave.
                history.addAll(TurnMessages.read(decided.confirmation().turn()));
                history.add(tools.decided(turn, decided.confirmation(), decided.decision()));
            }
            outcome = loop.run(
                    organization,
                    prompt,
                    profile.profile(),
                    history,
                    grounding.passages(),
                    turn,
                    new StreamedText(target(live), metrics),
                    live::assistantAnswering);
        } catch (RuntimeException e) {
            // Without the organization's profile there is nothing safe to say but that we cannot help now.
            log.error("Cannot prepare the turn; replying with the default fallback", e);
            live.restartReply();
            outcome = new TurnLoop.Outcome(BusinessProfile.DEFAULT_FALLBACK, null, List.of(), Duration.ZERO);
        }
        PendingConfirmation proposed = null;
        String text = outcome.text();
        if (outcome.proposed() != null && turn != null) {
            try {
                proposed = tools.pending(turn, outcome.proposed(), outcome.turnMessages());
                tools.propose(proposed);
                if (text.isBlank()) {
                    String summary = proposed.summary();
                    text = "Please confirm: " + summary + (summary.matches(".*[.!?]$") ? "" : ".");
                }
            } catch (RuntimeException e) {
                log.error("Cannot store the change waiting for the customer; it is not proposed", e);
                proposed = null;
                live.restartReply();
                text = profile == null
                        ? BusinessProfile.DEFAULT_FALLBACK
                        : profile.profile().fallbackMessage();
            }
        }
        // Empty when a person took over while it was being written: what was shown of it is already the message.
        Optional<Message> reply = live.finishReply(
                replyId,
                input.question(),
                text,
                clock.instant(),
                profile == null ? null : profile.version(),
                outcome.model(),
                Citations.of(text, grounding, outcome.answered()));
        reply.ifPresent(r -> storedCallbacks.whenStored(live, r));
        if (proposed != null && reply.isPresent()) {
            live.awaitConfirmation(proposed);
        }
        if (outcome.answered()) {
            usage.record(
                    organization,
                    conversation.id(),
                    replyId,
                    ModelCall.Purpose.REPLY,
                    outcome.reply(),
                    outcome.latency());
        }
        live.afterReply(outcome.transferRequested());
        if (profile != null && settings.summarize() && live.assistantAnswering()) {
            summarizer.refreshIfDue(live, profile);
        }
    }

    private static StreamedText.Target target(LiveConversation live) {
        return new StreamedText.Target() {
            @Override
            public void piece(String text) {
                live.delta(text);
            }

            @Override
            public void restart() {
                live.restartReply();
            }
        };
    }
}

package io.parley.conversation;

import io.parley.llm.ChatMessage;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;
import io.parley.usage.ModelCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The playground's turns: the same {@link TurnLoop} customers get, fed an exchange the member typed instead of a
 * stored conversation, and collected rather than streamed. Nothing is stored; the call is counted in usage. Tools
 * that only read run (a customer's data stays out of reach: nobody is identified here); changes are never made.
 * Thread-safe.
 */
final class Rehearsals {

    private final TurnLoop loop;
    private final UsageRecorder usage;
    private final ChatSettings settings;
    private final ChatMetrics metrics;
    private final Grounder grounder;
    private final ToolCalls tools;

    Rehearsals(
            TurnLoop loop,
            UsageRecorder usage,
            ChatSettings settings,
            ChatMetrics metrics,
            Grounder grounder,
            ToolCalls tools) {
        this.loop = loop;
        this.tools = tools;
        this.usage = usage;
        this.settings = settings;
        this.metrics = metrics;
        this.grounder = grounder;
    }

    ChatEngine.TryOut tryOut(
            OrganizationId organization, ProfileVersion profile, List<ChatMessage> history, String message) {
        if (message == null || message.isBlank()) {
            throw new SendRejectedException(SendRejectedException.Reason.EMPTY, null);
        }
        if (message.codePointCount(0, message.length()) > ChatSettings.MAX_MESSAGE_LENGTH) {
            throw new SendRejectedException(SendRejectedException.Reason.TOO_LONG, null);
        }
        KnowledgeBase.Grounding grounding = grounder.ground(organization, null, message, Grounder.earlier(history));
        List<ChatMessage> messages = withinBudget(organization, profile, history, message, grounding);
        StreamedText collected = new StreamedText(StreamedText.Target.NONE, metrics);
        TurnLoop.Outcome outcome = loop.run(
                organization,
                profile.prompt(),
                profile.profile(),
                messages,
                grounding.passages(),
                rehearsal(organization),
                collected,
                () -> true);
        List<Citation> citations = Citations.of(outcome.text(), grounding, outcome.answered());
        if (!outcome.answered()) {
            return new ChatEngine.TryOut(
                    outcome.text(),
                    "",
                    TurnLoop.FALLBACK_MODEL,
                    ModelReply.Usage.NONE,
                    BigDecimal.ZERO,
                    outcome.latency(),
                    outcome.toolCalls(),
                    citations,
                    false);
        }
        ModelReply reply = outcome.reply();
        BigDecimal cost =
                usage.record(organization, null, null, ModelCall.Purpose.PLAYGROUND, reply, outcome.latency());
        return new ChatEngine.TryOut(
                outcome.text(),
                reply.provider(),
                reply.model(),
                reply.usage(),
                cost,
                outcome.latency(),
                outcome.toolCalls(),
                citations,
                true);
    }

    /**
     * A reply drafted for a person of the team to edit before sending: the organization's prompt, told it is
     * drafting, and the conversation up to its latest customer message. Counted in usage; nothing is stored.
     */
    String suggest(OrganizationId organization, ProfileVersion profile, List<Message> conversation) {
        Message question = null;
        for (Message m : conversation) {
            if (m.role() == MessageRole.CUSTOMER) {
                question = m;
            }
        }
        if (question == null) {
            return "";
        }
        String prompt = profile.prompt() + DRAFTING;
        long upTo = question.seq();
        // Up to the customer's latest message, so that the draft answers it (not what the assistant said to it).
        List<Message> before =
                conversation.stream().filter(m -> m.seq() <= upTo).toList();
        KnowledgeBase.Grounding grounding =
                grounder.ground(organization, null, question.content(), Grounder.earlier(before, question));
        List<ChatMessage> history = HistoryWindow.fit(
                before,
                question,
                0,
                HistoryWindow.budget(settings.historyTokens(), prompt, HistorySummary.NONE, grounding.passages()));
        StreamedText collected = new StreamedText(StreamedText.Target.NONE, metrics);
        TurnLoop.Outcome outcome = loop.run(
                organization,
                prompt,
                profile.profile(),
                history,
                grounding.passages(),
                rehearsal(organization),
                collected,
                () -> true);
        if (!outcome.answered()) {
            return "";
        }
        usage.record(
                organization,
                question.conversation(),
                null,
                ModelCall.Purpose.SUGGESTION,
                outcome.reply(),
                outcome.latency());
        return outcome.transferRequested() && collected.text().isBlank() ? "" : outcome.text();
    }

    private ToolCalls.Turn rehearsal(OrganizationId organization) {
        return tools.turn(organization, null, null, null, status -> {});
    }

    private static final String DRAFTING = "\n\nYou are drafting the next reply for a person of the support team,"
            + " who will read and edit it before sending it to the customer. Write only the reply itself.";

    /** The exchange and the new message, without its oldest messages as long as it would overrun the history budget. */
    private List<ChatMessage> withinBudget(
            OrganizationId organization,
            ProfileVersion profile,
            List<ChatMessage> history,
            String message,
            KnowledgeBase.Grounding grounding) {
        List<ChatMessage> messages = new ArrayList<>(history);
        messages.add(ChatMessage.customer(message));
        long budget = HistoryWindow.budget(
                settings.historyTokens(), profile.prompt(), HistorySummary.NONE, grounding.passages());
        while (messages.size() > 1
                && Tokens.countInput(ModelRequest.of(
                                        organization,
                                        "",
                                        messages,
                                        TurnLoop.grounding(profile.profile()),
                                        Duration.ofSeconds(1)))
                                - Tokens.PER_MESSAGE
                        > budget) {
            messages.removeFirst();
        }
        return messages;
    }
}

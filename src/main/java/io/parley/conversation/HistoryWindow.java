package io.parley.conversation;

import io.parley.llm.ChatMessage;
import io.parley.llm.Passage;
import io.parley.llm.PassageBlock;
import io.parley.llm.Tokens;
import io.parley.llm.ToolCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses what of a conversation the model sees for one reply: the messages up to the one being answered, in the
 * order of the dialogue (each reply right after the message it answers, even when the customer wrote again while it
 * was streaming), after those a summary already covers, cut to a token budget by dropping whole turns, oldest first.
 * Tokens are counted with a real tokenizer ({@link Tokens}). The message being answered is always kept; the system
 * prompt is not part of the history and is never dropped.
 */
final class HistoryWindow {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HistoryWindow() {}

    /**
     * Tokens left for the history once the prompt and the summary are in. The two are counted apart: each is the same
     * String turn after turn, so its count is cached ({@link Tokens}), where their concatenation is new every turn.
     */
    static int budget(int historyTokens, String prompt, HistorySummary summary) {
        return budget(historyTokens, prompt, summary, List.of());
    }

    /** Tokens left for the history once the prompt, the summary and the knowledge base's passages are in. */
    static int budget(int historyTokens, String prompt, HistorySummary summary, List<Passage> passages) {
        int summaryTokens = summary.isEmpty() ? 0 : Tokens.count(summary.text()) + HistorySummary.FRAMING_TOKENS;
        int passageTokens = passages.isEmpty() ? 0 : Tokens.count(PassageBlock.render(passages)) + Tokens.PER_MESSAGE;
        return Math.max(0, historyTokens - Tokens.count(prompt) - summaryTokens - passageTokens);
    }

    /** What a message costs in the model's input: its text and the markers around it. */
    static int tokens(String text) {
        return Tokens.count(text) + Tokens.PER_MESSAGE;
    }

    /**
     * @param messages the conversation's known messages, in seq order
     * @param question the customer message being answered
     * @param summarizedThrough the last seq a summary covers (0 for none): turns up to it are left out
     * @param budgetTokens tokens available for the history (the model's budget less the system prompt)
     */
    static List<ChatMessage> fit(List<Message> messages, Message question, long summarizedThrough, int budgetTokens) {
        return fit(messages, question, summarizedThrough, budgetTokens, Map.of());
    }

    /**
     * As above, with the tools each earlier turn ran placed where they ran: after the customer's message, before the
     * reply that came after them. They count against the budget like the messages; a dropped turn drops its calls.
     *
     * @param toolCalls the audited tool calls by the customer message whose turn made them, oldest first
     */
    static List<ChatMessage> fit(
            List<Message> messages,
            Message question,
            long summarizedThrough,
            int budgetTokens,
            Map<MessageId, List<ToolCallRecord>> toolCalls) {
        Map<MessageId, Long> seqById = new HashMap<>();
        List<Message> dialogue = new ArrayList<>();
        for (Message m : messages) {
            seqById.put(m.id(), m.seq());
        }
        for (Message m : messages) {
            long position = m.replyTo() == null ? m.seq() : seqById.getOrDefault(m.replyTo(), Long.MAX_VALUE);
            boolean inWindow = position <= question.seq() && position > summarizedThrough;
            if (inWindow && m.role() != MessageRole.SYSTEM) {
                dialogue.add(m);
            }
        }
        dialogue.sort(Comparator.<Message>comparingLong(m -> m.replyTo() == null ? m.seq() : seqById.get(m.replyTo()))
                .thenComparingInt(m -> m.replyTo() == null ? 0 : 1)
                .thenComparingLong(Message::seq));

        List<List<ChatMessage>> turns = groupIntoTurns(dialogue, toolCalls);
        List<ChatMessage> kept = new ArrayList<>();
        int used = 0;
        for (int i = turns.size() - 1; i >= 0; i--) {
            List<ChatMessage> turn = turns.get(i);
            int cost = turn.stream().mapToInt(t -> tokens(text(t))).sum();
            boolean isQuestionTurn = i == turns.size() - 1;
            if (!isQuestionTurn && used + cost > budgetTokens) {
                break;
            }
            kept.addAll(0, turn);
            used += cost;
        }
        return kept;
    }

    private static String text(ChatMessage message) {
        return switch (message) {
            case ChatMessage.Customer c -> c.text();
            case ChatMessage.Assistant a ->
                a.toolCalls().isEmpty()
                        ? a.text()
                        : a.text()
                                + a.toolCalls().stream()
                                        .map(c -> c.name() + c.arguments())
                                        .reduce("", String::concat);
            case ChatMessage.ToolResult r -> r.content();
        };
    }

    /** Splits the dialogue into turns that each start with the customer, so that a cut never orphans a reply. */
    private static List<List<ChatMessage>> groupIntoTurns(
            List<Message> dialogue, Map<MessageId, List<ToolCallRecord>> toolCalls) {
        List<List<ChatMessage>> turns = new ArrayList<>();
        List<ChatMessage> current = null;
        Map<MessageId, Integer> shown = new HashMap<>();
        for (Message m : dialogue) {
            ChatMessage turn = m.role() == MessageRole.CUSTOMER
                    ? ChatMessage.customer(m.content())
                    : ChatMessage.assistant(m.content());
            if (m.role() == MessageRole.CUSTOMER
                    && (current == null || !(current.getLast() instanceof ChatMessage.Customer))) {
                current = new ArrayList<>();
                turns.add(current);
            } else if (current == null) {
                // a greeting or agent message before the customer said anything: keep it with the first turn
                current = new ArrayList<>();
                turns.add(current);
            }
            if (m.replyTo() != null && toolCalls.containsKey(m.replyTo())) {
                // The calls its turn made before this reply was written, each as the model made and read it.
                List<ToolCallRecord> calls = toolCalls.get(m.replyTo());
                int next = shown.getOrDefault(m.replyTo(), 0);
                while (next < calls.size() && !calls.get(next).at().isAfter(m.createdAt())) {
                    current.addAll(exchange(calls.get(next++)));
                }
                shown.put(m.replyTo(), next);
            }
            current.add(turn);
        }
        return turns;
    }

    private static List<ChatMessage> exchange(ToolCallRecord call) {
        String id = "audit-" + call.id();
        String content = call.error() == null
                ? (call.result() == null ? "null" : call.result())
                : JSON.createObjectNode().put("error", call.error()).toString();
        return List.of(
                new ChatMessage.Assistant("", List.of(new ToolCall(id, call.tool(), call.arguments()))),
                new ChatMessage.ToolResult(id, call.tool(), content, call.error() != null));
    }
}

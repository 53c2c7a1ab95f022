package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ChatMessage;
import io.parley.llm.Tokens;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryWindowTest {

    private final OrganizationId organization = OrganizationId.generate();
    private final ConversationId conversation = ConversationId.generate();
    private final List<Message> messages = new ArrayList<>();

    @Test
    void keepsTheWholeConversationWhenItFits() {
        Message q1 = customer("Do you ship to Norway?");
        reply(q1, "Yes, in 5 days.");
        Message q2 = customer("And to Iceland?");

        assertThat(HistoryWindow.fit(messages, q2, 0, 1000))
                .containsExactly(
                        ChatMessage.customer("Do you ship to Norway?"),
                        ChatMessage.assistant("Yes, in 5 days."),
                        ChatMessage.customer("And to Iceland?"));
    }

    @Test
    void dropsTheOldestTurnsFirstAndNeverTheQuestion() {
        Message q1 = customer("a".repeat(400));
        reply(q1, "b".repeat(400));
        Message q2 = customer("c".repeat(40));
        reply(q2, "d".repeat(40));
        Message q3 = customer("e".repeat(2000));

        List<ChatMessage> window = HistoryWindow.fit(messages, q3, 0, 60);

        assertThat(window).containsExactly(ChatMessage.customer("e".repeat(2000)));
        int lastTwoTurns = HistoryWindow.tokens("c".repeat(40))
                + HistoryWindow.tokens("d".repeat(40))
                + HistoryWindow.tokens("e".repeat(2000));
        assertThat(HistoryWindow.fit(messages, q3, 0, lastTwoTurns))
                .containsExactly(
                        ChatMessage.customer("c".repeat(40)),
                        ChatMessage.assistant("d".repeat(40)),
                        ChatMessage.customer("e".repeat(2000)));
    }

    @Test
    void placesEachReplyRightAfterTheMessageItAnswers() {
        Message q1 = customer("one");
        Message q2 = customer("two, sent while the first reply was streaming");
        reply(q1, "answer to one");

        assertThat(HistoryWindow.fit(messages, q2, 0, 1000))
                .containsExactly(
                        ChatMessage.customer("one"),
                        ChatMessage.assistant("answer to one"),
                        ChatMessage.customer("two, sent while the first reply was streaming"));
    }

    @Test
    void leavesOutMessagesAfterTheOneBeingAnswered() {
        Message q1 = customer("one");
        customer("two");

        assertThat(HistoryWindow.fit(messages, q1, 0, 1000)).containsExactly(ChatMessage.customer("one"));
    }

    @Test
    void keepsACutFromOrphaningAReply() {
        Message q1 = customer("x".repeat(100));
        reply(q1, "short");
        Message q2 = customer("question");

        assertThat(HistoryWindow.fit(messages, q2, 0, 20)).first().isEqualTo(ChatMessage.customer("question"));
    }

    @Test
    void leavesOutTheTurnsASummaryCovers() {
        Message q1 = customer("My order is W123.");
        reply(q1, "Thanks, I found W123.");
        Message q2 = customer("Can I change its address?");
        reply(q2, "Yes, until it ships.");
        Message q3 = customer("Then please do.");

        assertThat(HistoryWindow.fit(messages, q3, 2, 1000))
                .containsExactly(
                        ChatMessage.customer("Can I change its address?"),
                        ChatMessage.assistant("Yes, until it ships."),
                        ChatMessage.customer("Then please do."));
    }

    @Test
    void anEarlierTurnsToolCallsCountAgainstTheBudgetAndGoWithTheirTurn() {
        Message first = customer("Where is order #W1?");
        ToolCallRecord lookup = new ToolCallRecord(
                "c1",
                organization,
                conversation,
                "user_a",
                "get_order_details",
                "read",
                "{\"order_id\":\"#W1\"}",
                null,
                "{\"status\":\"" + "shipped ".repeat(400) + "\"}",
                null,
                Instant.now().minusSeconds(1),
                first.id());
        reply(first, "It has shipped.");
        Message second = customer("Thanks!");
        Map<MessageId, List<ToolCallRecord>> calls = Map.of(first.id(), List.of(lookup));

        List<ChatMessage> roomy = HistoryWindow.fit(messages, second, 0, 10_000, calls);
        List<ChatMessage> tight = HistoryWindow.fit(messages, second, 0, 200, calls);

        assertThat(roomy).hasSize(5);
        assertThat(roomy.get(1)).isInstanceOfSatisfying(ChatMessage.Assistant.class, a -> assertThat(a.toolCalls())
                .singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("get_order_details")));
        assertThat(roomy.get(2)).isInstanceOf(ChatMessage.ToolResult.class);
        assertThat(tight)
                .as("the whole earlier turn is dropped, its calls with it")
                .containsExactly(ChatMessage.customer("Thanks!"));
    }

    @Test
    void countsTokensWithTheTokenizerPlusTheMessageMarkers() {
        assertThat(HistoryWindow.tokens("")).isEqualTo(Tokens.PER_MESSAGE);
        assertThat(HistoryWindow.tokens("Do you ship to Norway?"))
                .isEqualTo(Tokens.count("Do you ship to Norway?") + Tokens.PER_MESSAGE)
                .isBetween(5 + Tokens.PER_MESSAGE, 8 + Tokens.PER_MESSAGE);
    }

    private Message customer(String text) {
        Message m = new Message(
                MessageId.generate(),
                organization,
                conversation,
                messages.size() + 1,
                MessageRole.CUSTOMER,
                text,
                Instant.now(),
                null,
                null,
                null,
                null,
                List.of());
        messages.add(m);
        return m;
    }

    private void reply(Message question, String text) {
        messages.add(new Message(
                MessageId.generate(),
                organization,
                conversation,
                messages.size() + 1,
                MessageRole.ASSISTANT,
                text,
                Instant.now(),
                null,
                question.id(),
                1,
                "m",
                List.of()));
    }

    @Test
    void theKnowledgeBasesPassagesTakeTheirPlaceInTheBudgetSoOlderTurnsGiveWay() {
        List<io.parley.llm.Passage> passages = List.of(new io.parley.llm.Passage(
                "1", "Shipping", null, "Parcels to Canada arrive in 5 to 8 business days. ".repeat(20)));

        int without = HistoryWindow.budget(2000, "You are a helpful assistant.", HistorySummary.NONE);
        int with = HistoryWindow.budget(2000, "You are a helpful assistant.", HistorySummary.NONE, passages);

        assertThat(without - with).isGreaterThanOrEqualTo(Tokens.count(io.parley.llm.PassageBlock.render(passages)));
        assertThat(HistoryWindow.budget(100, "prompt", HistorySummary.NONE, passages))
                .isZero();
    }
}

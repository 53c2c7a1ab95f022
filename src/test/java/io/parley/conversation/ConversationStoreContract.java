package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConversationStore} must do. Each adapter's test extends this. */
public abstract class ConversationStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    protected ConversationStore store;
    private OrganizationId acme;
    private OrganizationId globex;

    /** The store under test, empty of conversations. */
    protected abstract ConversationStore store();

    /** An organization that conversations may belong to (created in whatever the store needs). */
    protected abstract OrganizationId newOrganization();

    @BeforeEach
    void setUpStore() {
        store = store();
        acme = newOrganization();
        globex = newOrganization();
    }

    @Test
    void findsAConversationItCreated() {
        Conversation created = conversation(acme, null);
        store.create(created);

        assertThat(store.find(acme, created.id())).contains(created);
    }

    @Test
    void keepsAVerifiedCustomersDetails() {
        Conversation created = conversation(acme, new Customer("cust-42", "ada@example.com", "Ada"));
        store.create(created);

        assertThat(store.find(acme, created.id()).orElseThrow().customer())
                .isEqualTo(new Customer("cust-42", "ada@example.com", "Ada"));
    }

    @Test
    void doesNotFindAnotherOrganizationsConversation() {
        Conversation theirs = conversation(globex, null);
        store.create(theirs);

        assertThat(store.find(acme, theirs.id())).isEmpty();
    }

    @Test
    void appendsMessagesInSeqOrderAndCountsThem() {
        Conversation c = conversation(acme, null);
        store.create(c);

        store.appendAll(List.of(message(c, 1, MessageRole.CUSTOMER, "hi", "c1", null)));
        store.appendAll(List.of(
                message(c, 2, MessageRole.ASSISTANT, "hello", null, null),
                message(c, 3, MessageRole.CUSTOMER, "boots?", "c2", null)));

        assertThat(store.messagesAfter(acme, c.id(), 0, 100))
                .extracting(Message::seq, Message::content)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "hi"),
                        org.assertj.core.groups.Tuple.tuple(2L, "hello"),
                        org.assertj.core.groups.Tuple.tuple(3L, "boots?"));
        Conversation after = store.find(acme, c.id()).orElseThrow();
        assertThat(after.messageCount()).isEqualTo(3);
        assertThat(after.lastMessageAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void storesEveryFieldOfAMessage() {
        Conversation c = conversation(acme, null);
        store.create(c);
        Message question =
                message(c, 1, MessageRole.CUSTOMER, "Do you ship to Norway? <b>bold</b> 🏔", "client-1", null);
        Message reply = new Message(
                MessageId.generate(),
                acme,
                c.id(),
                2,
                MessageRole.ASSISTANT,
                "Yes.",
                T0.plusSeconds(2),
                null,
                question.id(),
                3,
                "gpt-test",
                List.of());

        store.appendAll(List.of(question, reply));

        assertThat(store.messagesAfter(acme, c.id(), 0, 10)).containsExactly(question, reply);
    }

    @Test
    void returnsOnlyMessagesAfterTheGivenSeq() {
        Conversation c = withMessages(acme, 5);

        assertThat(store.messagesAfter(acme, c.id(), 3, 100))
                .extracting(Message::seq)
                .containsExactly(4L, 5L);
        assertThat(store.messagesAfter(acme, c.id(), 0, 2))
                .extracting(Message::seq)
                .containsExactly(1L, 2L);
    }

    @Test
    void returnsTheNewestMessagesInSeqOrder() {
        Conversation c = withMessages(acme, 5);

        assertThat(store.latestMessages(acme, c.id(), 2))
                .extracting(Message::seq)
                .containsExactly(4L, 5L);
    }

    @Test
    void neverReturnsAnotherOrganizationsMessages() {
        Conversation theirs = withMessages(globex, 2);
        Message one = store.messagesAfter(globex, theirs.id(), 0, 1).getFirst();

        assertThat(store.messagesAfter(acme, theirs.id(), 0, 100)).isEmpty();
        assertThat(store.latestMessages(acme, theirs.id(), 100)).isEmpty();
        assertThat(store.message(acme, one.id())).isEmpty();
        assertThat(store.messageByClientId(acme, theirs.id(), one.clientMessageId()))
                .isEmpty();
    }

    @Test
    void refusesASecondMessageAtTheSameSeq() {
        Conversation c = withMessages(acme, 1);

        assertThatThrownBy(() -> store.appendAll(List.of(message(c, 1, MessageRole.CUSTOMER, "again", null, null))))
                .isInstanceOf(StoreConflictException.class);
    }

    @Test
    void storesNothingOfABatchThatConflicts() {
        Conversation c = withMessages(acme, 1);

        assertThatThrownBy(() -> store.appendAll(List.of(
                        message(c, 2, MessageRole.CUSTOMER, "fine", null, null),
                        message(c, 1, MessageRole.CUSTOMER, "taken", null, null))))
                .isInstanceOf(StoreConflictException.class);
        assertThat(store.messagesAfter(acme, c.id(), 0, 10))
                .extracting(Message::seq)
                .containsExactly(1L);
        assertThat(store.find(acme, c.id()).orElseThrow().messageCount()).isEqualTo(1);
    }

    @Test
    void refusesTheSameClientMessageIdTwiceInAConversation() {
        Conversation c = conversation(acme, null);
        store.create(c);
        store.appendAll(List.of(message(c, 1, MessageRole.CUSTOMER, "hi", "same", null)));

        assertThatThrownBy(() -> store.appendAll(List.of(message(c, 2, MessageRole.CUSTOMER, "hi", "same", null))))
                .isInstanceOf(StoreConflictException.class);
    }

    @Test
    void allowsTheSameClientMessageIdInAnotherConversation() {
        Conversation first = conversation(acme, null);
        Conversation second = conversation(acme, null);
        store.create(first);
        store.create(second);

        store.appendAll(List.of(
                message(first, 1, MessageRole.CUSTOMER, "hi", "same", null),
                message(second, 1, MessageRole.CUSTOMER, "hi", "same", null)));

        assertThat(store.messageByClientId(acme, second.id(), "same"))
                .map(Message::conversation)
                .contains(second.id());
    }

    @Test
    void listsEveryClientMessageIdOfAConversationAndNoOtherOrganizations() {
        Conversation c = withMessages(acme, 5);

        assertThat(store.clientMessageIds(acme, c.id())).containsExactlyInAnyOrder("client-1", "client-3", "client-5");
        assertThat(store.clientMessageIds(globex, c.id())).isEmpty();
    }

    @Test
    void findsTheReplyToAQuestion() {
        Conversation c = conversation(acme, null);
        store.create(c);
        Message question = message(c, 1, MessageRole.CUSTOMER, "q", "c1", null);
        Message reply = message(c, 2, MessageRole.ASSISTANT, "a", null, question.id());
        store.appendAll(List.of(question, reply));

        assertThat(store.replyTo(acme, c.id(), question.id())).contains(reply);
        assertThat(store.replyTo(globex, c.id(), question.id())).isEmpty();
    }

    @Test
    void listsConversationsMostRecentlyActiveFirstOnePageAtATime() {
        Conversation quiet = withMessages(acme, 1);
        Conversation busy = conversation(acme, null);
        store.create(busy);
        store.appendAll(List.of(message(busy, 1, MessageRole.CUSTOMER, "late", null, null, T0.plusSeconds(60))));
        withMessages(globex, 3);
        store.create(conversation(acme, null)); // opened, never written in: not listed

        var firstPage = store.list(acme, null, 0, 1);
        var secondPage = store.list(acme, null, 1, 1);

        assertThat(firstPage.total()).isEqualTo(2);
        assertThat(firstPage.items()).extracting(Conversation::id).containsExactly(busy.id());
        assertThat(secondPage.items()).extracting(Conversation::id).containsExactly(quiet.id());
        assertThat(store.list(acme, ConversationStatus.RESOLVED, 0, 10).total()).isZero();
        assertThat(store.list(acme, ConversationStatus.BOT, 0, 10).total()).isEqualTo(2);
    }

    @Test
    void findsTheLatestOpenConversationOfAVisitorAndOfACustomer() {
        VisitorId visitor = VisitorId.generate();
        Conversation older =
                new Conversation(ConversationId.generate(), acme, visitor, null, ConversationStatus.BOT, T0, T0, 0);
        Conversation newer = new Conversation(
                ConversationId.generate(),
                acme,
                visitor,
                null,
                ConversationStatus.BOT,
                T0.plusSeconds(5),
                T0.plusSeconds(5),
                0);
        Conversation customers = new Conversation(
                ConversationId.generate(),
                acme,
                VisitorId.generate(),
                new Customer("cust-1", null, null),
                ConversationStatus.BOT,
                T0,
                T0,
                0);
        store.create(older);
        store.create(newer);
        store.create(customers);

        assertThat(store.latestOpenOfVisitor(acme, visitor))
                .map(Conversation::id)
                .contains(newer.id());
        assertThat(store.latestOpenOfCustomer(acme, "cust-1"))
                .map(Conversation::id)
                .contains(customers.id());
        assertThat(store.latestOpenOfCustomer(globex, "cust-1")).isEmpty();
    }

    @Test
    void keepsTheLatestFeedbackOnAMessage() {
        Conversation c = withMessages(acme, 2);
        Message reply = store.messagesAfter(acme, c.id(), 1, 1).getFirst();

        store.saveFeedback(acme, reply.id(), new Feedback(Feedback.Rating.DOWN, "wrong size", T0));
        store.saveFeedback(acme, reply.id(), new Feedback(Feedback.Rating.UP, null, T0.plusSeconds(1)));

        assertThat(feedbackCount(reply.id())).isEqualTo(1);
    }

    @Test
    void keepsTheLatestSummaryOfAConversationForItsOrganizationOnly() {
        Conversation c = withMessages(acme, 6);

        store.saveSummary(acme, c.id(), new HistorySummary(2, "Asked about boots.", T0));
        store.saveSummary(acme, c.id(), new HistorySummary(4, "Asked about boots, then tents.", T0.plusSeconds(9)));

        assertThat(store.summary(acme, c.id()))
                .contains(new HistorySummary(4, "Asked about boots, then tents.", T0.plusSeconds(9)));
        assertThat(store.summary(globex, c.id())).isEmpty();
    }

    @Test
    void neverReplacesASummaryWithOneThatCoversLess() {
        Conversation c = withMessages(acme, 6);
        store.saveSummary(acme, c.id(), new HistorySummary(4, "Through four.", T0));

        store.saveSummary(acme, c.id(), new HistorySummary(2, "Through two, written late.", T0.plusSeconds(5)));

        assertThat(store.summary(acme, c.id()).orElseThrow().throughSeq()).isEqualTo(4);
    }

    @Test
    void deletesOnlyOldConversationsThatNeverGotAMessageAndAreNotKept() {
        Conversation abandoned = conversation(acme, null);
        Conversation kept = conversation(acme, null);
        Conversation fresh = new Conversation(
                ConversationId.generate(),
                acme,
                VisitorId.generate(),
                null,
                ConversationStatus.BOT,
                T0.plusSeconds(3600),
                T0.plusSeconds(3600),
                0);
        store.create(abandoned);
        store.create(kept);
        store.create(fresh);
        Conversation talkedIn = withMessages(acme, 1);

        int deleted = store.deleteEmpty(T0.plusSeconds(60), java.util.Set.of(kept.id()), 100);

        assertThat(deleted).isEqualTo(1);
        assertThat(store.find(acme, abandoned.id())).isEmpty();
        assertThat(store.find(acme, kept.id())).isPresent();
        assertThat(store.find(acme, fresh.id())).isPresent();
        assertThat(store.find(acme, talkedIn.id())).isPresent();
    }

    /** How many feedback records a message has (the adapter's own view; -1 when it cannot tell). */
    protected abstract int feedbackCount(MessageId message);

    private Conversation withMessages(OrganizationId organization, int count) {
        Conversation c = conversation(organization, null);
        store.create(c);
        List<Message> messages = new java.util.ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            MessageRole role = seq % 2 == 1 ? MessageRole.CUSTOMER : MessageRole.ASSISTANT;
            messages.add(message(
                    c, seq, role, "message " + seq, role == MessageRole.CUSTOMER ? "client-" + seq : null, null));
        }
        store.appendAll(messages);
        return c;
    }

    private static Conversation conversation(OrganizationId organization, Customer customer) {
        return new Conversation(
                ConversationId.generate(),
                organization,
                VisitorId.generate(),
                customer,
                ConversationStatus.BOT,
                T0,
                T0,
                0);
    }

    private static Message message(
            Conversation c, long seq, MessageRole role, String text, String clientId, MessageId replyTo) {
        return message(c, seq, role, text, clientId, replyTo, T0.plusSeconds(seq));
    }

    private static Message message(
            Conversation c, long seq, MessageRole role, String text, String clientId, MessageId replyTo, Instant at) {
        return new Message(
                MessageId.generate(),
                c.organization(),
                c.id(),
                seq,
                role,
                text,
                at.truncatedTo(ChronoUnit.MICROS),
                clientId,
                replyTo,
                role == MessageRole.ASSISTANT ? 1 : null,
                role == MessageRole.ASSISTANT ? "test-model" : null,
                List.of());
    }
}

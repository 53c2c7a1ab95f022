package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageJournalTest {

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final MessageJournal journal = new MessageJournal(store, 100);

    @AfterEach
    void close() {
        Thread.interrupted();
        journal.drain(Duration.ofSeconds(5));
        journal.close();
    }

    @Test
    void storesAReplyHandedOverByAnInterruptedThreadAndKeepsTheInterrupt() throws Exception {
        ConversationId conversation = ConversationId.generate();
        Message reply = new Message(
                MessageId.generate(),
                new OrganizationId("org-1"),
                conversation,
                2,
                MessageRole.ASSISTANT,
                "Your order shipped yesterday.",
                Instant.now(),
                null,
                null,
                null,
                null,
                null);

        Thread.currentThread().interrupt();
        var stored = journal.append(reply);

        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        assertThat(stored.get(5, TimeUnit.SECONDS)).isEqualTo(reply);
        assertThat(store.allMessages(conversation)).containsExactly(reply);
    }
}

package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.conversation.ChatEngine;
import io.parley.conversation.ChatSettings;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.InMemoryConversationStore;
import io.parley.conversation.StoreUnavailableException;
import io.parley.conversation.UsageRecorder;
import io.parley.conversation.Visitor;
import io.parley.conversation.VisitorId;
import io.parley.tenant.OrganizationId;
import io.parley.web.Outbox;
import io.parley.web.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;

class ChatConnectionTest {

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final ChatEngine engine = new ChatEngine(
            store,
            org -> {
                throw new AssertionError("no reply is asked for");
            },
            org -> {
                throw new AssertionError("no reply is asked for");
            },
            UsageRecorder.NONE,
            ChatSettings.defaults(),
            Duration.ofSeconds(5),
            1024,
            Clock.systemUTC(),
            new SimpleMeterRegistry(),
            new io.parley.conversation.LocalConversationEvents(),
            io.parley.conversation.HandoffPolicy.NEVER,
            text -> 0,
            io.parley.conversation.KnowledgeBase.NONE,
            io.parley.conversation.Toolbox.NONE,
            io.parley.conversation.ToolLedger.NONE,
            io.parley.conversation.Redaction.NONE);
    private final Visitor visitor = new Visitor(OrganizationId.generate(), VisitorId.generate(), null);

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(5));
    }

    /**
     * The capacity benchmark on PostgreSQL saw this: the store failed while a connection was opening, after the
     * client had its session frame, and the message it sent at once hit a connection that had no conversation. The
     * server threw, and the client got an internal error instead of the refusal.
     */
    @Test
    void aConnectionRefusedWhileOpeningTellsTheClientWhyAndIgnoresWhatItSendsMeanwhile() {
        ClientSession client = new ClientSession();
        client.release.countDown();
        ChatConnection connection = new ChatConnection(
                new Outbox(client, 1_000_000, Duration.ofSeconds(5)),
                engine,
                JsonMapper.builder().build(),
                100);
        Conversation conversation = new Conversation(
                ConversationId.generate(),
                visitor.organization(),
                visitor.id(),
                null,
                ConversationStatus.BOT,
                Instant.now(),
                Instant.now(),
                0);
        store.create(conversation); // stored, not yet in the engine's memory: opening it reads the store
        store.goAway();

        assertThatThrownBy(() -> connection.open(visitor, conversation, "token", 0))
                .isInstanceOf(StoreUnavailableException.class);
        connection.refuse(ProblemType.UNAVAILABLE.exception("We cannot reach our records right now."));
        connection.receive("{\"action\":\"sendMessage\",\"message\":\"Hello?\",\"clientMessageId\":\"c1\"}", true);

        await().atMost(Duration.ofSeconds(5)).until(() -> client.closedWith != null);
        assertThat(client.closedWith.getCode()).isEqualTo(CloseStatus.SERVICE_OVERLOAD.getCode());
        assertThat(client.written).hasSize(2);
        assertThat(client.written.get(0)).contains("\"type\":\"session\"");
        assertThat(client.written.get(1)).contains("\"type\":\"error\"").contains("unavailable");
    }
}

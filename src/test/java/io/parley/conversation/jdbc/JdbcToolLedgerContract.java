package io.parley.conversation.jdbc;

import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.ToolLedger;
import io.parley.conversation.ToolLedgerContract;
import io.parley.conversation.VisitorId;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The tool ledger's contract against a real database; subclasses choose which. */
abstract class JdbcToolLedgerContract extends ToolLedgerContract {

    protected abstract TestDatabases.TestDatabase database();

    private TestDatabases.TestDatabase database;
    private JdbcClient jdbc;
    private JdbcConversationStore conversations;

    @Override
    protected ToolLedger ledger() {
        database = database();
        jdbc = JdbcClient.create(database.dataSource());
        conversations = new JdbcConversationStore(
                jdbc,
                new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())));
        return new JdbcToolLedger(jdbc);
    }

    @Override
    protected OrganizationId newOrganization() {
        return TestDatabases.newOrganization(jdbc);
    }

    @Override
    protected ConversationId newConversation(OrganizationId organization) {
        Instant now = Instant.now();
        Conversation c = new Conversation(
                ConversationId.generate(),
                organization,
                VisitorId.generate(),
                null,
                ConversationStatus.BOT,
                now,
                now,
                0);
        conversations.create(c);
        return c.id();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}

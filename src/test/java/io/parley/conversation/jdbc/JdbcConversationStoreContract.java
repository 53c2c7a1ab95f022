package io.parley.conversation.jdbc;

import io.parley.conversation.ConversationStore;
import io.parley.conversation.ConversationStoreContract;
import io.parley.conversation.MessageId;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The store contract against a real database; subclasses choose which. */
abstract class JdbcConversationStoreContract extends ConversationStoreContract {

    private TestDatabase database;
    private JdbcClient jdbc;

    protected abstract TestDatabase database();

    @Override
    protected ConversationStore store() {
        database = database();
        jdbc = JdbcClient.create(database.dataSource());
        return new JdbcConversationStore(
                jdbc,
                new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())));
    }

    @Override
    protected OrganizationId newOrganization() {
        return TestDatabases.newOrganization(jdbc);
    }

    @Override
    protected int feedbackCount(MessageId message) {
        return jdbc.sql("SELECT COUNT(*) FROM message_feedback WHERE message_id = ?")
                .param(message.value())
                .query(Integer.class)
                .single();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}

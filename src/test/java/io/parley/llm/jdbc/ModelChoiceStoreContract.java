package io.parley.llm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ModelChoice;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Organizations' model choices on a real database; subclasses choose which. */
abstract class ModelChoiceStoreContract {

    private TestDatabase database;
    private JdbcClient jdbc;
    private JdbcModelChoiceStore store;

    protected abstract TestDatabase database();

    @BeforeEach
    void open() {
        database = database();
        jdbc = JdbcClient.create(database.dataSource());
        store = new JdbcModelChoiceStore(
                jdbc, new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void keepsAndReplacesEachOrganizationsChoice() {
        OrganizationId alpine = organization();
        OrganizationId tiny = organization();

        store.save(alpine, new ModelChoice("claude", "claude-haiku-4-5", "v1:sealed"), Instant.now());
        store.save(alpine, new ModelChoice("bedrock", null, null), Instant.now());
        store.save(tiny, new ModelChoice("openai", "gpt-4o-mini", "v1:other"), Instant.now());

        assertThat(store.find(alpine)).contains(new ModelChoice("bedrock", null, null));
        assertThat(store.find(tiny)).contains(new ModelChoice("openai", "gpt-4o-mini", "v1:other"));
        assertThat(store.find(OrganizationId.generate())).isEmpty();
    }

    private OrganizationId organization() {
        return TestDatabases.newOrganization(jdbc);
    }
}

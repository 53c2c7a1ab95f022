package io.parley.actions;

import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The action store's contract against a real database; subclasses choose which. */
abstract class JdbcActionStoreContract extends ActionStoreContract {

    protected abstract TestDatabases.TestDatabase database();

    private TestDatabases.TestDatabase database;
    private JdbcClient jdbc;

    @Override
    protected ActionStore store() {
        database = database();
        jdbc = JdbcClient.create(database.dataSource());
        return new JdbcActionStore(jdbc, JsonMapper.builder().build());
    }

    @Override
    protected OrganizationId newOrganization() {
        return TestDatabases.newOrganization(jdbc);
    }

    @Override
    protected String headersAtRest(ActionId id) {
        return jdbc.sql("SELECT headers FROM business_actions WHERE id = ?")
                .param(id.value())
                .query(String.class)
                .single();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}

package io.parley.store.jdbc;

import io.parley.store.StoreData;
import io.parley.store.StoreDataContract;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The store contract on a real database, migrated by Flyway; subclasses choose which. */
abstract class JdbcStoreDataContract extends StoreDataContract {

    private TestDatabase database;
    private JdbcClient jdbc;
    private JdbcStoreData data;

    protected abstract TestDatabase database();

    @BeforeEach
    void open() {
        database = database();
        jdbc = JdbcClient.create(database.dataSource());
        data = new JdbcStoreData(
                jdbc,
                new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    protected StoreData data() {
        return data;
    }

    @Override
    protected OrganizationId newOrganization() {
        return TestDatabases.newOrganization(jdbc);
    }
}

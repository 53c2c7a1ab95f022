package io.parley.llm.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

class JdbcModelChoiceStorePostgresIT extends ModelChoiceStoreContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.postgres();
    }
}

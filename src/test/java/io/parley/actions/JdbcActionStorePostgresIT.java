package io.parley.actions;

import io.parley.testing.TestDatabases;

/** The action store's contract on the real PostgreSQL at 127.0.0.1:5432 (mandatory under CI, skipped elsewhere if absent). */
class JdbcActionStorePostgresIT extends JdbcActionStoreContract {

    @Override
    protected TestDatabases.TestDatabase database() {
        return TestDatabases.postgres();
    }
}

package io.parley.actions;

import io.parley.testing.TestDatabases;

/** The action store's contract on the embedded default, H2 in PostgreSQL mode. */
class JdbcActionStoreH2IT extends JdbcActionStoreContract {

    @Override
    protected TestDatabases.TestDatabase database() {
        return TestDatabases.h2();
    }
}

package io.parley.store.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

/** The store on the real PostgreSQL (mandatory under CI, skipped elsewhere if absent). */
class JdbcStoreDataPostgresIT extends JdbcStoreDataContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.postgres();
    }
}

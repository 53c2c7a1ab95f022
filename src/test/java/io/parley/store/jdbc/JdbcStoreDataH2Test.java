package io.parley.store.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

/** The store on H2, as the embedded server runs it. */
class JdbcStoreDataH2Test extends JdbcStoreDataContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.h2();
    }
}

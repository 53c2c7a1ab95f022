package io.parley.handoff.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

class JdbcHandoffSettingsStorePostgresIT extends HandoffSettingsStoreContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.postgres();
    }
}

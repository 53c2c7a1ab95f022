package io.parley.usage.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

class JdbcUsageStorePostgresIT extends UsageStoreContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.postgres();
    }
}

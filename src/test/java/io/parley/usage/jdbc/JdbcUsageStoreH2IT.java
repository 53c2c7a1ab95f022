package io.parley.usage.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

class JdbcUsageStoreH2IT extends UsageStoreContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.h2();
    }
}

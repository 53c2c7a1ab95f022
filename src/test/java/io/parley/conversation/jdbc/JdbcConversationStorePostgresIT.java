package io.parley.conversation.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

/** The store contract on the real PostgreSQL at 127.0.0.1:5432 (mandatory under CI, skipped elsewhere if absent). */
class JdbcConversationStorePostgresIT extends JdbcConversationStoreContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.postgres();
    }
}

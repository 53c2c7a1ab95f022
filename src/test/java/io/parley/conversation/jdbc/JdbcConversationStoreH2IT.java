package io.parley.conversation.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

/** The store contract on the embedded default: H2 in PostgreSQL mode. */
class JdbcConversationStoreH2IT extends JdbcConversationStoreContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.h2();
    }
}

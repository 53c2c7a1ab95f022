package io.parley.conversation.jdbc;

import io.parley.testing.TestDatabases;

/** The tool ledger's contract on the real PostgreSQL at 127.0.0.1:5432 (mandatory under CI, skipped elsewhere if absent). */
class JdbcToolLedgerPostgresIT extends JdbcToolLedgerContract {

    @Override
    protected TestDatabases.TestDatabase database() {
        return TestDatabases.postgres();
    }
}

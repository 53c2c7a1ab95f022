package io.parley.conversation.jdbc;

import io.parley.testing.TestDatabases;

/** The tool ledger's contract on the embedded default, H2 in PostgreSQL mode. */
class JdbcToolLedgerH2IT extends JdbcToolLedgerContract {

    @Override
    protected TestDatabases.TestDatabase database() {
        return TestDatabases.h2();
    }
}

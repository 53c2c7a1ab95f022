package io.parley.knowledge.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

/** The knowledge store on the real PostgreSQL (mandatory under CI, skipped elsewhere if absent). */
class JdbcKnowledgeStorePostgresIT extends JdbcKnowledgeStoreContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.postgres();
    }
}

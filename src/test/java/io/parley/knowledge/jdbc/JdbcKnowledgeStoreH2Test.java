package io.parley.knowledge.jdbc;

import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;

/** The knowledge store on embedded H2 in PostgreSQL mode. */
class JdbcKnowledgeStoreH2Test extends JdbcKnowledgeStoreContract {

    @Override
    protected TestDatabase database() {
        return TestDatabases.h2();
    }
}

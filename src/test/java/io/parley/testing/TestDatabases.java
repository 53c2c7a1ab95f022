package io.parley.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests, migrated with the application's Flyway scripts: a private in-memory H2 in PostgreSQL mode, or a
 * fresh database on the real PostgreSQL at 127.0.0.1:5432 (dropped on close). PostgreSQL tests are mandatory under CI
 * and skipped, with a message saying so, elsewhere when it cannot be reached.
 */
public final class TestDatabases {

    public static final String POSTGRES_HOST = System.getenv().getOrDefault("PARLEY_TEST_PG_HOST", "127.0.0.1");
    public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://" + POSTGRES_HOST + ":5432/postgres";
    public static final String POSTGRES_USER = System.getenv().getOrDefault("PARLEY_TEST_PG_USER", "postgres");

    private TestDatabases() {}

    /** A database that lives until {@link #close()}. */
    public static final class TestDatabase implements AutoCloseable {
        private final HikariDataSource dataSource;
        private final Runnable cleanup;

        TestDatabase(HikariDataSource dataSource, Runnable cleanup) {
            this.dataSource = dataSource;
            this.cleanup = cleanup;
        }

        public HikariDataSource dataSource() {
            return dataSource;
        }

        public String url() {
            return dataSource.getJdbcUrl();
        }

        @Override
        public void close() {
            dataSource.close();
            cleanup.run();
        }
    }

    public static TestDatabase h2() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return migrated(url, "sa", () -> {});
    }

    /** True under CI, where PostgreSQL tests must run. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Whether PostgreSQL answers; aborts the test (skips it) with a clear message when it does not and CI is not set. */
    public static void requirePostgres() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "")) {
            // reachable
        } catch (SQLException e) {
            if (ci()) {
                throw new IllegalStateException("PostgreSQL at " + POSTGRES_ADMIN_URL + " is required under CI", e);
            }
            Assumptions.abort("SKIPPED: PostgreSQL is not reachable at " + POSTGRES_ADMIN_URL
                    + " (start it to run this test; under CI it is mandatory)");
        }
    }

    /** A fresh, empty, migrated database on the real PostgreSQL. */
    public static TestDatabase postgres() {
        requirePostgres();
        String name =
                "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
        return migrated(
                "jdbc:postgresql://" + POSTGRES_HOST + ":5432/" + name,
                POSTGRES_USER,
                () -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** Inserts an organization (with nothing else) for store tests, and returns its id. */
    public static io.parley.tenant.OrganizationId newOrganization(
            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        var id = io.parley.tenant.OrganizationId.generate();
        jdbc.sql("INSERT INTO organizations (id, name, site_key, customer_secret, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(
                        id.value(),
                        "Org " + id,
                        "pk_" + id.value().substring(0, 8) + id.value().substring(24),
                        "v1:x",
                        java.time.OffsetDateTime.now())
                .update();
        return id;
    }

    private static TestDatabase migrated(String url, String user, Runnable cleanup) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new TestDatabase(dataSource, cleanup);
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }
}

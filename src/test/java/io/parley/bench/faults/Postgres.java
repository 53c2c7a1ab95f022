package io.parley.bench.faults;

import io.parley.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, user {@code postgres}, trust auth), which other work on this machine
 * shares: fresh databases for a run, and, for the real outage only, stopping and starting its cluster.
 */
final class Postgres {

    static final String HOST = TestDatabases.POSTGRES_HOST;
    static final int PORT = 5432;
    static final String USER = TestDatabases.POSTGRES_USER;

    private Postgres() {}

    /** Creates an empty database and returns its name (the server migrates it when it starts). */
    static String createDatabase() {
        String name =
                "parley_fault_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return name;
    }

    static void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Sessions of other clients (other databases than {@code ours}) right now: others who would notice a stop. */
    static int otherSessions(String ours) {
        try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRES_ADMIN_URL, USER, "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client"
                        + " backend' AND pid <> pg_backend_pid() AND coalesce(datname, '') <> '" + ours + "'")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL does not answer", e);
        }
    }

    /** Stops the cluster ({@code pg_ctlcluster … stop -m fast}): every connection is closed, new ones refused. */
    static void stopCluster() {
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", "stop", "-m", "fast"));
    }

    /** Starts the cluster and waits until {@code pg_isready} answers. */
    static void startCluster(Duration within) throws InterruptedException {
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", "start"));
        if (!Awaits.within(Postgres::ready, within)) {
            throw new IllegalStateException("PostgreSQL did not answer within " + within + " of its start");
        }
    }

    static boolean ready() {
        try {
            Process p = new ProcessBuilder("pg_isready", "-q", "-h", HOST, "-p", String.valueOf(PORT))
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String version() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no cluster under /etc/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("no cluster under /etc/postgresql", e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRES_ADMIN_URL, USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }
}

package io.parley.bench.faults;

import io.parley.testing.OpenAiScript;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code fault-database}: while customers chat, the server's PostgreSQL goes away and comes back; customers are
 * told clearly meanwhile, the server recovers by itself, and nothing acknowledged is lost.
 *
 * <p>The server runs on a fresh PostgreSQL database with {@code parley.chat.ack-timeout} = {@code ackTimeout}
 * (default 3 s). {@code customers} (default 100) chat, each sending its next message once the last is answered.
 * After {@code before} (default 10 s) the database is away for {@code outage} (default 10 s), then back, and the
 * load goes on for {@code after} (default 20 s). Two ways to take it away ({@code mode=}):
 * <ul>
 *   <li>{@code stop} (default, for real runs): the shared cluster itself stops and starts
 *       ({@code pg_ctlcluster … stop -m fast}, started again in a finally block and awaited with {@code pg_isready});
 *       the run refuses to stop it while other clients are connected unless {@code force=true};
 *   <li>{@code proxy} (the smoke test): a {@link PostgresProxy} between server and database cuts every connection and
 *       refuses new ones, which the server sees the same way, without touching the shared database.
 * </ul>
 * Verdict: every message gets a first answer (ack or error frame) within {@code ackTimeout + margin}; none is left
 * without either (no silent loss); every message told "not saved yet" is acknowledged once the database is back;
 * after recovery every customer's next message is acknowledged and answered without a restart; and the
 * {@link StoreChecker} finds every ack stored, once, at its seq, with seq gapless.
 */
final class DatabaseOutageRun {

    private DatabaseOutageRun() {}

    /** Takes the database away and brings it back. */
    private interface Outage {
        void begin();

        void end() throws InterruptedException;
    }

    static FaultReport run(FaultSettings settings) throws InterruptedException {
        int customers = settings.integer("customers", 100);
        Duration before = settings.duration("before", "10s");
        Duration outageFor = settings.duration("outage", "10s");
        Duration after = settings.duration("after", "20s");
        Duration ackTimeout = settings.duration("ackTimeout", "3s");
        Duration firstAnswerBound = ackTimeout.plus(settings.duration("margin", "1s"));
        Duration recoverWithin = settings.duration("recoverWithin", "30s");
        Duration waitLimit = outageFor.plus(recoverWithin).plus(ackTimeout);
        String mode = settings.get("mode", "stop");
        FaultReport report = new FaultReport("database");
        report.count("mode", mode);
        report.count("customers", customers);
        report.count("outageMs", outageFor.toMillis());

        String database = Postgres.createDatabase();
        PostgresProxy proxy = mode.equals("proxy") ? PostgresProxy.start(Postgres.HOST, Postgres.PORT) : null;
        Outage outage = proxy != null ? proxyOutage(proxy) : clusterOutage(database, settings.flag("force", false));
        int port = proxy != null ? proxy.port() : Postgres.PORT;
        try (FaultServer server = FaultServer.start(
                        "database",
                        settings,
                        request -> OpenAiScript.echo(),
                        serverArguments(port, database, settings));
                Crowd crowd = new Crowd()) {
            List<Customer> chatting = crowd.connect(customers, server.chat(), "d");
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> loops = new ArrayList<>();
            for (Customer customer : chatting) {
                loops.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        Customer.await(customer.send("Where is my order?"), waitLimit);
                    }
                }));
            }
            long start = System.nanoTime();
            // The load is flowing once every customer has had a reply (the model client's first call can take a
            // moment): an outage that began earlier would catch nobody sending.
            Awaits.until(
                    () -> System.nanoTime() - start >= before.toNanos()
                            && chatting.stream().allMatch(c -> c.sent().stream().anyMatch(Customer.Sent::replied)),
                    before.plus(Duration.ofMinutes(1)),
                    "the load did not start");

            long outageAt = System.nanoTime();
            long restoredAt;
            try {
                outage.begin();
                Thread.sleep(outageFor); // the fault itself: the database is away this long
            } finally {
                outage.end();
                restoredAt = System.nanoTime();
            }
            boolean backlogAcked = Awaits.within(
                    () -> chatting.stream()
                            .flatMap(c -> c.sent().stream())
                            .filter(s -> s.sentAt < restoredAt)
                            .allMatch(s -> s.acked() || s.refused() || s.settled.isCompletedExceptionally()),
                    recoverWithin);
            long backlogAckedAt = System.nanoTime();
            Thread.sleep(after); // load goes on after the outage for this long
            stop.set(true);
            for (Thread loop : loops) {
                loop.join(waitLimit.toMillis() + 1000);
            }

            summarize(chatting, outageAt, restoredAt, firstAnswerBound, report);
            report.count("msUntilBacklogAcked", backlogAcked ? (backlogAckedAt - restoredAt) / 1_000_000 : -1);
            report.check(
                    "automatic recovery: every message sent before the database came back is acknowledged",
                    backlogAcked,
                    backlogAcked
                            ? "in " + (backlogAckedAt - restoredAt) / 1_000_000 + " ms"
                            : "not within " + recoverWithin.toSeconds() + " s");
            checkAnsweredAfterRecovery(chatting, waitLimit, report);
            report.count(
                    "journalPendingGauge",
                    server.metric("parley_chat_journal_pending", "none").get("all"));
            // Customers' words must stay out of logs, failures included (ARCHITECTURE.md, "Errors and logs").
            report.count("serverLogLinesWithCustomerText", server.logLinesContaining("Where is my order?"));

            StoreChecker.Result store = StoreChecker.check(server.api(), chatting);
            store.counts().forEach(report::count);
            server.stop(settings, report);
            report.check(
                    "nothing acknowledged is lost: every ack stored, once, at its seq; seq gapless",
                    store.clean(),
                    store.toString());
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            Postgres.dropDatabase(database);
        }
        return report;
    }

    private static List<String> serverArguments(int port, String database, FaultSettings settings) {
        SecureRandom random = new SecureRandom();
        byte[] signing = new byte[32];
        byte[] encryption = new byte[32];
        random.nextBytes(signing);
        random.nextBytes(encryption);
        return List.of(
                "--spring.datasource.url=" + Postgres.jdbcUrl(port, database),
                "--spring.datasource.username=" + Postgres.USER,
                "--parley.security.signing-key=" + Base64.getEncoder().encodeToString(signing),
                "--parley.security.encryption-key=" + Base64.getEncoder().encodeToString(encryption),
                "--parley.chat.ack-timeout=" + settings.springDuration("ackTimeout", "3s"));
    }

    private static void summarize(
            List<Customer> customers, long outageAt, long restoredAt, Duration bound, FaultReport report) {
        int sent = 0;
        int acked = 0;
        int errored = 0;
        int ackedLate = 0;
        int refused = 0;
        int silent = 0;
        int slowFirstAnswer = 0;
        int ackedNotAnswered = 0;
        int fallbackReplies = 0;
        double maxFirstAnswer = 0;
        long firstAckAfterRestore = Long.MAX_VALUE;
        List<String> examples = new ArrayList<>();
        for (Customer c : customers) {
            for (Customer.Sent s : c.sent()) {
                sent++;
                if (s.acked()) {
                    acked++;
                    if (s.ackAt > restoredAt) {
                        firstAckAfterRestore = Math.min(firstAckAfterRestore, s.ackAt - restoredAt);
                    }
                    if (!s.replied()) {
                        ackedNotAnswered++;
                    } else if (s.reply.contains("can't help with that here") || s.reply.equals(FaultServer.FALLBACK)) {
                        fallbackReplies++;
                    }
                }
                if (s.errored()) {
                    errored++;
                    if (s.acked()) {
                        ackedLate++;
                    } else {
                        refused++;
                    }
                }
                if (!s.acked() && !s.errored()) {
                    silent++;
                    if (examples.size() < 5) {
                        examples.add(Diagnostics.describe(c, s));
                    }
                }
                double first = s.msToFirstAnswer();
                maxFirstAnswer = Math.max(maxFirstAnswer, first);
                if (first < 0 || first > bound.toMillis()) {
                    slowFirstAnswer++;
                }
            }
        }
        report.count("sent", sent);
        report.count("acked", acked);
        report.count("errorFrames503", errored);
        report.count("ackedLateAfterAnError", ackedLate);
        report.count("refusedNeverStored", refused);
        report.count("neitherAckedNorTold", silent);
        report.count("ackedButNotAnswered", ackedNotAnswered);
        report.count("fallbackReplies", fallbackReplies);
        report.count("maxMsToFirstAnswer", Math.round(maxFirstAnswer));
        report.count(
                "msToFirstAckAfterRestore",
                firstAckAfterRestore == Long.MAX_VALUE ? -1 : firstAckAfterRestore / 1_000_000);
        if (!examples.isEmpty()) {
            report.count("examples", examples);
        }
        report.check(
                "clear errors meanwhile: customers were told their message is not saved yet",
                errored > 0,
                errored + " error frames for " + sent + " messages");
        report.check(
                "every message gets an ack or an error frame within ack-timeout + margin",
                slowFirstAnswer == 0,
                slowFirstAnswer + " late or never; max " + Math.round(maxFirstAnswer) + " ms, bound " + bound.toMillis()
                        + " ms");
        report.check("no silent loss: no message left without an ack or an error", silent == 0, silent + " silent");
        report.check("every acknowledged message is answered", ackedNotAnswered == 0, ackedNotAnswered + " unanswered");
    }

    private static void checkAnsweredAfterRecovery(List<Customer> customers, Duration wait, FaultReport report) {
        List<Customer.Sent> next =
                customers.stream().map(c -> c.send("Is everything fine again?")).toList();
        long answered = next.stream()
                .filter(s -> Customer.await(s, wait) && s.replied() && !s.errored())
                .count();
        report.count("answeredAfterRecovery", answered);
        report.check(
                "after recovery, new messages are acknowledged at once and answered (no restart)",
                answered == customers.size(),
                answered + " of " + customers.size());
    }

    private static Outage proxyOutage(PostgresProxy proxy) {
        return new Outage() {
            @Override
            public void begin() {
                proxy.cut();
            }

            @Override
            public void end() {
                proxy.restore();
            }
        };
    }

    private static Outage clusterOutage(String database, boolean force) {
        return new Outage() {
            private final Thread safetyNet = new Thread(() -> {
                if (!Postgres.ready()) {
                    try {
                        Postgres.startCluster(Duration.ofSeconds(60));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });

            @Override
            public void begin() {
                int others = Postgres.otherSessions(database);
                if (others > 0 && !force) {
                    throw new IllegalStateException(others + " other sessions use the shared PostgreSQL; not stopping"
                            + " it under them (use mode=proxy, or force=true)");
                }
                Runtime.getRuntime().addShutdownHook(safetyNet); // started again even if this run is interrupted
                Postgres.stopCluster();
            }

            @Override
            public void end() throws InterruptedException {
                if (!Postgres.ready()) {
                    Postgres.startCluster(Duration.ofSeconds(60));
                }
                Runtime.getRuntime().removeShutdownHook(safetyNet);
            }
        };
    }
}

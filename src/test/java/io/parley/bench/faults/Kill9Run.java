package io.parley.bench.faults;

import io.parley.testing.OpenAiScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code fault-kill9}: an acknowledged message survives {@code kill -9} of the server in the middle of load.
 *
 * <p>{@code customers} (default 200) chat with the packaged server on its embedded H2, each sending its next
 * message as soon as the last is acknowledged (and the one before answered), so that messages are always on their
 * way to the journal. After {@code loadFor} (default 30 s) and at least {@code killAfterAcks}
 * acks, the server gets SIGKILL (no shutdown hook, no flush) and starts again on the same data directory. Every
 * customer then reconnects with its visitor token, resumes, and sends one more message, which must be acknowledged
 * and answered. Last, {@link StoreChecker} compares every ack received against the store: none missing, no
 * {@code clientMessageId} stored twice, {@code seq} gapless in every conversation.
 */
final class Kill9Run {

    private Kill9Run() {}

    static FaultReport run(FaultSettings settings) throws InterruptedException {
        int customers = settings.integer("customers", 200);
        Duration loadFor = settings.duration("loadFor", "30s");
        int killAfterAcks = settings.integer("killAfterAcks", customers);
        Duration replyWithin = settings.duration("replyWithin", "30s");
        FaultReport report = new FaultReport("kill9");
        report.count("customers", customers);
        try (FaultServer server = FaultServer.start("kill9", settings, request -> OpenAiScript.echo(), List.of());
                Crowd crowd = new Crowd()) {
            List<Customer> before = crowd.connect(customers, server.chat(), "k");
            AtomicBoolean killed = new AtomicBoolean();
            List<Thread> loops = new ArrayList<>();
            for (Customer customer : before) {
                loops.add(Thread.ofVirtual().start(() -> chatUntilKilled(customer, killed, replyWithin)));
            }
            long start = System.nanoTime();
            Awaits.until(
                    () -> System.nanoTime() - start >= loadFor.toNanos()
                            && StoreChecker.acksOf(before).size() >= killAfterAcks,
                    loadFor.plus(Duration.ofMinutes(2)),
                    "the load did not reach " + killAfterAcks + " acks");
            killed.set(true);
            server.kill9();
            for (Thread loop : loops) {
                loop.join(replyWithin.toMillis());
            }
            Awaits.until(
                    () -> before.stream().allMatch(c -> c.closed.isDone()),
                    Duration.ofSeconds(30),
                    "connections to the killed server did not end");
            int sent = before.stream().mapToInt(c -> c.sent().size()).sum();
            int acked = StoreChecker.acksOf(before).size();
            report.count("sentBeforeKill", sent);
            report.count("ackedBeforeKill", acked);
            report.count("inFlightAtKill", sent - acked);
            report.check("the load ran before the kill", acked >= killAfterAcks, acked + " acks before the kill");

            long restartAt = System.nanoTime();
            server.restart();
            report.count("restartMs", (System.nanoTime() - restartAt) / 1_000_000);

            List<Customer> after = answerAfterRestart(server, crowd, before, replyWithin, report);

            List<Customer> all = new ArrayList<>(before);
            all.addAll(after);
            StoreChecker.Result store = StoreChecker.check(server.api(), all);
            store.counts().forEach(report::count);
            server.stop(settings, report);
            report.check(
                    "every acknowledged message is stored, once, at its seq; seq gapless",
                    store.clean(),
                    store.toString());
        }
        return report;
    }

    /**
     * Sends the next message as soon as the last is acknowledged, then waits for the reply to the one before: so
     * that each customer nearly always has a message on its way to the journal, and at most two unanswered.
     */
    private static void chatUntilKilled(Customer customer, AtomicBoolean killed, Duration replyWithin) {
        Customer.Sent previous = null;
        while (!killed.get() && !customer.closed.isDone()) {
            Customer.Sent next = customer.send("Do you ship to Canada?");
            if (previous != null) {
                Customer.await(previous, replyWithin);
            }
            try {
                next.acked.get(replyWithin.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                return; // killed, or not acknowledged in time: the checker decides what it means
            }
            previous = next;
        }
    }

    /** Every customer reconnects, resumes and sends one more message; returns the new connections. */
    private static List<Customer> answerAfterRestart(
            FaultServer server, Crowd crowd, List<Customer> before, Duration replyWithin, FaultReport report) {
        report.check("the restarted server is healthy", server.healthy(), "GET /actuator/health after restart");
        List<CompletableFuture<Customer>> reconnecting =
                crowd.reconnectAllAtOnce(before, c -> server.chat(c.visitorToken(), c.conversationId()));
        List<Customer> after = new ArrayList<>();
        for (CompletableFuture<Customer> f : reconnecting) {
            try {
                after.add(f.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                // counted below as not reconnected
            }
        }
        List<Customer.Sent> sent =
                after.stream().map(c -> c.send("Are you open again?")).toList();
        long answered = sent.stream()
                .filter(s -> Customer.await(s, replyWithin) && s.replied())
                .count();
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < after.size() && unanswered.size() < 5; i++) {
            if (!sent.get(i).replied()) {
                unanswered.add(Diagnostics.describe(after.get(i), sent.get(i)) + "; "
                        + Diagnostics.stored(server.api(), after.get(i)));
            }
        }
        if (!unanswered.isEmpty()) {
            Diagnostics.saveThreadDump(server.pid(), "kill9");
            report.count("unansweredAfterRestart", unanswered);
        }
        report.count("reconnectedAfterRestart", after.size());
        report.count("answeredAfterRestart", answered);
        report.check(
                "every customer reconnects after the restart",
                after.size() == before.size(),
                after.size() + " of " + before.size());
        report.check(
                "every customer's next message is acknowledged and answered",
                answered == before.size(),
                answered + " of " + before.size() + " within " + replyWithin.toSeconds() + " s");
        return after;
    }
}

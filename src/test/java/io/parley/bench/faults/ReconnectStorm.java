package io.parley.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A reconnect storm: every one of {@code storm} customers, each with a reply on its way, drops its connection at
 * once (no close handshake) and reconnects at once with its visitor token and a {@code resume} from the last seq it
 * saw. Every one must resume exactly there: the first seq it sees again is the next one, with no gap and nothing
 * twice, and its next message is acknowledged and answered. With {@code redeliveryAllowed=true} a message seen again
 * (same id) is counted but tolerated: a resume sent just after a message arrived live replays it, which the API's
 * "replays every message with seq &gt; N" allows and the widget ignores by id.
 */
final class ReconnectStorm {

    private ReconnectStorm() {}

    static void run(ClientFaultRun.Chaos chaos, Map<String, Object> latency) throws InterruptedException {
        int count = chaos.settings().integer("storm", 1000);
        Duration within = chaos.settings().duration("stormWithin", "60s");
        FaultReport report = chaos.report();
        FaultServer server = chaos.server();
        List<Customer> before = chaos.crowd().connect(count, server.chat(), "st");
        awaitAll(
                before.stream()
                        .map(c -> c.send("Hello, is my order on its way?"))
                        .toList(),
                within);
        // A second message each: acknowledged, and its reply (a second long) still streaming when the storm hits.
        List<Customer.Sent> inFlight =
                before.stream().map(c -> c.send("And when will it arrive?")).toList();
        Awaits.until(() -> inFlight.stream().allMatch(Customer.Sent::acked), within, "the storm's messages unacked");
        Map<String, Long> replySeq = new HashMap<>();
        for (int i = 0; i < count; i++) {
            replySeq.put(before.get(i).name(), inFlight.get(i).ackSeq + 1);
        }

        chaos.control().begin();
        long start = System.nanoTime();
        before.forEach(Customer::abort);
        List<CompletableFuture<Customer>> reconnecting =
                chaos.crowd().reconnectAllAtOnce(before, c -> server.chat(c.visitorToken(), c.conversationId()));
        List<Customer> after = new ArrayList<>();
        int failed = 0;
        for (CompletableFuture<Customer> f : reconnecting) {
            try {
                after.add(f.get(within.toMillis(), TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                failed++;
            }
        }
        boolean resumed = Awaits.within(() -> after.stream().allMatch(c -> c.lastSeq() > c.resumedAfter()), within);
        long stormMs = (System.nanoTime() - start) / 1_000_000;
        latency.put("reconnectStorm", chaos.control().end());
        double heapDuring = chaos.heapAfterGc();
        int openDuring = chaos.openConnections();

        List<Customer.Sent> next = after.stream().map(c -> c.send("Thanks!")).toList();
        long answered = awaitAll(next, within);
        boolean redeliveryAllowed = chaos.settings().flag("redeliveryAllowed", false);
        int exact = 0;
        int redelivered = 0;
        int conflicts = 0;
        int gaps = 0;
        List<String> examples = new ArrayList<>();
        for (Customer c : after) {
            Customer.SeqCheck seqs = c.seqCheck();
            redelivered += seqs.redelivered();
            conflicts += seqs.conflicts();
            gaps += seqs.gaps();
            if (seqs.first() == c.resumedAfter() + 1 && seqs.clean(redeliveryAllowed)) {
                exact++;
            } else if (examples.size() < 5) {
                examples.add(c.name() + " resumed after " + c.resumedAfter() + ", then saw " + c.seqs());
            }
        }
        after.forEach(Customer::close);
        double heapAfter = chaos.heapBackToBaseline();

        report.count("stormSessions", count);
        report.count("stormReconnectFailures", failed);
        report.count("stormMsUntilAllResumed", resumed ? stormMs : -1);
        report.count("stormResumedExactly", exact);
        report.count("stormRedeliveredMessages", redelivered);
        report.count("stormConflictingSeqs", conflicts);
        report.count("stormSeqGaps", gaps);
        report.count("stormAnsweredAfter", answered);
        report.count("stormOpenConnectionsDuring", openDuring);
        report.count("stormHeapAfterGcDuringMiB", heapDuring);
        report.count("stormHeapAfterGcAfterMiB", heapAfter);
        if (!examples.isEmpty()) {
            report.count("stormExamples", examples);
        }
        report.check(
                "reconnect storm: every session reconnects and resumes",
                failed == 0 && resumed,
                (count - failed) + " of " + count + " reconnected; "
                        + (resumed
                                ? "all resumed in " + stormMs + " ms"
                                : "not all resumed in " + within.toSeconds() + " s"));
        report.check(
                "reconnect storm: what each sees continues exactly from its last seq (nothing lost"
                        + (redeliveryAllowed ? ", nothing out of place)" : " or twice)"),
                exact == count,
                exact + " of " + count + " exact; " + redelivered + " messages seen twice (same id), " + conflicts
                        + " seqs seen with another message, " + gaps + " gaps"
                        + (redeliveryAllowed ? " (a message seen again after resume allowed)" : ""));
        report.check(
                "reconnect storm: every session's next message is acknowledged and answered",
                answered == count,
                answered + " of " + count);
        chaos.checkHeapBack("reconnect storm", heapDuring, heapAfter);
    }

    /** Waits for every message to settle; returns how many got their reply. */
    private static long awaitAll(List<Customer.Sent> sent, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        long replied = 0;
        for (Customer.Sent s : sent) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            if (Customer.await(s, left) && s.replied()) {
                replied++;
            }
        }
        return replied;
    }
}

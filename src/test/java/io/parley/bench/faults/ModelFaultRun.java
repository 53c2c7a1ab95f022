package io.parley.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code fault-model}: whatever the model does, every customer gets an answer in bounded time, and the server
 * recovers on its own.
 *
 * <p>The server runs with a short {@code parley.llm.timeout} ({@code llmTimeout}, default 3 s). {@code customers}
 * (default 50) each send {@code messages} (default 22: every fault twice) messages one after another, each naming one
 * {@link ModelFault} in turn (a mix across customers at any moment): hang, HTTP 500, 429 with Retry-After, a stream
 * cut half-way, ending early or stalling, malformed chunks, an error inside the stream, failures that heal on retry,
 * and healthy answers. Verdict:
 * <ul>
 *   <li>every message gets a complete reply (a {@code message} frame) or a clear error frame within
 *       {@code llmTimeout + margin} (margin default 1 s), timed from sending;
 *   <li>each outcome is the right one: the model's answer when it works or heals on retry, otherwise the
 *       organization's fallback message (a part already streamed is withdrawn first) or an error frame;
 *   <li>no conversation stays stuck: each customer's next message, with the model healthy again, gets the answer;
 *   <li>the same server process (no restart) is healthy and answers a new customer normally.
 * </ul>
 */
final class ModelFaultRun {

    private ModelFaultRun() {}

    /** How one message ended, from the customer's side. */
    enum Outcome {
        ANSWER,
        FALLBACK,
        PARTIAL_THEN_FALLBACK,
        DEFAULT_FALLBACK,
        ERROR_FRAME,
        NOTHING
    }

    private record Result(ModelFault fault, Outcome outcome, double ms) {}

    /** The start of the server's own fallback (BusinessProfile's default), used when the organization's is unknown. */
    private static final String DEFAULT_FALLBACK = "I'm sorry, I can't help with that here.";

    static FaultReport run(FaultSettings settings) throws InterruptedException {
        int customers = settings.integer("customers", 50);
        int messages = settings.integer("messages", 22);
        Duration llmTimeout = settings.duration("llmTimeout", "3s");
        Duration bound = llmTimeout.plus(settings.duration("margin", "1s"));
        Duration giveUpAfter = bound.plus(Duration.ofSeconds(10));
        FaultReport report = new FaultReport("model");
        report.count("customers", customers);
        report.count("messagesPerCustomer", messages);
        report.count("boundMs", bound.toMillis());
        ConcurrentMap<String, Integer> attempts = new ConcurrentHashMap<>();
        // This run counts the model's requests and its responder must never be bypassed: keep every request.
        settings = settings.with("trimModelRequests", "false");
        try (FaultServer server = FaultServer.start(
                        "model",
                        settings,
                        request -> {
                            String text = request.lastUserMessage();
                            int attempt = attempts.merge(text, 1, Integer::sum) - 1;
                            return ModelFault.of(text).script(attempt);
                        },
                        List.of(
                                "--parley.llm.timeout=" + settings.springDuration("llmTimeout", "3s"),
                                // Most of this run's requests fail on purpose, per request, while the provider as a
                                // whole is up: the run measures how the engine answers each one, so the circuit
                                // breaker (which would rightly open at this failure rate) is set to open only when
                                // every call fails. ProviderFaultsIT and the breaker bench cover the breaker.
                                "--parley.llm.breaker.failure-rate=100",
                                "--parley.llm.breaker.window=100",
                                "--parley.llm.breaker.minimum-calls=100"));
                Crowd crowd = new Crowd()) {
            long pid = server.pid();
            List<Customer> crowdOfCustomers = crowd.connect(customers, server.chat(), "c");
            List<Result> results = new ArrayList<>();
            List<Thread> loops = new ArrayList<>();
            List<ModelFault> faults = ModelFault.mix(settings.get("faults", ""));
            report.count("faults", faults.stream().map(ModelFault::wireName).toList());
            for (int c = 0; c < customers; c++) {
                Customer customer = crowdOfCustomers.get(c);
                int offset = c;
                loops.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < messages; i++) {
                        ModelFault fault = faults.get((offset + i) % faults.size());
                        Customer.Sent sent = customer.send("Do you ship to Canada? " + fault.tag());
                        Customer.await(sent, giveUpAfter);
                        Result result = new Result(fault, outcome(sent), settledMs(sent));
                        synchronized (results) {
                            results.add(result);
                        }
                    }
                }));
            }
            for (Thread loop : loops) {
                loop.join();
            }
            summarize(results, bound, report);
            checkNothingStuck(crowdOfCustomers, giveUpAfter, report);
            checkRecoveredWithoutRestart(server, crowd, pid, giveUpAfter, report);
            report.count("modelFailuresByKind", server.metric("parley_llm_failures_total", "kind"));
            report.count("modelRequests", server.model().requests().size());
            checkStored(server, crowdOfCustomers, report);
            server.stop(settings, report);
        }
        return report;
    }

    static Outcome outcome(Customer.Sent sent) {
        if (sent.replied()) {
            String reply = sent.reply;
            if (reply.endsWith(FaultServer.FALLBACK)) {
                return reply.equals(FaultServer.FALLBACK) ? Outcome.FALLBACK : Outcome.PARTIAL_THEN_FALLBACK;
            }
            return reply.contains(DEFAULT_FALLBACK) ? Outcome.DEFAULT_FALLBACK : Outcome.ANSWER;
        }
        return sent.endedByError() ? Outcome.ERROR_FRAME : Outcome.NOTHING;
    }

    private static double settledMs(Customer.Sent sent) {
        if (sent.replied()) {
            return sent.msToReply();
        }
        return sent.endedByError() ? (sent.firstErrorAt - sent.sentAt) / 1e6 : -1;
    }

    private static boolean expected(Result r) {
        return switch (r.outcome()) {
            case ANSWER -> !r.fault().fallbackExpected();
            case FALLBACK, PARTIAL_THEN_FALLBACK, ERROR_FRAME -> r.fault().fallbackExpected();
            case DEFAULT_FALLBACK, NOTHING -> false;
        };
    }

    private static void summarize(List<Result> results, Duration bound, FaultReport report) {
        Map<ModelFault, Map<String, Object>> byFault = new EnumMap<>(ModelFault.class);
        double max = 0;
        int late = 0;
        int unexpected = 0;
        List<String> examples = new ArrayList<>();
        for (ModelFault fault : ModelFault.values()) {
            List<Result> mine = results.stream().filter(r -> r.fault() == fault).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", mine.size());
            for (Outcome o : Outcome.values()) {
                long n = mine.stream().filter(r -> r.outcome() == o).count();
                if (n > 0) {
                    row.put(o.name().toLowerCase(), n);
                }
            }
            double kindMax = mine.stream().mapToDouble(Result::ms).max().orElse(0);
            row.put("maxMs", Math.round(kindMax));
            row.put("fallbackExpected", fault.fallbackExpected());
            byFault.put(fault, row);
            max = Math.max(max, kindMax);
        }
        for (Result r : results) {
            if (r.ms() < 0 || r.ms() > bound.toMillis()) {
                late++;
                if (examples.size() < 10) {
                    examples.add(r.fault().wireName() + ": " + r.outcome() + " after " + Math.round(r.ms()) + " ms");
                }
            }
            if (!expected(r)) {
                unexpected++;
                if (examples.size() < 10) {
                    examples.add(r.fault().wireName() + ": unexpected " + r.outcome());
                }
            }
        }
        report.count("messages", results.size());
        report.count("maxMsToAnswer", Math.round(max));
        report.count("byFault", byFault);
        if (!examples.isEmpty()) {
            report.count("examples", examples);
        }
        report.check(
                "every message answered (reply or error frame) within the bound",
                late == 0,
                late + " of " + results.size() + " late or never; max " + Math.round(max) + " ms, bound "
                        + bound.toMillis() + " ms");
        report.check(
                "every outcome is the right one (answer, healed by retry, or the organization's fallback)",
                unexpected == 0,
                unexpected + " of " + results.size() + " unexpected");
    }

    private static void checkNothingStuck(List<Customer> customers, Duration wait, FaultReport report) {
        List<Customer.Sent> next = customers.stream()
                .map(c -> c.send("And to the United States? " + ModelFault.HEALTHY.tag()))
                .toList();
        long answered = next.stream()
                .filter(s -> Customer.await(s, wait) && outcome(s) == Outcome.ANSWER)
                .count();
        report.count("conversationsAnsweredAfterwards", answered);
        report.check(
                "no conversation stuck: each one's next message gets the model's answer",
                answered == customers.size(),
                answered + " of " + customers.size());
    }

    /** Whatever the model did, every acknowledged message is stored and every conversation's seq is gapless. */
    private static void checkStored(FaultServer server, List<Customer> customers, FaultReport report) {
        StoreChecker.Result store = StoreChecker.check(server.api(), customers);
        report.count("store", store.counts());
        report.check(
                "every conversation stays whole: acks stored, seq gapless (a reply shown is a reply kept)",
                store.clean(),
                store.toString());
    }

    private static void checkRecoveredWithoutRestart(
            FaultServer server, Crowd crowd, long pid, Duration wait, FaultReport report) {
        Customer newcomer = crowd.connect(1, server.chat(), "new").getFirst();
        Customer.Sent sent = newcomer.send("Hello, do you ship to Canada?");
        boolean answered = Customer.await(sent, wait) && outcome(sent) == Outcome.ANSWER;
        report.check(
                "the same server process recovers without restart",
                server.pid() == pid && server.healthy() && answered,
                "pid unchanged, healthy, a new customer answered: " + answered);
    }
}

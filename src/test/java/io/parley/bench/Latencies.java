package io.parley.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What one run measured: time to ack, to first delta and to the whole reply, plus counts. Thread-safe. */
final class Latencies {

    private final Histogram ack = histogram();
    private final Histogram firstDelta = histogram();
    private final Histogram complete = histogram();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    /** Why sessions got errors or were closed: problem status and title, close code and reason. */
    private final Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();

    private static Histogram histogram() {
        return new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    }

    void ack(long nanos) {
        ack.recordValue(Math.max(1, nanos / 1_000));
    }

    void firstDelta(long nanos) {
        firstDelta.recordValue(Math.max(1, nanos / 1_000));
    }

    void complete(long nanos) {
        complete.recordValue(Math.max(1, nanos / 1_000));
        completed.incrementAndGet();
    }

    /** Forgets what was measured (e.g. after a warm-up). */
    void reset() {
        ack.reset();
        firstDelta.reset();
        complete.reset();
        sent.set(0);
        completed.set(0);
        errors.set(0);
        rateLimited.set(0);
        skipped.set(0);
        disconnects.set(0);
        reasons.clear();
    }

    void why(String reason) {
        reasons.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** Percentiles in milliseconds and the counts. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sent", sent.get());
        summary.put("completed", completed.get());
        summary.put("errors", errors.get());
        summary.put("rateLimited", rateLimited.get());
        summary.put("skipped", skipped.get());
        summary.put("disconnects", disconnects.get());
        if (!reasons.isEmpty()) {
            Map<String, Long> why = new TreeMap<>();
            reasons.forEach((reason, count) -> why.put(reason, count.get()));
            summary.put("why", why);
        }
        summary.put("ackMs", percentiles(ack));
        summary.put("firstDeltaMs", percentiles(firstDelta));
        summary.put("completeMs", percentiles(complete));
        return summary;
    }

    double p(String which, double percentile) {
        Histogram h =
                switch (which) {
                    case "ack" -> ack;
                    case "firstDelta" -> firstDelta;
                    default -> complete;
                };
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    long count(String which) {
        return switch (which) {
            case "ack" -> ack.getTotalCount();
            case "firstDelta" -> firstDelta.getTotalCount();
            default -> complete.getTotalCount();
        };
    }

    private static Map<String, Double> percentiles(Histogram h) {
        Map<String, Double> p = new LinkedHashMap<>();
        if (h.getTotalCount() == 0) {
            return p;
        }
        p.put("p50", h.getValueAtPercentile(50) / 1000.0);
        p.put("p95", h.getValueAtPercentile(95) / 1000.0);
        p.put("p99", h.getValueAtPercentile(99) / 1000.0);
        p.put("max", h.getMaxValue() / 1000.0);
        return p;
    }
}

package io.parley.bench.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Normal customers who chat all through a run, each sending a message every {@code every} (phases spread at
 * random) unless its last one is still unanswered, so that their latency can be compared with and without chaos.
 * Measured in windows: {@link #begin()} starts one, {@link #end()} summarizes it. Thread-safe.
 */
final class ControlGroup implements AutoCloseable {

    private final List<Customer> customers;
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1);
    private final Map<Customer, Customer.Sent> last = new ConcurrentHashMap<>();
    private final Histogram firstDelta = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final Histogram ack = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    ControlGroup(List<Customer> customers, Duration every) {
        this.customers = customers;
        for (Customer c : customers) {
            ticks.scheduleAtFixedRate(
                    () -> tick(c),
                    ThreadLocalRandom.current().nextLong(every.toMillis()),
                    every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    int size() {
        return customers.size();
    }

    /** Starts a new measurement window, forgetting the last one. */
    void begin() {
        firstDelta.reset();
        ack.reset();
        sent.set(0);
        answered.set(0);
        failed.set(0);
        skipped.set(0);
    }

    /** What the window measured: counts, and time to ack and to first delta (ms) at p50, p95, p99 and max. */
    Map<String, Object> end() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sent", sent.get());
        summary.put("answered", answered.get());
        summary.put("failed", failed.get());
        summary.put("skippedStillWaiting", skipped.get());
        summary.put("ackMs", percentiles(ack));
        summary.put("firstDeltaMs", percentiles(firstDelta));
        return summary;
    }

    /** The window's first-delta percentile in ms (NaN when nothing was measured). */
    double firstDelta(double percentile) {
        return firstDelta.getTotalCount() == 0 ? Double.NaN : firstDelta.getValueAtPercentile(percentile) / 1000.0;
    }

    private void tick(Customer c) {
        Customer.Sent previous = last.get(c);
        if (c.closed.isDone()) {
            return;
        }
        if (previous != null && !previous.settled.isDone()) {
            skipped.incrementAndGet();
            return;
        }
        Customer.Sent next = c.send("Do you ship to Canada?");
        last.put(c, next);
        sent.incrementAndGet();
        next.settled.whenComplete((s, failure) -> {
            if (failure != null || !next.replied()) {
                failed.incrementAndGet();
                return;
            }
            answered.incrementAndGet();
            ack.recordValue(Math.max(1, (next.ackAt - next.sentAt) / 1000));
            if (next.firstDeltaAt != 0) {
                firstDelta.recordValue(Math.max(1, (next.firstDeltaAt - next.sentAt) / 1000));
            }
        });
    }

    private static Map<String, Double> percentiles(Histogram h) {
        Map<String, Double> p = new LinkedHashMap<>();
        if (h.getTotalCount() == 0) {
            return p;
        }
        for (double q : new double[] {50, 95, 99}) {
            p.put("p" + (int) q, h.getValueAtPercentile(q) / 1000.0);
        }
        p.put("max", h.getMaxValue() / 1000.0);
        return p;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}

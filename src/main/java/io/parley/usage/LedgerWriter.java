package io.parley.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.tenant.OrganizationId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ledger rows behind the callers, in batches, on one thread of its own, so that recording a call never waits
 * for the database. While the database is away rows wait (up to {@link #CAPACITY}; past that new ones are dropped and
 * counted in {@code parley.usage.dropped}); a process killed outright loses the rows not yet written, at most a
 * fraction of a second of calls in normal running. Closing it writes what waits. Thread-safe.
 */
final class LedgerWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 500;
    private static final Duration RETRY = Duration.ofSeconds(1);
    /**
     * How long the first row of a batch waits for others: a row per reply written one transaction each competed with
     * the message journal's commits (H2 has one writer); gathered for a moment, a busy server writes a few dozen per
     * transaction. Budgets and views read rows not yet written from memory, so nobody waits for this.
     */
    private static final Duration LINGER = Duration.ofMillis(100);

    private final UsageStore store;
    private final LinkedBlockingDeque<ModelCall> queue = new LinkedBlockingDeque<>(CAPACITY);
    /** The batch being written: still counted as pending until it is stored. */
    private volatile List<ModelCall> writing = List.of();
    /** Wakes the writer when rows arrive. */
    private final Semaphore arrived = new Semaphore(0);

    private final Counter dropped;
    private final Thread thread;
    private volatile boolean closing;

    LedgerWriter(UsageStore store, MeterRegistry meters) {
        this.store = store;
        this.dropped = Counter.builder("parley.usage.dropped")
                .description("Usage rows dropped because the database was away too long")
                .register(meters);
        Gauge.builder("parley.usage.pending", queue, LinkedBlockingDeque::size)
                .description("Usage rows waiting to be written")
                .strongReference(true)
                .register(meters);
        this.thread = Thread.ofPlatform().daemon().name("parley-usage-ledger").start(this::run);
    }

    void offer(ModelCall call) {
        if (queue.offerLast(call)) {
            arrived.release();
        } else {
            dropped.increment();
        }
    }

    int pendingCount() {
        return queue.size() + writing.size();
    }

    /** What this organization's rows not yet written since {@code from} cost. */
    BigDecimal pendingCost(OrganizationId organization, Instant from) {
        BigDecimal total = BigDecimal.ZERO;
        for (ModelCall call : pending()) {
            if (call.organization().equals(organization) && !call.at().isBefore(from)) {
                total = total.add(call.cost());
            }
        }
        return total;
    }

    /** This organization's rows not yet written that are replies to these messages. */
    List<ModelCall> pending(OrganizationId organization, Collection<String> messageIds) {
        Set<String> wanted = new HashSet<>(messageIds);
        return pending().stream()
                .filter(call -> call.organization().equals(organization) && wanted.contains(call.messageId()))
                .toList();
    }

    private List<ModelCall> pending() {
        List<ModelCall> all = new ArrayList<>(writing);
        all.addAll(queue);
        return all;
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            try {
                if (queue.isEmpty() && !arrived.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                arrived.drainPermits();
                if (queue.isEmpty()) {
                    continue;
                }
                if (!closing) {
                    // Rows stay in the queue while they gather, so pending() still sees every one of them.
                    Thread.sleep(LINGER);
                }
                List<ModelCall> batch = new ArrayList<>(BATCH);
                for (var it = queue.iterator(); it.hasNext() && batch.size() < BATCH; ) {
                    batch.add(it.next());
                }
                writing = List.copyOf(batch);
                // This thread alone takes from the queue, so its head is exactly the batch just copied.
                for (int i = 0; i < batch.size(); i++) {
                    queue.pollFirst();
                }
                write(batch);
                writing = List.of();
            } catch (InterruptedException e) {
                if (!closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void write(List<ModelCall> batch) throws InterruptedException {
        while (true) {
            try {
                store.appendAll(batch);
                return;
            } catch (RuntimeException e) {
                if (closing) {
                    log.warn("Usage rows could not be written before shutdown: {} lost", batch.size());
                    return;
                }
                log.warn("Could not write usage rows; trying again in {}", RETRY, e);
                Thread.sleep(RETRY);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

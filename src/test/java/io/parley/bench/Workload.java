package io.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** A crowd of simulated customers against one endpoint, sending closed-loop or on a schedule. */
final class Workload implements AutoCloseable {

    private static final int OPEN_AT_ONCE = 200;

    private final BenchSession.Mode mode;
    private final Latencies latencies;
    private final List<BenchSession> sessions = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    /** Sessions that could not be opened (counted as errors too). */
    int failedToOpen;

    Workload(BenchSession.Mode mode, Latencies latencies) {
        this.mode = mode;
        this.latencies = latencies;
        for (int i = 0; i < 4; i++) {
            clients.add(HttpClient.newHttpClient());
        }
    }

    List<BenchSession> sessions() {
        return sessions;
    }

    /** Opens {@code count} more sessions, at most 200 handshakes at a time; {@code uri} may depend on the index. */
    void open(int count, IntFunction<URI> uri, boolean reads) {
        List<CompletableFuture<BenchSession>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BenchSession session = new BenchSession(mode, latencies, reads, () -> {});
            int index = sessions.size() + i;
            batch.add(session.open(clients.get(index % clients.size()), uri.apply(index)));
            if (batch.size() == OPEN_AT_ONCE || i == count - 1) {
                for (CompletableFuture<BenchSession> opened : batch) {
                    try {
                        sessions.add(opened.orTimeout(60, TimeUnit.SECONDS).join());
                    } catch (java.util.concurrent.CompletionException e) {
                        latencies.errors.incrementAndGet();
                        failedToOpen++;
                    }
                }
                batch.clear();
            }
        }
    }

    /** Every session sends again as soon as its reply completes, for {@code duration}. */
    void closedLoop(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        for (BenchSession s : sessions) {
            s.onComplete(() -> {
                if (System.nanoTime() < end) {
                    s.send();
                }
            });
            s.send();
        }
        // Sessions whose last message failed (an error frame) start again on the next tick.
        var restart = scheduler.scheduleAtFixedRate(
                () -> sessions.forEach(s -> {
                    if (System.nanoTime() < end) {
                        s.send();
                    }
                }),
                50,
                50,
                TimeUnit.MILLISECONDS);
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        restart.cancel(false);
        sessions.forEach(s -> s.onComplete(() -> {}));
    }

    /** Every session sends again as soon as its reply completes, until {@code messages} replies completed in all. */
    void closedLoopUntil(long messages) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        long target = latencies.completed.get() + messages;
        for (BenchSession s : sessions) {
            s.onComplete(() -> {
                if (latencies.completed.get() >= target) {
                    done.countDown();
                } else {
                    s.send();
                }
            });
            s.send();
        }
        // Sessions whose last message was refused (an error frame) start again on the next tick.
        var restart = scheduler.scheduleAtFixedRate(
                () -> sessions.forEach(BenchSession::send), 50, 50, TimeUnit.MILLISECONDS);
        try {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException(
                        "only " + latencies.completed.get() + " replies completed in 10 minutes");
            }
        } finally {
            restart.cancel(false);
        }
        sessions.forEach(s -> s.onComplete(() -> {}));
    }

    /** Each session sends once every {@code interval} (phases spread at random), for {@code duration}. */
    void openLoop(Duration interval, Duration duration) throws InterruptedException {
        List<java.util.concurrent.ScheduledFuture<?>> ticks = new ArrayList<>();
        for (BenchSession s : sessions) {
            long phase = ThreadLocalRandom.current().nextLong(interval.toMillis());
            ticks.add(scheduler.scheduleAtFixedRate(
                    () -> {
                        if (!s.send() && !s.closed()) {
                            latencies.skipped.incrementAndGet();
                        }
                    },
                    phase,
                    interval.toMillis(),
                    TimeUnit.MILLISECONDS));
        }
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        ticks.forEach(t -> t.cancel(false));
    }

    long open() {
        return sessions.stream().filter(s -> !s.closed()).count();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        sessions.forEach(BenchSession::close);
        clients.forEach(HttpClient::close);
    }
}

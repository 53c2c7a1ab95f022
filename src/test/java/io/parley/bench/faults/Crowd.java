package io.parley.bench.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Customers connected through a few shared HTTP clients; closing it closes every connection it made. */
final class Crowd implements AutoCloseable {

    private static final int HANDSHAKES_AT_ONCE = 200;

    private final List<HttpClient> clients = new ArrayList<>();
    private final List<Customer> everyone = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor();

    Crowd() {
        for (int i = 0; i < 4; i++) {
            clients.add(HttpClient.newHttpClient());
        }
    }

    /** Connects {@code count} new customers named {@code prefix0…}, at most 200 handshakes at a time. */
    List<Customer> connect(int count, URI chat, String prefix) {
        List<Customer> connected = new ArrayList<>();
        List<CompletableFuture<Customer>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(Customer.connect(clients.get(i % clients.size()), chat, prefix + i));
            if (batch.size() == HANDSHAKES_AT_ONCE || i == count - 1) {
                batch.forEach(
                        f -> connected.add(f.orTimeout(60, TimeUnit.SECONDS).join()));
                batch.clear();
            }
        }
        everyone.addAll(connected);
        return connected;
    }

    /**
     * Reconnects every one of {@code previous} at once, each resuming after the last seq it saw; the futures fail for
     * those that could not.
     */
    List<CompletableFuture<Customer>> reconnectAllAtOnce(List<Customer> previous, Function<Customer, URI> uri) {
        List<CompletableFuture<Customer>> all = new ArrayList<>();
        for (int i = 0; i < previous.size(); i++) {
            Customer before = previous.get(i);
            CompletableFuture<Customer> next =
                    Customer.reconnect(clients.get(i % clients.size()), uri.apply(before), before);
            all.add(next.whenComplete((c, failure) -> {
                if (c != null) {
                    everyone.add(c);
                }
            }));
        }
        return all;
    }

    /** Every open connection pings every {@code every}, as the widget does, so that idle ones are not closed. */
    void keepAlive(Duration every) {
        pings.scheduleAtFixedRate(
                () -> everyone.stream().filter(c -> !c.closed.isDone()).forEach(Customer::ping),
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        pings.shutdownNow();
        everyone.forEach(Customer::abort);
        clients.forEach(HttpClient::shutdownNow);
    }
}

package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * What the model providers' stand-in servers share: a JDK HTTP server on 127.0.0.1 and a free port, each request on
 * its own virtual thread, recorded ({@link #requests()}, {@link #awaitRequests}) and answered by the next
 * {@link #script queued script} or, when the queue is empty, by the {@link #respondWith responder}, which by default
 * echoes. Subclasses speak one provider's wire format: how a request is read, which ones the provider refuses, and
 * how a script is answered.
 *
 * <p>Thread-safe. Closing it releases hanging and stalled replies.
 *
 * @param <R> the recorded request
 * @param <S> the script that answers one request
 * @param <T> the server itself, so that its fluent methods keep their type
 */
public abstract class ScriptedServer<R, S, T extends ScriptedServer<R, S, T>> implements AutoCloseable {

    /**
     * Connections the kernel may queue before the server accepts them (the JDK's default is 50): the throughput bench
     * opens a thousand at once.
     */
    private static final int ACCEPT_QUEUE = 4096;

    static {
        // Real providers stream over no-delay sockets; the JDK's server would otherwise hold each small chunk back
        // until the client's delayed ACK (about 40 ms), which is the server's artefact, not the platform's latency.
        // Read once, when the JDK's server classes load, so it is set before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // The JDK's server closes any idle keep-alive connection beyond its 200th, and a client that reuses one just
        // closed fails its call: with a thousand bench sessions that was a burst of failed calls, the provider's
        // breaker
        // opened and the offline engine answered for 30 s. A real provider keeps its connections.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
    }

    private final String provider;
    private final S echo;
    private final HttpServer server;
    private final String scheme;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Queue<S> scripts = new ConcurrentLinkedQueue<>();
    private final List<R> requests = new ArrayList<>();
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private volatile boolean recording = true;
    private volatile Function<R, S> responder;

    /**
     * Binds a port; {@link #listen()} starts answering.
     *
     * @param provider the provider's name, for failure messages
     * @param echo the script that answers when nothing else is queued or set
     * @param tls the certificate to speak TLS with, or null for plain http
     */
    ScriptedServer(String provider, S echo, @Nullable SSLContext tls) {
        this.provider = provider;
        this.echo = echo;
        this.responder = request -> echo;
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try {
            if (tls != null) {
                HttpsServer https = HttpsServer.create(address, ACCEPT_QUEUE);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            } else {
                server = HttpServer.create(address, ACCEPT_QUEUE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scripted " + provider + " server", e);
        }
        scheme = tls != null ? "https" : "http";
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts answering. Not done by the constructor, whose subclass's fields (its wire writer) are not set yet: a
     * request arriving in between would meet a half-built server.
     */
    final T listen() {
        server.start();
        return self();
    }

    /** Queues scripts for the next requests, one each, in order. */
    @SafeVarargs
    public final T script(S... next) {
        scripts.addAll(List.of(next));
        return self();
    }

    /** Answers every request the queue does not cover (the default echoes). */
    public final T respondWith(Function<R, S> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return self();
    }

    /**
     * Whether to keep the requests it receives (on by default). Long benchmarks turn it off: every request carries
     * its conversation's history, and keeping them all would fill the driver's heap.
     */
    public final T recording(boolean on) {
        this.recording = on;
        return self();
    }

    /** Forgets recorded requests and queued scripts, and echoes again. */
    public final void reset() {
        scripts.clear();
        responder = request -> echo;
        lock.lock();
        try {
            requests.clear();
        } finally {
            lock.unlock();
        }
    }

    /** How many client connections requests arrived on (their source ports): fewer than requests when reused. */
    public final int connections() {
        return connections.size();
    }

    /** The requests received so far, oldest first. */
    public final List<R> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The latest request; fails when there was none. */
    public final R lastRequest() {
        List<R> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the scripted " + provider + " server received no request");
        }
        return all.getLast();
    }

    /** Waits until at least {@code count} requests have arrived, and returns them; fails after {@code timeout}. */
    public final List<R> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            "expected %d requests within %s, got %d".formatted(count, timeout, requests.size()));
                }
                arrived.awaitNanos(left);
            }
            return List.copyOf(requests);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for requests", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Reads a request as it arrived; called before anything is answered. */
    abstract R receive(HttpExchange exchange) throws IOException;

    /** Answers a request the provider would refuse (an unknown path, no key) and says so; the queue is left as is. */
    abstract boolean refused(HttpExchange exchange, R request) throws IOException;

    /** Answers a request with a script, in the provider's wire format. */
    abstract void answer(HttpExchange exchange, S script, R request) throws IOException, InterruptedException;

    /** The server's root, e.g. {@code http://127.0.0.1:49152}. */
    final URI root() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    final JsonMapper json() {
        return json;
    }

    /** Counted down on {@link #close()}: what hanging and stalled replies wait on. */
    final CountDownLatch closed() {
        return closed;
    }

    /** The body parsed as JSON; a missing node when it is empty or not JSON, which tests may send on purpose. */
    final JsonNode jsonOf(byte[] body) {
        try {
            return body.length == 0 ? MissingNode.getInstance() : json.readTree(body);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    /** Header values by lower-cased name, since HTTP header names are case-insensitive. */
    static Map<String, List<String>> headersOf(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return headers;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            // Counted before the request is recorded, so that a test that waited for it sees its connection too.
            connections.add(exchange.getRemoteAddress().getPort());
            R request = receive(exchange);
            if (recording) {
                lock.lock();
                try {
                    requests.add(request);
                    arrived.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            if (refused(exchange, request)) {
                return;
            }
            S script = scripts.poll();
            answer(exchange, script != null ? script : responder.apply(request), request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (timeouts, dropped connections): part of the scenarios, not a failure.
        }
    }

    @SuppressWarnings("unchecked") // each subclass names itself as T, and only this package's servers extend it
    private T self() {
        return (T) this;
    }
}

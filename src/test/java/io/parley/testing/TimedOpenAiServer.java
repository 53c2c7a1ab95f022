package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * {@link ScriptedOpenAiServer}'s streamed replies, timed, for benchmarks that compare OpenAI-compatible clients: the
 * same JDK server on 127.0.0.1 with no-delay sockets and a virtual thread per request, the same wire code
 * ({@link OpenAiWire}), every request answered with one {@link OpenAiScript.Reply}. For each request it records when
 * the request arrived and when its first bytes of body went out, so that a client's own overhead can be told apart
 * from the server's. (ScriptedOpenAiServer keeps its handler to itself, so the timing cannot be added around it.)
 *
 * <p>Timings queue up in request order; a benchmark making one call at a time takes one per call with
 * {@link #nextTiming}. Thread-safe.
 */
public final class TimedOpenAiServer implements AutoCloseable {

    /**
     * One request's timings, all {@link System#nanoTime()}.
     *
     * @param receivedAtNanos when the handler got the request (request line and headers read)
     * @param bodyReadAtNanos when the request's body had been read whole: the request has arrived
     * @param firstByteAtNanos when the first body bytes (the chunk that announces the assistant's role) were written
     *     and flushed
     * @param firstContentAtNanos when the first chunk with content (the client's first delta) was written and flushed
     */
    public record Timing(long receivedAtNanos, long bodyReadAtNanos, long firstByteAtNanos, long firstContentAtNanos) {

        /**
         * The server's own time, from having the whole request to flushing the chunk that becomes the first delta. The
         * wait for the body before that is the client's: it decides how it writes the request.
         */
        public long serverNanosToFirstContent() {
            return firstContentAtNanos - bodyReadAtNanos;
        }

        /** From the headers to the end of the body. */
        public long bodyWaitNanos() {
            return bodyReadAtNanos - receivedAtNanos;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final OpenAiWire wire = new OpenAiWire(json, closed);
    private final OpenAiScript.Reply reply;
    private final BlockingQueue<Timing> timings = new LinkedBlockingQueue<>();

    private TimedOpenAiServer(OpenAiScript.Reply reply) throws IOException {
        this.reply = reply;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 and a free port that answers every request with {@code reply}. */
    public static TimedOpenAiServer start(OpenAiScript.Reply reply) {
        // As ScriptedOpenAiServer does, and for the same reason: no delayed-ACK stalls between small chunks.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return new TimedOpenAiServer(reply);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the timed OpenAI server", e);
        }
    }

    /** The OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:49152/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** The oldest timing not taken yet; fails when none arrives within {@code timeout}. */
    public Timing nextTiming(Duration timeout) {
        try {
            Timing timing = timings.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (timing == null) {
                throw new AssertionError("no request was timed within " + timeout);
            }
            return timing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a timing", e);
        }
    }

    /** Forgets the timings not taken yet. */
    public void clearTimings() {
        timings.clear();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        try (exchange) {
            var timed = new FlushTimes(exchange.getResponseBody());
            exchange.setStreams(null, timed);
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            long bodyRead = System.nanoTime();
            RecordedOpenAiRequest request = parse(exchange, bytes);
            wire.stream(exchange, reply, request);
            timings.add(new Timing(received, bodyRead, timed.first, timed.second));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away: nothing to time.
        }
    }

    private RecordedOpenAiRequest parse(HttpExchange exchange, byte[] bytes) {
        JsonNode body;
        try {
            body = bytes.length == 0 ? MissingNode.getInstance() : json.readTree(bytes);
        } catch (JacksonException e) {
            body = MissingNode.getInstance();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return new RecordedOpenAiRequest(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
    }

    /** Notes when the first and the second flush of written bytes happen: OpenAiWire flushes once per event. */
    private static final class FlushTimes extends FilterOutputStream {
        long first;
        long second;
        private boolean written;

        FlushTimes(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            written = length > 0 || written;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
            if (written) {
                long now = System.nanoTime();
                if (first == 0) {
                    first = now;
                } else if (second == 0) {
                    second = now;
                }
                written = false;
            }
        }
    }
}

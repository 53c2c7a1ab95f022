package io.parley.bench;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.openai.OpenAiClient;
import io.parley.llm.openaisdk.OpenAiSdkModels;
import io.parley.testing.ModelRequests;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ScriptedOpenAiServer;
import io.parley.testing.TimedOpenAiServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the hand-written OpenAI-compatible client ({@code io.parley.llm.openai}) with the one on OpenAI's official
 * SDK ({@code io.parley.llm.openaisdk}) in one JVM, against the same local servers, one call at a time, the two
 * clients taking turns in blocks so that a change in the machine's load falls on both:
 *
 * <ol>
 *   <li>overhead to the first delta: from calling {@code generate} to the first piece reaching the sink, minus the
 *       server's own time from having the whole request to flushing the chunk that carries that piece
 *       ({@link TimedOpenAiServer.Timing#serverNanosToFirstContent()}), after a warm-up;
 *   <li>calls per second of one thread making back-to-back calls of a reply in 20 chunks, against
 *       {@link ScriptedOpenAiServer};
 *   <li>bytes allocated per call during (2): by the calling thread, and by the whole JVM (which includes both local
 *       servers' share, the same for both clients but for the size of the request they parse).
 * </ol>
 *
 * Build with {@code ./bench/run}'s first step, then run with its classpath:
 *
 * <pre>{@code
 * java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     io.parley.bench.OpenAiClientComparison [warmup=500] [calls=2000] [block=100] [throughputCalls=3000] \
 *     [chunks=20] [caller=platform|virtual] [tools=false]
 * }</pre>
 *
 * Prints a summary and writes {@code target/bench/openai-client-comparison-<time>.json}. Figures, not assertions.
 */
public final class OpenAiClientComparison {

    private static final String KEY = "sk-bench-not-a-secret";
    private static final String TEXT = "Yes, we ship tents to all US states. Orders over $50 ship free, and most"
            + " arrive within three to five business days. You can track your parcel from the link in your"
            + " confirmation email, and returns are accepted within 30 days.";

    private record Client(String name, LanguageModel model) {}

    private final Bench.Settings settings;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private OpenAiClientComparison(Bench.Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        var comparison = new OpenAiClientComparison(Bench.Settings.parse(args, 0));
        boolean virtual = comparison.settings.get("caller", "platform").equals("virtual");
        Thread caller = (virtual ? Thread.ofVirtual() : Thread.ofPlatform())
                .name("bench-caller")
                .start(() -> {
                    try {
                        comparison.run();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        caller.join();
        // OkHttp's and the JDK client's threads would keep the JVM alive for a while.
        System.exit(0);
    }

    private void run() throws IOException {
        if (settings.get("mode", "compare").equals("cold")) {
            cold();
            return;
        }
        int warmup = settings.integer("warmup", 500);
        int calls = settings.integer("calls", 2000);
        int block = settings.integer("block", 100);
        int throughputCalls = settings.integer("throughputCalls", 3000);
        int chunks = settings.integer("chunks", 20);
        // A generous timeout: a cold client's first call (class loading, the SDK's Kotlin reflection) can take
        // seconds on a loaded machine, and a warm-up call that timed out would spoil the next ones.
        ModelRequest request = ModelRequests.ask("Do you ship tents to Texas, and how long does it take?")
                .withTimeout(Duration.ofMinutes(1));
        if (Boolean.parseBoolean(settings.get("tools", "false"))) {
            request = request.withTools(List.of(ModelRequests.FIND_ORDER));
        }
        report.put("startedAt", Instant.now().toString());
        report.put("machine", Bench.machine());
        report.put("caller", Thread.currentThread().isVirtual() ? "virtual thread" : "platform thread");
        report.put("settings", settings.values());
        report.put("loadBefore", loadAverage());
        System.out.println("load before: " + loadAverage());

        OpenAiScript.Reply reply = OpenAiScript.reply(TEXT).inChunks(chunks);
        try (var timed = TimedOpenAiServer.start(reply);
                var scripted = ScriptedOpenAiServer.start().recording(false);
                var handWritten = new OpenAiClient();
                var sdk = new OpenAiSdkModels()) {
            scripted.respondWith(received -> reply);
            List<Client> onTimed = clients(handWritten, sdk, timed.baseUrl());
            firstDelta(onTimed, timed, request, warmup, block);
            System.gc();
            report.put("firstDelta", firstDelta(onTimed, timed, request, calls, block));

            List<Client> onScripted = clients(handWritten, sdk, scripted.baseUrl());
            throughput(onScripted, request, warmup, block);
            System.gc();
            report.put("throughput", throughput(onScripted, request, throughputCalls, block));
        }
        report.put("loadAfter", loadAverage());
        System.out.println("load after: " + loadAverage());
        write();
    }

    /**
     * The two adapters, and with {@code direct=true} (the default) a third: the SDK called the way its README shows, on
     * the caller's thread, without the adapter's hand-over to the caller's thread, deadline or interrupt handling. It
     * is no adapter Parley could use; it tells how much of the SDK adapter's time is the SDK's and how much the
     * adapter's.
     */
    private List<Client> clients(OpenAiClient handWritten, OpenAiSdkModels sdk, java.net.URI baseUrl) {
        List<Client> clients = new java.util.ArrayList<>(List.of(
                new Client("hand-written", handWritten.model("hand", baseUrl, KEY, "bench-model")),
                new Client("sdk", sdk.model("sdk", baseUrl, KEY, "bench-model"))));
        if (Boolean.parseBoolean(settings.get("direct", "true"))) {
            clients.add(new Client("sdk-direct", new DirectSdk(baseUrl)));
        }
        return clients;
    }

    /** See {@link #clients}. Text only: enough for the benchmark's plain replies. */
    private static final class DirectSdk implements LanguageModel {
        private final com.openai.client.OpenAIClient client;

        DirectSdk(java.net.URI baseUrl) {
            client = com.openai.client.okhttp.OpenAIOkHttpClient.builder()
                    .baseUrl(baseUrl.toString())
                    .apiKey(KEY)
                    .maxRetries(0)
                    .build();
        }

        @Override
        public String id() {
            return "sdk-direct";
        }

        @Override
        public io.parley.llm.ModelCapabilities capabilities() {
            return io.parley.llm.ModelCapabilities.STREAMING_WITH_TOOLS;
        }

        @Override
        @SuppressWarnings("deprecation")
        public ModelReply generate(ModelRequest request, DeltaSink sink) {
            var params = com.openai.models.chat.completions.ChatCompletionCreateParams.builder()
                    .model("bench-model")
                    .addSystemMessage(request.systemPrompt())
                    .addUserMessage(request.question())
                    .maxTokens(request.maxOutputTokens())
                    .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                            .includeUsage(true)
                            .build())
                    .build();
            StringBuilder text = new StringBuilder();
            try (var stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> {
                    if (!chunk.choices().isEmpty()) {
                        chunk.choices().getFirst().delta().content().ifPresent(piece -> {
                            if (!piece.isEmpty()) {
                                text.append(piece);
                                sink.onDelta(piece);
                            }
                        });
                    }
                });
            }
            return ModelReply.text(text.toString(), ModelReply.Usage.NONE, "sdk-direct", "bench-model");
        }
    }

    /**
     * A fresh JVM's first calls through one client ({@code client=hand-written|sdk}): what the first customer after a
     * restart waits for, {@code settleMillis} (3000) after the client was created. Run it once per client, each in its
     * own JVM.
     */
    private void cold() throws IOException {
        String name = settings.get("client", "sdk");
        report.put("startedAt", Instant.now().toString());
        report.put("machine", Bench.machine());
        report.put("loadBefore", loadAverage());
        OpenAiScript.Reply reply = OpenAiScript.reply(TEXT).inChunks(settings.integer("chunks", 20));
        ModelRequest request = ModelRequests.ask("Do you ship tents to Texas, and how long does it take?")
                .withTimeout(Duration.ofMinutes(1));
        try (var server = TimedOpenAiServer.start(reply)) {
            // The server's own first request loads its classes: make it before timing the client.
            warmServer(server);
            List<Double> firstDeltaMillis = new java.util.ArrayList<>();
            List<Double> wholeMillis = new java.util.ArrayList<>();
            long created = System.nanoTime();
            AutoCloseable owner;
            LanguageModel model;
            if (name.equals("hand-written")) {
                var client = new OpenAiClient();
                owner = client;
                model = client.model("hand", server.baseUrl(), KEY, "bench-model");
            } else {
                var client = new OpenAiSdkModels();
                owner = client;
                model = client.model("sdk", server.baseUrl(), KEY, "bench-model");
            }
            report.put("createMillis", (System.nanoTime() - created) / 1e6);
            // The application starts, then its first customer writes: whatever a client does in the background at
            // creation (the SDK adapter's warm-up) has this long. Both clients get the same pause.
            long settle = settings.integer("settleMillis", 3000);
            report.put("settleMillis", settle);
            Thread.sleep(settle);
            for (int i = 0; i < 3; i++) {
                var probe = new FirstDeltaProbe();
                long start = System.nanoTime();
                check(model.generate(request, probe));
                wholeMillis.add((System.nanoTime() - start) / 1e6);
                firstDeltaMillis.add((probe.at - start) / 1e6);
            }
            report.put("client", name);
            report.put("firstThreeCallsTimeToFirstDeltaMillis", firstDeltaMillis);
            report.put("firstThreeCallsWholeMillis", wholeMillis);
            owner.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        report.put("loadAfter", loadAverage());
        write();
    }

    /** One request over a bare socket, so that neither client's HTTP classes are loaded for it. */
    private static void warmServer(TimedOpenAiServer server) throws IOException {
        byte[] body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var socket =
                new java.net.Socket(server.baseUrl().getHost(), server.baseUrl().getPort())) {
            var out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.getInputStream().readAllBytes();
        }
        server.clearTimings();
    }

    /** Overhead to the first delta, in microseconds, per client. */
    private Map<String, Object> firstDelta(
            List<Client> clients, TimedOpenAiServer server, ModelRequest request, int calls, int block) {
        int blocks = Math.ceilDiv(calls, block);
        long[][] overhead = new long[clients.size()][blocks * block];
        long[][] raw = new long[clients.size()][blocks * block];
        long[][] serverSide = new long[clients.size()][blocks * block];
        long[][] whole = new long[clients.size()][blocks * block];
        long[][] bodyWait = new long[clients.size()][blocks * block];
        server.clearTimings();
        for (int b = 0; b < blocks * clients.size(); b++) {
            int c = b % clients.size();
            LanguageModel model = clients.get(c).model();
            int offset = (b / clients.size()) * block;
            for (int i = 0; i < block; i++) {
                var probe = new FirstDeltaProbe();
                long start = System.nanoTime();
                ModelReply reply = model.generate(request, probe);
                long end = System.nanoTime();
                check(reply);
                TimedOpenAiServer.Timing timing = server.nextTiming(Duration.ofSeconds(5));
                raw[c][offset + i] = probe.at - start;
                serverSide[c][offset + i] = timing.serverNanosToFirstContent();
                overhead[c][offset + i] = raw[c][offset + i] - serverSide[c][offset + i];
                whole[c][offset + i] = end - start;
                bodyWait[c][offset + i] = timing.bodyWaitNanos();
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (int c = 0; c < clients.size(); c++) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("calls", overhead[c].length);
            figures.put("overheadMicros", percentiles(overhead[c]));
            figures.put("rawTimeToFirstDeltaMicros", percentiles(raw[c]));
            figures.put("serverToFirstContentMicros", percentiles(serverSide[c]));
            figures.put("wholeCallMicros", percentiles(whole[c]));
            figures.put("serverWaitForRequestBodyMicros", percentiles(bodyWait[c]));
            result.put(clients.get(c).name(), figures);
        }
        return result;
    }

    /** Back-to-back calls on this thread, the clients taking turns in blocks; calls per second and allocation. */
    private Map<String, Object> throughput(List<Client> clients, ModelRequest request, int calls, int block) {
        int blocks = Math.ceilDiv(calls, block);
        long[] nanos = new long[clients.size()];
        long[] callerBytes = new long[clients.size()];
        long[] allBytes = new long[clients.size()];
        long self = Thread.currentThread().threadId();
        boolean virtual = Thread.currentThread().isVirtual();
        for (int b = 0; b < blocks * clients.size(); b++) {
            int c = b % clients.size();
            LanguageModel model = clients.get(c).model();
            long callerBefore = virtual ? 0 : threads.getThreadAllocatedBytes(self);
            long allBefore = threads.getTotalThreadAllocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < block; i++) {
                check(model.generate(request, DeltaSink.IGNORE));
            }
            nanos[c] += System.nanoTime() - start;
            allBytes[c] += threads.getTotalThreadAllocatedBytes() - allBefore;
            callerBytes[c] += virtual ? 0 : threads.getThreadAllocatedBytes(self) - callerBefore;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (int c = 0; c < clients.size(); c++) {
            long made = (long) blocks * block;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("calls", made);
            figures.put("callsPerSecond", Math.round(made * 1e9 / nanos[c] * 10) / 10.0);
            figures.put("meanCallMicros", Math.round(nanos[c] / 1e3 / made * 10) / 10.0);
            if (!virtual) {
                figures.put("callerThreadBytesPerCall", callerBytes[c] / made);
            }
            figures.put("jvmBytesPerCall", allBytes[c] / made);
            result.put(clients.get(c).name(), figures);
        }
        return result;
    }

    private static void check(ModelReply reply) {
        if (!reply.text().equals(TEXT)) {
            throw new IllegalStateException("a client returned another reply than the server sent");
        }
    }

    private static Map<String, Object> percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50", micros(at(sorted, 0.50)));
        figures.put("p90", micros(at(sorted, 0.90)));
        figures.put("p99", micros(at(sorted, 0.99)));
        figures.put("mean", micros(Math.round(Arrays.stream(sorted).average().orElse(0))));
        figures.put("min", micros(sorted[0]));
        figures.put("max", micros(sorted[sorted.length - 1]));
        return figures;
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void write() throws IOException {
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path file = out.resolve("openai-client-comparison-" + stamp + ".json");
        String json = Bench.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        Files.writeString(file, json);
        System.out.println(json);
        System.out.println("Wrote " + file);
    }

    /** Notes when the first piece arrives. Used on the calling thread only. */
    private static final class FirstDeltaProbe implements DeltaSink {
        long at;

        @Override
        public void onDelta(String text) {
            if (at == 0) {
                at = System.nanoTime();
            }
        }
    }
}

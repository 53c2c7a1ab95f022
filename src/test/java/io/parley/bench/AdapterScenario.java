package io.parley.bench;

import io.parley.llm.LanguageModel;
import io.parley.llm.ModelRequest;
import io.parley.llm.anthropic.AnthropicModels;
import io.parley.llm.bedrock.BedrockModels;
import io.parley.llm.gemini.GeminiModels;
import io.parley.llm.openai.OpenAiClient;
import io.parley.testing.ModelRequests;
import io.parley.testing.ScriptedAnthropicServer;
import io.parley.testing.ScriptedBedrockServer;
import io.parley.testing.ScriptedGeminiServer;
import io.parley.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * {@code adapters}: what each provider adapter adds to the time a customer waits for the first piece of a reply. In
 * this process, each adapter calls its stand-in server (the provider's real wire format on 127.0.0.1) back to back;
 * per call, the time from {@code generate} to the first delta reaching the sink, less the server's own time from
 * receiving the request to writing the first byte of its answer, is the adapter's overhead (serialising, the HTTP
 * client, parsing the stream, handing pieces over).
 */
final class AdapterScenario {

    private AdapterScenario() {}

    /** One adapter and its stand-in: the call to make, and the server's own time for the call just made. */
    private interface Rig extends AutoCloseable {
        LanguageModel model();

        /** The server's time from the request arriving to the first byte leaving, in nanoseconds. */
        long serverNanos();

        @Override
        void close();
    }

    static void run(Bench bench) throws Exception {
        int warmup = bench.settings().integer("warmup", 300);
        int calls = bench.settings().integer("calls", 1000);
        Map<String, Supplier<Rig>> rigs = new LinkedHashMap<>();
        rigs.put("openai", AdapterScenario::openAi);
        rigs.put("bedrock", AdapterScenario::bedrock);
        rigs.put("anthropic", AdapterScenario::anthropic);
        rigs.put("gemini", AdapterScenario::gemini);
        Map<String, Object> results = new LinkedHashMap<>();
        for (var entry : rigs.entrySet()) {
            try (Rig rig = entry.getValue().get()) {
                results.put(entry.getKey(), measure(rig, warmup, calls));
            }
            bench.put("adapter-" + entry.getKey(), results.get(entry.getKey()));
        }
        bench.put("adapters", results);
    }

    private static Map<String, Object> measure(Rig rig, int warmup, int calls) {
        Histogram overhead = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        Histogram clientTotal = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        Histogram server = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        ModelRequest request = ModelRequests.ask("Do you ship to Canada, and how long does it take?")
                .withTimeout(Duration.ofSeconds(30));
        for (int i = 0; i < warmup + calls; i++) {
            long[] firstDelta = {0};
            long start = System.nanoTime();
            rig.model().generate(request, piece -> {
                if (firstDelta[0] == 0) {
                    firstDelta[0] = System.nanoTime();
                }
            });
            long own = rig.serverNanos();
            if (i >= warmup && firstDelta[0] > 0) {
                long total = firstDelta[0] - start;
                clientTotal.recordValue(Math.max(1, total / 1000));
                server.recordValue(Math.max(1, own / 1000));
                overhead.recordValue(Math.max(1, (total - own) / 1000));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("calls", calls);
        result.put("overheadMs", percentiles(overhead));
        result.put("toFirstDeltaMs", percentiles(clientTotal));
        result.put("serverOwnMs", percentiles(server));
        return result;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (double q : List.of(50.0, 90.0, 99.0)) {
            p.put("p" + (int) q, Math.round(h.getValueAtPercentile(q)) / 1000.0);
        }
        p.put("max", Math.round(h.getMaxValue()) / 1000.0);
        return p;
    }

    private static Rig rig(LanguageModel model, java.util.function.LongSupplier serverNanos, AutoCloseable... parts) {
        return new Rig() {
            @Override
            public LanguageModel model() {
                return model;
            }

            @Override
            public long serverNanos() {
                return serverNanos.getAsLong();
            }

            @Override
            public void close() {
                for (AutoCloseable part : parts) {
                    try {
                        part.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    private static Rig openAi() {
        ScriptedOpenAiServer server =
                ScriptedOpenAiServer.start().recording(false).timing(true);
        OpenAiClient client = new OpenAiClient();
        return rig(
                client.model("openai", server.baseUrl(), "sk-bench", "gpt-bench"),
                () -> {
                    var t = server.takeTimings().getLast();
                    return t.firstByteAtNanos() - t.receivedAtNanos();
                },
                client,
                server);
    }

    private static Rig bedrock() {
        // Bedrock signs every request: the default credential chain reads these system properties.
        System.setProperty("aws.accessKeyId", "AKIABENCHBENCHBENCH1");
        System.setProperty("aws.secretAccessKey", "bench-secret-key-not-a-real-one");
        ScriptedBedrockServer server = ScriptedBedrockServer.start();
        BedrockModels models = new BedrockModels();
        return rig(
                models.model("bedrock", server.endpoint(), "us-east-1", BedrockModels.DEFAULT_MODEL),
                () -> {
                    var r = server.lastRequest();
                    server.reset();
                    return r.firstByteAtNanos() - r.receivedAtNanos();
                },
                models,
                server);
    }

    private static Rig anthropic() {
        ScriptedAnthropicServer server = ScriptedAnthropicServer.start();
        AnthropicModels models = new AnthropicModels();
        return rig(
                models.model("anthropic", server.baseUrl(), "sk-ant-bench", AnthropicModels.DEFAULT_MODEL),
                () -> {
                    var r = server.lastRequest();
                    server.reset();
                    return r.firstByteAtNanos() - r.receivedAtNanos();
                },
                models,
                server);
    }

    private static Rig gemini() {
        ScriptedGeminiServer server = ScriptedGeminiServer.start();
        GeminiModels models = new GeminiModels();
        return rig(
                models.model("gemini", server.baseUrl(), "g-bench", GeminiModels.DEFAULT_MODEL),
                () -> {
                    var r = server.lastRequest();
                    server.reset();
                    return r.firstByteAtNanos().orElse(r.receivedAtNanos()) - r.receivedAtNanos();
                },
                models,
                server);
    }
}

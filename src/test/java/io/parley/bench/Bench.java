package io.parley.bench;

import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyProcess;
import io.parley.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parley's benchmarks, run from outside the server the way customers reach it: the packaged server in its own process
 * (embedded H2 by default, rate limits off, a scripted OpenAI-compatible model served from this process), driven over
 * real WebSockets on 127.0.0.1, always beside the same scenario against a bare echo endpoint in the same server.
 *
 * <p>{@code ./bench/run <scenario> [key=value …]}; results go to {@code target/bench/} as JSON and are printed.
 */
public final class Bench {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Settings settings;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private Target shared;

    Bench(Settings settings) {
        this.settings = settings;
    }

    /** Runs every scenario against this one server (the smoke test's way of keeping to seconds). */
    Bench sharing(Target target) {
        this.shared = target;
        return this;
    }

    Map<String, Object> report() {
        return report;
    }

    /** Sizes and durations, all overridable with key=value arguments. */
    record Settings(Map<String, String> values) {
        String get(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        int integer(String key, int fallback) {
            return Integer.parseInt(get(key, String.valueOf(fallback)));
        }

        Duration duration(String key, String fallback) {
            return org.springframework.boot.convert.DurationStyle.detectAndParse(get(key, fallback));
        }

        static Settings parse(String[] args, int from) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = from; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                values.put(kv[0], kv.length > 1 ? kv[1] : "true");
            }
            return new Settings(values);
        }
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length == 0 ? "latency" : args[0];
        if (scenario.equals("faults") || scenario.startsWith("fault-")) {
            io.parley.bench.faults.FaultRuns.main(args); // each writes its own target/bench/fault-<name>.json
            return;
        }
        Bench bench = new Bench(Settings.parse(args, 1));
        bench.run(scenario);
    }

    void run(String scenario) throws Exception {
        report.put("scenario", scenario);
        report.put("startedAt", Instant.now().toString());
        report.put("machine", machine());
        report.put("settings", settings.values());
        switch (scenario) {
            case "latency" -> Scenarios.latency(this);
            case "throughput" -> Scenarios.throughput(this);
            case "rate" -> Scenarios.rate(this);
            case "memory" -> Scenarios.memory(this);
            case "capacity" -> Scenarios.capacity(this);
            case "soak" -> Scenarios.soak(this);
            case "summary" -> ModelScenarios.summary(this);
            case "breaker" -> ModelScenarios.breaker(this);
            case "adapters" -> AdapterScenario.run(this);
            case "handoff" -> PeopleScenarios.handoff(this);
            case "inbox" -> PeopleScenarios.inbox(this);
            case "retrieval" -> RetrievalScenarios.retrieval(this);
            case "retrieval-tuning" -> RetrievalScenarios.tuning(this);
            case "knowledge" -> KnowledgeScenarios.ingestAndSearch(this);
            case "knowledge-scale" -> KnowledgeScaleScenario.run(this);
            case "tools" -> ToolScenarios.tools(this);
            case "tools-adversarial" -> ToolScenarios.adversarial(this);
            case "erase" -> PrivacyScenarios.erase(this);
            default ->
                throw new IllegalArgumentException("unknown scenario " + scenario
                        + "; known: latency, throughput, rate, memory, capacity, soak, summary, breaker, adapters,"
                        + " handoff, inbox, retrieval, retrieval-tuning, knowledge,"
                        + " knowledge-scale,"
                        + " fault-kill9, fault-model,"
                        + " fault-database, fault-clients, faults");
        }
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Path file = out.resolve(scenario + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("\nWrote " + file);
    }

    /** What every report says of the machine it ran on. */
    public static Map<String, Object> machine() {
        return Map.of(
                "cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    Settings settings() {
        return settings;
    }

    void put(String key, Object value) {
        report.put(key, value);
        System.out.println(key + ": " + JSON.writeValueAsString(value));
    }

    /**
     * The server under test and the model it talks to; an owned one's data directory is deleted on close (the H2 file
     * of one capacity run reached 25 GB, see docs/benchmarks.md).
     */
    record Target(
            ParleyProcess server,
            ScriptedOpenAiServer model,
            String siteKey,
            String ownerToken,
            String ownerEmail,
            ServerProbe probe,
            Path data,
            boolean owned)
            implements AutoCloseable {

        /** The same server, shared: closing this view leaves it running. */
        Target shared() {
            return new Target(server, model, siteKey, ownerToken, ownerEmail, probe, data, false);
        }

        URI chat() {
            return URI.create("ws://127.0.0.1:" + server.port() + "/ws/chat?siteKey=" + siteKey);
        }

        URI echo() {
            return URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo");
        }

        URI uri(BenchSession.Mode mode) {
            return mode == BenchSession.Mode.ECHO ? echo() : chat();
        }

        @Override
        public void close() {
            if (owned) {
                server.close();
                model.close();
                try {
                    FileSystemUtils.deleteRecursively(data);
                } catch (IOException e) {
                    System.err.println("Could not delete " + data + ": " + e);
                }
            }
        }
    }

    /** Starts the model and the server (heap from {@code heap=}, default 1536m) with an organization to chat with. */
    Target start(OpenAiScript modelScript) throws Exception {
        return start(modelScript, List.of());
    }

    /** As {@link #start(OpenAiScript)}, with more options for the server's JVM (before {@code serverJvm=}'s). */
    Target start(OpenAiScript modelScript, List<String> serverJvm) throws Exception {
        if (shared != null) {
            shared.model().respondWith(request -> modelScript);
            return shared.shared();
        }
        ScriptedOpenAiServer model = ScriptedOpenAiServer.start().recording(false);
        model.respondWith(request -> modelScript);
        Path data = Files.createTempDirectory("parley-bench-");
        List<String> jvm = new ArrayList<>(
                List.of("-Xmx" + settings.get("heap", "1536m"), "-Xms" + settings.get("heap", "1536m")));
        jvm.addAll(serverJvm);
        if (settings.values().containsKey("serverJvm")) {
            // e.g. serverJvm=-XX:StartFlightRecording=filename=target/bench/server.jfr,settings=profile
            jvm.addAll(List.of(settings.get("serverJvm", "").split(" ")));
        }
        List<String> app = new ArrayList<>(List.of(
                "--parley.bench.echo-endpoint=true",
                "--parley.demo.enabled=false",
                "--parley.chat.rate-limit-messages=1000000",
                "--parley.chat.starts-per-address=1000000",
                "--parley.security.sign-in.sign-ups-per-address=1000000",
                "--parley.chat.starts-per-site-key=1000000",
                "--parley.chat.socket.frames-per-ten-seconds=1000000",
                "--parley.llm.default=bench",
                "--parley.llm.providers.bench.type=openai",
                "--parley.llm.providers.bench.base-url=" + model.baseUrl(),
                "--parley.llm.providers.bench.model=" + ScriptedOpenAiServer.MODEL,
                "--logging.level.root=WARN"));
        if (settings.values().containsKey("serverArgs")) {
            // e.g. serverArgs=--spring.datasource.hikari.maximum-pool-size=30
            app.addAll(List.of(settings.get("serverArgs", "").split(" ")));
        }
        if (settings.values().containsKey("datasource")) {
            app.add("--spring.datasource.url=" + settings.get("datasource", ""));
            app.add("--spring.datasource.username=" + settings.get("dbuser", "postgres"));
            app.add("--parley.security.signing-key="
                    + java.util.Base64.getEncoder().encodeToString(new byte[32]).replace("A", "B"));
            app.add("--parley.security.encryption-key="
                    + java.util.Base64.getEncoder().encodeToString(new byte[32]).replace("A", "C"));
        }
        ParleyProcess server = ParleyProcess.start(data, jvm, app);
        ParleyApi.Organization shop = new ParleyApi(server.port()).signUp("Bench Outfitters");
        return new Target(
                server,
                model,
                shop.siteKey(),
                shop.accessToken(),
                shop.email(),
                new ServerProbe(server.pid(), server.port()),
                data,
                true);
    }

    static OpenAiScript instantModel() {
        return OpenAiScript.reply("Yes, we ship to every province of Canada in 3 to 5 business days.")
                .inChunks(3);
    }

    /** 20 tokens over one second. */
    static OpenAiScript streamingModel() {
        return OpenAiScript.reply(
                        "Yes, we ship to every province of Canada; standard delivery takes three to five business days, express one or two.")
                .inChunks(20)
                .withDelay(Duration.ofMillis(50));
    }
}

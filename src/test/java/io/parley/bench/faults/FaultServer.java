package io.parley.bench.faults;

import io.parley.bench.ServerProbe;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyProcess;
import io.parley.testing.RecordedOpenAiRequest;
import io.parley.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server under test for a fault run: the packaged jar in its own process (so that it can be killed for real),
 * talking to a scripted OpenAI-compatible model in this process, with one signed-up organization whose fallback
 * message is recognizable. Per-message rate limits are off; everything listens on 127.0.0.1 only.
 */
final class FaultServer implements AutoCloseable {

    /** The organization's fallback message: what customers get when the model fails. */
    static final String FALLBACK =
            "Sorry, our assistant cannot answer right now; someone from our team will follow up.";

    private final String name;
    private final ScriptedOpenAiServer model;
    private final Path data;
    private final List<String> jvm;
    private final List<String> app;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Kills the server if this process ends without closing it (Ctrl-C, a crash): no orphan keeps running. */
    private final Thread killOnExit = new Thread(this::killNow);

    private final ScheduledExecutorService trimmer = Executors.newSingleThreadScheduledExecutor();
    private volatile ParleyProcess process;
    private ParleyApi.Organization organization;

    private FaultServer(String name, ScriptedOpenAiServer model, Path data, List<String> jvm, List<String> app) {
        this.name = name;
        this.model = model;
        this.data = data;
        this.jvm = jvm;
        this.app = app;
    }

    /**
     * Starts the model and the server (heap from {@code heap=}, more JVM options from {@code jvm=a,b}, more server
     * settings from {@code serverArgs=--a=1,--b=2}) and signs up an organization.
     *
     * @param name the run's name: the server's logs are kept under {@code target/bench/fault-<name>-logs/}
     * @param settings the run's settings
     * @param responder how the model answers each request
     * @param serverArguments the run's own server settings, e.g. {@code --parley.llm.timeout=3s}
     */
    static FaultServer start(
            String name,
            FaultSettings settings,
            Function<RecordedOpenAiRequest, OpenAiScript> responder,
            List<String> serverArguments) {
        ScriptedOpenAiServer model = ScriptedOpenAiServer.start();
        model.respondWith(responder);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + settings.get("heap", "1g"), "-XX:+UseG1GC"));
        String extra = settings.get("jvm", "");
        if (!extra.isBlank()) {
            jvm.addAll(List.of(extra.split(",")));
        }
        List<String> app = new ArrayList<>(List.of(
                "--parley.demo.enabled=false",
                "--parley.chat.rate-limit-messages=1000000",
                "--parley.chat.starts-per-address=1000000",
                "--parley.security.sign-in.sign-ups-per-address=1000000",
                "--parley.chat.starts-per-site-key=1000000",
                "--parley.chat.socket.frames-per-ten-seconds=1000000",
                "--parley.llm.default=faulty",
                "--parley.llm.providers.faulty.type=openai",
                "--parley.llm.providers.faulty.base-url=" + model.baseUrl(),
                "--parley.llm.providers.faulty.model=" + ScriptedOpenAiServer.MODEL,
                "--logging.level.root=WARN"));
        app.addAll(serverArguments);
        String extraApp = settings.get("serverArgs", "");
        if (!extraApp.isBlank()) {
            app.addAll(List.of(extraApp.split(",")));
        }
        FaultServer server;
        try {
            server = new FaultServer(name, model, Files.createTempDirectory("parley-fault-"), jvm, app);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(server.killOnExit);
        if (settings.flag("trimModelRequests", true)) {
            server.forgetModelRequests(responder);
        }
        try {
            server.process = ParleyProcess.start(server.data, jvm, app);
            server.organization = server.api().signUp("Fault Outfitters");
            var saved = server.api()
                    .saveProfile(
                            server.organization,
                            Map.of("businessName", "Fault Outfitters", "fallbackMessage", FALLBACK));
            if (saved.status() != 200) {
                throw new IllegalStateException("could not save the profile: " + saved);
            }
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The scripted model keeps every request it is sent, each with its conversation's history: over a run of tens of
     * thousands of messages that fills this process's heap. Forgetting them every second keeps it flat; the
     * responder is set again at once (a request in between gets the default echo, which no run depends on).
     */
    private void forgetModelRequests(Function<RecordedOpenAiRequest, OpenAiScript> responder) {
        trimmer.scheduleWithFixedDelay(
                () -> {
                    model.reset();
                    model.respondWith(responder);
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    private void killNow() {
        ParleyProcess running = process;
        if (running != null) {
            ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** SIGKILL of the server process. */
    void kill9() {
        process.kill9();
    }

    /** Starts the server again on the same data directory (after {@link #kill9()}); its port changes. */
    void restart() {
        process = ParleyProcess.start(data, jvm, app);
    }

    int port() {
        return process.port();
    }

    long pid() {
        return process.pid();
    }

    String siteKey() {
        return organization.siteKey();
    }

    ScriptedOpenAiServer model() {
        return model;
    }

    ParleyApi api() {
        return new ParleyApi(process.port());
    }

    ServerProbe probe() {
        return new ServerProbe(process.pid(), process.port());
    }

    /** Where a new customer connects. */
    URI chat() {
        return URI.create("ws://127.0.0.1:" + port() + "/ws/chat?siteKey=" + siteKey());
    }

    /** Where a returning customer reconnects to their conversation. */
    URI chat(String visitorToken, String conversationId) {
        return URI.create(
                chat() + "&visitorToken=" + encode(visitorToken) + "&conversationId=" + encode(conversationId));
    }

    /** Whether {@code /actuator/health} answers 200 right now. */
    boolean healthy() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://127.0.0.1:" + port() + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A Prometheus metric summed per value of one label (all series together under "all"), e.g. the model failures
     * by kind; empty when the server does not answer.
     */
    Map<String, Double> metric(String name, String label) {
        Map<String, Double> sums = new LinkedHashMap<>();
        String text;
        try {
            text = http.send(
                            ParleyProcess.metricsRequest(port())
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return sums;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return sums;
        }
        Pattern series =
                Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE);
        Pattern labelValue = Pattern.compile(Pattern.quote(label) + "=\"([^\"]*)\"");
        Matcher m = series.matcher(text);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2));
            sums.merge("all", value, Double::sum);
            if (m.group(1) != null) {
                Matcher l = labelValue.matcher(m.group(1));
                if (l.find()) {
                    sums.merge(l.group(1), value, Double::sum);
                }
            }
        }
        return sums;
    }

    /** Lines of the server's current log that contain {@code text}. */
    long logLinesContaining(String text) {
        return process.log().lines().filter(line -> line.contains(text)).count();
    }

    /** The server's log so far (its own file under the data directory). */
    String log() {
        return process.log();
    }

    /**
     * Stops the server gracefully (SIGTERM), as an operator would, and reports how long that took; after
     * {@code stopWithin} (default 30 s) it is killed, so a shutdown that hangs cannot hold a run up.
     */
    void stop(FaultSettings settings, FaultReport report) {
        long start = System.nanoTime();
        boolean graceful = process.stop(settings.duration("stopWithin", "30s"));
        report.count("gracefulShutdownMs", graceful ? (System.nanoTime() - start) / 1_000_000 : -1);
    }

    /** Stops the server (if still running) and the model, keeps the server's logs and deletes its data. */
    @Override
    public void close() {
        trimmer.shutdownNow();
        if (process != null) {
            process.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        model.close();
        http.close();
        keepLogsAndDeleteData();
    }

    private void keepLogsAndDeleteData() {
        Path logs = Path.of("target", "bench", "fault-" + name + "-logs");
        try (Stream<Path> files = Files.walk(data)) {
            Files.createDirectories(logs);
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (file.getFileName().toString().endsWith(".log")) {
                    Files.copy(file, logs.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("Could not clean up " + data + ": " + e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

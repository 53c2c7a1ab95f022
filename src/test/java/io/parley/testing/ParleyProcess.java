package io.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The packaged application ({@code target/parley-*.jar}) running in its own process, for tests that must kill it for
 * real ({@code kill -9}) or measure it from outside.
 */
public final class ParleyProcess implements AutoCloseable {

    /** The bearer token {@code /actuator/prometheus} of a server started here requires. */
    public static final String METRICS_TOKEN = "metrics-token-for-tests-and-benchmarks";

    private final Process process;
    private final int port;
    private final Path log;

    private ParleyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with its data under {@code dataDir} and waits until it is healthy. */
    public static ParleyProcess start(Path dataDir, List<String> extraArguments) {
        return start(
                dataDir,
                List.of("-Xmx512m", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"),
                extraArguments);
    }

    /** As {@link #start(Path, List)}, with the JVM's own options (heap size, GC, …). */
    public static ParleyProcess start(Path dataDir, List<String> jvmArguments, List<String> extraArguments) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArguments);
        command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port, "--parley.data-dir=" + dataDir));
        command.add("--parley.management.metrics-token=" + METRICS_TOKEN);
        command.addAll(extraArguments);
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("parley-" + System.nanoTime() + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ParleyProcess parley = new ParleyProcess(process, port, log);
            parley.awaitHealthy();
            return parley;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A request for the server's Prometheus metrics, with the token it requires. */
    public static java.net.http.HttpRequest.Builder metricsRequest(int port) {
        return java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + METRICS_TOKEN);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM (a graceful shutdown), then SIGKILL if the process has not ended within {@code grace}.
     *
     * @return whether it ended by itself within {@code grace}
     */
    public boolean stop(Duration grace) {
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill9();
        return false;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .failFast("the process died", () -> !process.isAlive())
                .until(() -> {
                    try {
                        return http.send(health, HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** The application jar the build packaged (Failsafe runs after {@code package}). */
    public static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("parley-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/parley-*.jar: run ./mvnw package first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

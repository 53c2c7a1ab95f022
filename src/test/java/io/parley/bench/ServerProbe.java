package io.parley.bench;

import io.parley.testing.ParleyProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a server process from outside: resident memory and CPU time from /proc, heap from its Prometheus metrics. */
public final class ServerProbe {

    private static final Pattern HEAP =
            Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final long CLOCK_TICKS = 100;

    private final long pid;
    private final URI metrics;
    private final HttpClient http = HttpClient.newHttpClient();

    public ServerProbe(long pid, int port) {
        this.pid = pid;
        this.metrics = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
    }

    public long pid() {
        return pid;
    }

    /** Resident set size in MiB. */
    public double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** User plus system CPU time the process has used, in seconds. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Heap in use (all heap pools) in MiB. */
    public double heapUsedMiB() {
        try {
            String text = http.send(
                            HttpRequest.newBuilder(metrics)
                                    .header("Authorization", "Bearer " + ParleyProcess.METRICS_TOKEN)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = HEAP.matcher(text);
            double bytes = 0;
            while (m.find()) {
                bytes += Double.parseDouble(m.group(1));
            }
            return bytes / (1024 * 1024);
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Heap in use right after a full GC (jcmd GC.run), in MiB: what the server really keeps. */
    public double heapAfterGcMiB() {
        try {
            Process jcmd = new ProcessBuilder(jcmd(), String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true)
                    .start();
            jcmd.getInputStream().readAllBytes();
            jcmd.waitFor();
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        return heapUsedMiB();
    }

    /** The server's live heap by class (jcmd GC.class_histogram), for seeing what memory per session is made of. */
    public String classHistogram() {
        try {
            Process jcmd = new ProcessBuilder(jcmd(), String.valueOf(pid), "GC.class_histogram")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor();
            return text;
        } catch (IOException e) {
            return "unavailable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String jcmd() {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        return Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
    }
}

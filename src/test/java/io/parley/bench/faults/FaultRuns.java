package io.parley.bench.faults;

import io.parley.bench.Bench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parley's fault runs: scripted, repeatable, each ending with a verdict (PASS when every check passed) and its
 * counts, written to {@code target/bench/fault-<name>.json}.
 *
 * <pre>
 * ./bench/run fault-kill9 | fault-model | fault-database | fault-clients | faults   [key=value …]
 * </pre>
 *
 * Each run starts its own server (the packaged jar in its own process) and model, on 127.0.0.1 only. See each run's
 * class for what it proves and its settings: {@link Kill9Run}, {@link ModelFaultRun}, {@link DatabaseOutageRun},
 * {@link ClientFaultRun}.
 */
public final class FaultRuns {

    /** The runs in the order {@code faults} runs them. */
    public static final List<String> NAMES = List.of("kill9", "model", "database", "clients");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FaultRuns() {}

    /** Runs one fault run ({@code kill9}, {@code model}, {@code database} or {@code clients}) and writes its report. */
    public static FaultReport run(String name, FaultSettings settings) throws Exception {
        Instant started = Instant.now();
        FaultReport report =
                switch (name) {
                    case "kill9" -> Kill9Run.run(settings);
                    case "model" -> ModelFaultRun.run(settings);
                    case "database" -> DatabaseOutageRun.run(settings);
                    case "clients" -> ClientFaultRun.run(settings);
                    default -> throw new IllegalArgumentException("unknown fault run " + name + "; known: " + NAMES);
                };
        write(report, settings, started);
        return report;
    }

    /**
     * The command line: {@code fault-<name>} or {@code faults} (all four), then {@code key=value} settings. Exits with
     * 1 when a verdict is FAIL.
     */
    public static void main(String[] args) throws Exception {
        String scenario = args.length == 0 ? "faults" : args[0];
        FaultSettings settings = FaultSettings.of(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        List<String> names = scenario.equals("faults") ? NAMES : List.of(scenario.replaceFirst("^fault-", ""));
        List<FaultReport> reports = new ArrayList<>();
        for (String name : names) {
            System.out.println("\n=== fault-" + name + " " + settings.values());
            FaultReport report = run(name, settings);
            System.out.println(report);
            reports.add(report);
        }
        System.out.println();
        reports.forEach(r -> System.out.println("fault-" + r.name() + ": " + r.verdict()));
        System.exit(reports.stream().allMatch(FaultReport::passed) ? 0 : 1);
    }

    private static void write(FaultReport report, FaultSettings settings, Instant started) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", started.toString());
        json.put("seconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
        json.put("machine", Bench.machine());
        json.put("settings", settings.values());
        json.putAll(report.asMap());
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("fault-" + report.name() + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }
}

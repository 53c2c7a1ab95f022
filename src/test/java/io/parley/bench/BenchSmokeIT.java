package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every benchmark scenario, at a size of seconds, against one packaged server: the harness works and measures real
 * traffic. (The figures come from full runs, see docs/benchmarks.md; none is asserted here.)
 */
class BenchSmokeIT {

    private static Bench.Target target;

    @BeforeAll
    static void startServer() throws Exception {
        target = new Bench(new Bench.Settings(Map.of("heap", "512m"))).start(Bench.instantModel());
    }

    @AfterAll
    static void stopServer() {
        if (target != null) {
            target.close(); // the server, the model and the data directory
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"latency", "throughput", "rate", "memory", "capacity", "soak"})
    @SuppressWarnings("unchecked")
    void measuresRealTrafficInEveryScenario(String scenario) throws Exception {
        Map<String, String> small = Map.ofEntries(
                Map.entry("messages", "20"),
                Map.entry("warmup", "10"),
                Map.entry("sessions", "5"),
                Map.entry("streamingSessions", "5"),
                // Longer than one streamed reply (about a second), so that each session completes one even on a busy
                // machine.
                Map.entry("duration", "2500ms"),
                Map.entry("interval", "500ms"),
                Map.entry("step", "5"),
                Map.entry("max", "10"),
                Map.entry("stepFor", "1s"),
                Map.entry("hold", "1s"),
                Map.entry("sample", "1s"));
        Bench bench = new Bench(new Bench.Settings(small)).sharing(target);

        bench.run(scenario);

        Map<String, Object> report = bench.report();
        assertThat(report).containsKey("startedAt");
        List<Map<String, Object>> measured = report.values().stream()
                .filter(Map.class::isInstance)
                .map(v -> (Map<String, Object>) v)
                .filter(m -> m.containsKey("completed"))
                .toList();
        if (scenario.equals("memory")) {
            assertThat((Map<String, Object>) report.get("memory")).containsKey("rssPerThousandSessionsMiB");
        } else if (scenario.equals("capacity")) {
            assertThat((List<?>) report.get("steps")).isNotEmpty();
            assertThat(report).containsKey("held");
        } else if (scenario.equals("soak")) {
            assertThat((List<?>) report.get("samples")).isNotEmpty();
        } else {
            assertThat(measured).isNotEmpty().allSatisfy(m -> {
                assertThat(((Number) m.get("completed")).longValue()).isPositive();
                assertThat(((Number) m.get("errors")).longValue()).isZero();
            });
        }
    }
}

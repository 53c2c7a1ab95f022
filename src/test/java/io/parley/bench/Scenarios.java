package io.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark scenarios; each reports into the {@link Bench} it is given. */
final class Scenarios {

    private Scenarios() {}

    /** Sequential messages from one customer with a model that answers at once: the platform's own latency. */
    static void latency(Bench bench) throws Exception {
        int messages = bench.settings().integer("messages", 1000);
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            if (bench.settings().integer("knowledge", 0) == 1) {
                // Every turn then embeds the question and searches the organization's index first.
                bench.put("knowledgeDocuments", KnowledgeLoad.teachDemoArticles(target));
            }
            for (BenchSession.Mode mode : BenchSession.Mode.values()) {
                Latencies latencies = new Latencies();
                try (Workload crowd = new Workload(mode, latencies)) {
                    crowd.open(1, i -> target.uri(mode), true);
                    crowd.closedLoopUntil(bench.settings().integer("warmupMessages", 2000));
                    latencies.reset();
                    crowd.closedLoopUntil(messages);
                }
                bench.put(mode.name().toLowerCase(), latencies.summary());
            }
            bench.put("serverRssMiB", target.probe().rssMiB());
        }
    }

    /** As many messages as the server takes from a crowd sending back to back: echo, instant model, streaming model. */
    static void throughput(Bench bench) throws Exception {
        int sessions = bench.settings().integer("sessions", 100);
        Duration duration = bench.settings().duration("duration", "30s");
        Duration warmup = bench.settings().duration("warmup", "10s");
        Map<String, Object> results = new LinkedHashMap<>();
        for (String model : List.of("instant", "streaming")) {
            try (Bench.Target target =
                    bench.start(model.equals("instant") ? Bench.instantModel() : Bench.streamingModel())) {
                for (BenchSession.Mode mode : BenchSession.Mode.values()) {
                    if (mode == BenchSession.Mode.ECHO && model.equals("streaming")) {
                        continue; // the echo does not depend on the model; measured once
                    }
                    int crowdSize =
                            model.equals("streaming") ? bench.settings().integer("streamingSessions", 1000) : sessions;
                    Latencies latencies = new Latencies();
                    try (Workload crowd = new Workload(mode, latencies)) {
                        crowd.open(crowdSize, i -> target.uri(mode), true);
                        crowd.closedLoop(warmup);
                        latencies.reset();
                        double cpuBefore = target.probe().cpuSeconds();
                        long start = System.nanoTime();
                        crowd.closedLoop(duration);
                        double seconds = (System.nanoTime() - start) / 1e9;
                        double cpu = target.probe().cpuSeconds() - cpuBefore;
                        Map<String, Object> result = new LinkedHashMap<>(latencies.summary());
                        result.put("sessions", crowdSize);
                        result.put("messagesPerSecond", round(latencies.completed.get() / seconds));
                        result.put("serverCpuPercentOfOneCore", round(100 * cpu / seconds));
                        result.put("serverHeapUsedMiB", round(target.probe().heapUsedMiB()));
                        result.put("serverRssMiB", round(target.probe().rssMiB()));
                        results.put(mode == BenchSession.Mode.ECHO ? "echo" : "chat-" + model, result);
                        bench.put(mode == BenchSession.Mode.ECHO ? "echo" : "chat-" + model, result);
                    }
                }
            }
        }
        bench.put("ratios", ratios(results, "chat-instant", "echo"));
    }

    /** A fixed rate of messages (default 500/s) from many customers, chat beside echo. */
    static void rate(Bench bench) throws Exception {
        int sessions = bench.settings().integer("sessions", 5000);
        Duration interval = bench.settings().duration("interval", "10s");
        Duration duration = bench.settings().duration("duration", "60s");
        Map<String, Object> results = new LinkedHashMap<>();
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            for (BenchSession.Mode mode : BenchSession.Mode.values()) {
                Latencies latencies = new Latencies();
                try (Workload crowd = new Workload(mode, latencies)) {
                    crowd.open(sessions, i -> target.uri(mode), true);
                    crowd.openLoop(interval, interval.multipliedBy(2));
                    latencies.reset();
                    double cpuBefore = target.probe().cpuSeconds();
                    crowd.openLoop(interval, duration);
                    double cpu = target.probe().cpuSeconds() - cpuBefore;
                    Map<String, Object> result = new LinkedHashMap<>(latencies.summary());
                    result.put("sessions", sessions);
                    result.put("messagesPerSecond", round(latencies.completed.get() / (double) duration.toSeconds()));
                    result.put("serverCpuPercentOfOneCore", round(100 * cpu / duration.toSeconds()));
                    result.put("serverHeapUsedMiB", round(target.probe().heapUsedMiB()));
                    result.put("serverRssMiB", round(target.probe().rssMiB()));
                    results.put(mode == BenchSession.Mode.ECHO ? "echo" : "chat-instant", result);
                    bench.put(mode == BenchSession.Mode.ECHO ? "echo" : "chat-instant", result);
                }
            }
        }
        bench.put("ratios", ratios(results, "chat-instant", "echo"));
    }

    /** Resident memory for open, idle chat sessions: per 1,000 sessions. */
    static void memory(Bench bench) throws Exception {
        int sessions = bench.settings().integer("sessions", 2000);
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            warmUp(target, bench.settings().duration("warmup", "5s"));
            Latencies latencies = new Latencies();
            double rssBefore = target.probe().rssMiB();
            double heapBefore = target.probe().heapAfterGcMiB();
            try (Workload crowd = new Workload(BenchSession.Mode.CHAT, latencies)) {
                crowd.open(sessions, i -> target.chat(), true);
                // One message each, so that every conversation is live in memory.
                Duration interval = bench.settings().duration("interval", "5s");
                crowd.openLoop(interval, interval.plusSeconds(1));
                double heapAfter = target.probe().heapAfterGcMiB();
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "bench"));
                java.nio.file.Files.writeString(
                        java.nio.file.Path.of("target", "bench", "memory-histogram.txt"),
                        target.probe().classHistogram());
                double rssAfter = target.probe().rssMiB();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("sessions", crowd.open());
                result.put("rssBeforeMiB", round(rssBefore));
                result.put("rssAfterMiB", round(rssAfter));
                result.put("rssPerThousandSessionsMiB", round((rssAfter - rssBefore) * 1000 / sessions));
                result.put("heapAfterGcBeforeMiB", round(heapBefore));
                result.put("heapAfterGcAfterMiB", round(heapAfter));
                result.put("heapPerThousandSessionsMiB", round((heapAfter - heapBefore) * 1000 / sessions));
                bench.put("memory", result);
            }
        }
    }

    /**
     * Ramps open sessions, each sending every 10 s, step by step, until p95 time to first delta passes 500 ms or
     * errors appear; then holds the highest healthy level for {@code hold} (default 2 min), and one step lower
     * each time a hold does not stay healthy. The first hold that does is the capacity.
     */
    static void capacity(Bench bench) throws Exception {
        int step = bench.settings().integer("step", 1000);
        int max = bench.settings().integer("max", 12000);
        Duration stepFor = bench.settings().duration("stepFor", "30s");
        Duration hold = bench.settings().duration("hold", "120s");
        Duration interval = bench.settings().duration("interval", "10s");
        List<Map<String, Object>> steps = new ArrayList<>();
        Chart chart = new Chart(
                "Time to first delta vs open sessions (each sends every " + interval.toSeconds() + " s)",
                "open sessions",
                "ms");
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            warmUp(target, bench.settings().duration("warmup", "20s"));
            Latencies latencies = new Latencies();
            int highestHealthy = 0;
            try (Workload crowd = new Workload(BenchSession.Mode.CHAT, latencies)) {
                for (int open = step; open <= max; open += step) {
                    crowd.open(step, i -> target.chat(), true);
                    latencies.reset();
                    crowd.openLoop(interval, stepFor);
                    Map<String, Object> result = stepResult(target, crowd, latencies);
                    steps.add(result);
                    System.out.println("step " + result);
                    chart.point("p50", crowd.open(), latencies.p("firstDelta", 50))
                            .point("p95", crowd.open(), latencies.p("firstDelta", 95))
                            .point("p99", crowd.open(), latencies.p("firstDelta", 99));
                    if (!healthy(crowd, latencies)) {
                        break;
                    }
                    highestHealthy = open;
                }
            }
            bench.put("steps", steps);
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "bench"));
            chart.write(java.nio.file.Path.of("target", "bench", "capacity.png"));
            // A level that passed a short step may still not hold for long (the store grows): step down until one does.
            List<Map<String, Object>> holds = new ArrayList<>();
            for (int level = highestHealthy; level > 0; level -= step) {
                Latencies held = new Latencies();
                try (Workload crowd = new Workload(BenchSession.Mode.CHAT, held)) {
                    crowd.open(level, i -> target.chat(), true);
                    crowd.openLoop(interval, hold);
                    Map<String, Object> result = stepResult(target, crowd, held);
                    result.put("heldFor", hold.toString());
                    result.put("heap", bench.settings().get("heap", "1536m"));
                    boolean healthyHold = healthy(crowd, held);
                    result.put("healthy", healthyHold);
                    holds.add(result);
                    System.out.println("hold " + result);
                    if (healthyHold) {
                        bench.put("held", result);
                        break;
                    }
                }
            }
            bench.put("holds", holds);
        }
    }

    /** A few customers chatting back to back, so that the first measured step does not also measure the JIT. */
    private static void warmUp(Bench.Target target, Duration duration) throws InterruptedException {
        try (Workload warm = new Workload(BenchSession.Mode.CHAT, new Latencies())) {
            warm.open(50, i -> target.chat(), true);
            warm.closedLoop(duration);
        }
    }

    /** Capacity's bar: p95 time to first delta within 500 ms, and nothing failed. */
    private static boolean healthy(Workload crowd, Latencies latencies) {
        return latencies.p("firstDelta", 95) <= 500
                && crowd.failedToOpen == 0
                && latencies.errors.get() == 0
                && latencies.disconnects.get() == 0;
    }

    /** A fixed load for a long time: heap after GC sampled every minute must not trend upwards. */
    static void soak(Bench bench) throws Exception {
        int sessions = bench.settings().integer("sessions", 1000);
        Duration interval = bench.settings().duration("interval", "10s");
        Duration duration = bench.settings().duration("duration", "10m");
        Duration sample = bench.settings().duration("sample", "60s");
        List<Map<String, Object>> samples = new ArrayList<>();
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            Latencies latencies = new Latencies();
            try (Workload crowd = new Workload(BenchSession.Mode.CHAT, latencies)) {
                crowd.open(sessions, i -> target.chat(), true);
                crowd.openLoop(interval, interval);
                for (long elapsed = 0; elapsed < duration.toSeconds(); elapsed += sample.toSeconds()) {
                    latencies.reset();
                    crowd.openLoop(interval, sample);
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("minute", round((elapsed + sample.toSeconds()) / 60.0));
                    point.put("heapAfterGcMiB", round(target.probe().heapAfterGcMiB()));
                    point.put("rssMiB", round(target.probe().rssMiB()));
                    point.put("messagesPerSecond", round(latencies.completed.get() / (double) sample.toSeconds()));
                    point.put("firstDeltaP99Ms", latencies.p("firstDelta", 99));
                    point.put("errors", latencies.errors.get() + latencies.disconnects.get());
                    samples.add(point);
                    System.out.println("soak " + point);
                }
            }
        }
        bench.put("samples", samples);
    }

    private static Map<String, Object> stepResult(Bench.Target target, Workload crowd, Latencies latencies) {
        Map<String, Object> result = new LinkedHashMap<>(latencies.summary());
        result.put("openSessions", crowd.open());
        result.put("failedToOpen", crowd.failedToOpen);
        result.put("serverHeapUsedMiB", round(target.probe().heapUsedMiB()));
        result.put("serverRssMiB", round(target.probe().rssMiB()));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ratios(Map<String, Object> results, String chat, String echo) {
        Map<String, Object> c = (Map<String, Object>) results.get(chat);
        Map<String, Object> e = (Map<String, Object>) results.get(echo);
        Map<String, Object> ratios = new LinkedHashMap<>();
        if (c == null || e == null) {
            return ratios;
        }
        ratios.put(
                "throughputChatOverEcho",
                round(((Number) c.get("messagesPerSecond")).doubleValue()
                        / ((Number) e.get("messagesPerSecond")).doubleValue()));
        for (String metric : List.of("ackMs", "firstDeltaMs")) {
            Map<String, Double> cm = (Map<String, Double>) c.get(metric);
            Map<String, Double> em = (Map<String, Double>) e.get(metric);
            for (String p : List.of("p50", "p95", "p99")) {
                if (cm.containsKey(p) && em.containsKey(p)) {
                    ratios.put(metric.replace("Ms", "") + "_" + p + "_chatOverEcho", round(cm.get(p) / em.get(p)));
                }
            }
        }
        return ratios;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

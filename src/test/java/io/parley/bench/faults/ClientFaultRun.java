package io.parley.bench.faults;

import io.parley.testing.OpenAiScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fault-clients}: clients that misbehave cost the server bounded memory and do not slow anyone else down.
 *
 * <p>A control group of {@code control} (default 50) normal customers chats all through the run (a message every
 * {@code controlEvery}, default 1 s; replies stream 20 pieces over a second), measured in windows of {@code window}
 * (default 15 s): first alone (the baseline), then during each of three kinds of trouble, one after the other:
 * <ol>
 *   <li>{@link VanishingClients}: {@code vanishing} (default 2,000) clients send a message and go silent without
 *       closing; the server must close them after its idle timeout ({@code idleTimeout}, default 10 s);
 *   <li>{@link SlowReaders}: {@code slowReaders} (default 20) clients keep asking for long replies (15,000
 *       characters in 10 pieces, {@code longReplyChars}, {@code longReplyChunks}) and never read; the server
 *       (its send buffer limit set to {@code sendBuffer}, default 64 KiB, its send time limit to
 *       {@code sendTimeLimit}, default 5 s) must drop every one ({@code dropWithin}, default 60 s) rather than hold
 *       their frames;
 *   <li>{@link ReconnectStorm}: {@code storm} (default 1,000) customers, each with a reply on its way, drop at once
 *       and reconnect at once with {@code resume} from their last seq: every one resumes exactly where it left off.
 * </ol>
 * After each, memory (heap after a full GC) must come back to the baseline (within {@code heapToleranceMiB},
 * default 16) once the server has let go of the trouble ({@code evictAfter}, the server's idle eviction, default
 * 10 s). With {@code latencyVerdict=true} (the default; the smoke test reports latencies only) the control group's
 * p99 time to first delta while slow readers hang on must stay within {@code latencyFactor} (default 2) times the
 * baseline's, or {@code latencySlackMs} (default 50) above it.
 */
final class ClientFaultRun {

    private ClientFaultRun() {}

    /** What the phases share. */
    record Chaos(
            FaultServer server,
            Crowd crowd,
            ControlGroup control,
            FaultSettings settings,
            FaultReport report,
            double heapBaselineMiB) {

        Duration window() {
            return settings.duration("window", "15s");
        }

        Duration evictAfter() {
            return settings.duration("evictAfter", "10s");
        }

        /** Heap after a full GC, in MiB. */
        double heapAfterGc() {
            return round(server.probe().heapAfterGcMiB());
        }

        /**
         * Waits (bounded) for the heap after GC to come back to the baseline once the server let go of the trouble;
         * returns the last measurement.
         */
        double heapBackToBaseline() throws InterruptedException {
            double tolerance = settings.integer("heapToleranceMiB", 16);
            Duration within = evictAfter().multipliedBy(2).plus(Duration.ofSeconds(15));
            // First the conversations of the phase must leave memory (idle eviction), else the measurement is early.
            Awaits.within(() -> activeConversations() <= control.size(), within);
            double[] last = {Double.NaN};
            Awaits.within(
                    () -> {
                        last[0] = heapAfterGc();
                        return last[0] <= heapBaselineMiB + tolerance;
                    },
                    within);
            return last[0];
        }

        void checkHeapBack(String phase, double during, double after) {
            double tolerance = settings.integer("heapToleranceMiB", 16);
            writeHistogram(phase);
            report.check(
                    phase + ": memory comes back to the baseline",
                    after <= heapBaselineMiB + tolerance,
                    "heap after GC %.1f MiB before, %.1f during, %.1f after (tolerance %.0f MiB)"
                            .formatted(heapBaselineMiB, during, after, tolerance));
        }

        /** Conversations the server holds in memory, as its metrics say. */
        double activeConversations() {
            return server.metric("parley_chat_conversations_active", "none").getOrDefault("all", Double.MAX_VALUE);
        }

        /** What the heap holds after the phase, for whoever reads a failed (or passed) verdict. */
        private void writeHistogram(String phase) {
            try {
                Path file = Path.of("target", "bench", "clients-histogram-" + phase.replace(' ', '-') + ".txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, server.probe().classHistogram());
            } catch (IOException e) {
                report.count("histogramUnavailable", e.getMessage());
            }
        }

        int openConnections() {
            return TcpTable.openOn(server.port());
        }
    }

    static FaultReport run(FaultSettings settings) throws InterruptedException {
        int controlSize = settings.integer("control", 50);
        Duration idleTimeout = settings.duration("idleTimeout", "10s");
        // Under the store's 16,000-character limit for one message: this run is about reading, not length.
        int longReply = settings.integer("longReplyChars", 15_000);
        Duration longReplyPause = settings.duration("longReplyChunkDelay", "2ms");
        int longReplyChunks = settings.integer("longReplyChunks", 10);
        FaultReport report = new FaultReport("clients");
        String longText = "All our parcels travel insured and tracked. ".repeat(longReply / 44);
        List<String> arguments = List.of(
                "--parley.chat.socket.idle-timeout=" + settings.springDuration("idleTimeout", "10s"),
                "--parley.chat.socket.send-buffer-bytes=" + settings.integer("sendBuffer", 65_536),
                "--parley.chat.socket.send-time-limit=" + settings.springDuration("sendTimeLimit", "5s"),
                "--parley.chat.idle-eviction=" + settings.springDuration("evictAfter", "10s"));
        try (FaultServer server = FaultServer.start(
                        "clients",
                        settings,
                        request -> request.lastUserMessage().contains("[long]")
                                ? OpenAiScript.reply(longText)
                                        .inChunks(longReplyChunks)
                                        .withDelay(longReplyPause)
                                : OpenAiScript.reply(ModelFault.ANSWER)
                                        .inChunks(20)
                                        .withDelay(Duration.ofMillis(50)),
                        arguments);
                Crowd crowd = new Crowd()) {
            crowd.keepAlive(idleTimeout.dividedBy(3));
            try (ControlGroup control = new ControlGroup(
                    crowd.connect(controlSize, server.chat(), "ctl"), settings.duration("controlEvery", "1s"))) {
                control.begin();
                Thread.sleep(settings.duration("window", "15s")); // the baseline window: the control group alone
                Map<String, Object> baseline = control.end();
                double heap = round(server.probe().heapAfterGcMiB());
                Chaos chaos = new Chaos(server, crowd, control, settings, report, heap);
                Map<String, Object> latency = new LinkedHashMap<>();
                latency.put("baseline", baseline);
                report.count("heapBaselineMiB", heap);
                report.count("openConnectionsBaseline", chaos.openConnections());
                VanishingClients.run(chaos, latency);
                SlowReaders.run(chaos, latency, (Double) ((Map<?, ?>) baseline.get("firstDeltaMs")).get("p99"));
                ReconnectStorm.run(chaos, latency);
                report.count("controlGroupLatency", latency);
                report.count(
                        "activeConversationsGauge",
                        server.metric("parley_chat_conversations_active", "none")
                                .get("all"));
            }
            server.stop(settings, report);
        }
        return report;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

package io.parley.bench.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that never read: each keeps asking for long replies (every {@code slowEvery}, default 50 ms) and never
 * reads a frame, so everything the server sends it piles up. The server must drop each one rather than hold their
 * frames, and normal customers must not notice.
 *
 * <p>Besides the verdict it reports what a slow reader costs outside the heap (the kernel's send queue for it) and,
 * with {@code canaries} (default 10) silent sessions opened one a second meanwhile, how late the server closes other
 * idle sessions while it deals with slow readers. {@code dumpThreads=true} saves the server's threads at the end of
 * the window, to see where slow readers hold it up.
 */
final class SlowReaders {

    private SlowReaders() {}

    static void run(ClientFaultRun.Chaos chaos, Map<String, Object> latency, Double baselineP99)
            throws InterruptedException {
        int count = chaos.settings().integer("slowReaders", 20);
        Duration every = chaos.settings().duration("slowEvery", "50ms");
        Duration dropWithin = chaos.settings().duration("dropWithin", "60s");
        int canaryCount = chaos.settings().integer("canaries", 10);
        Duration idleTimeout = chaos.settings().duration("idleTimeout", "10s");
        FaultReport report = chaos.report();
        int port = chaos.server().port();
        String path = "/ws/chat?siteKey=" + chaos.server().siteKey();
        List<RawChatSocket> sockets = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        chaos.control().begin();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            try {
                RawChatSocket socket = RawChatSocket.open(port, path, 8192);
                socket.readFrame(); // the session frame; nothing is ever read after it
                sockets.add(socket);
                int reader = i;
                Thread.ofVirtual().start(() -> askForLongReplies(socket, reader, every, stop));
            } catch (IOException e) {
                report.check("slow readers connect", false, "slow reader " + i + ": " + e);
                stop.set(true);
                return;
            }
        }
        Canaries canaries = new Canaries(port, path, idleTimeout);
        long windowEnd = System.nanoTime() + chaos.window().toNanos();
        long maxSendQueue = 0;
        long maxSendQueueTotal = 0;
        for (int c = 0; System.nanoTime() < windowEnd; c++) {
            if (c < canaryCount) {
                canaries.open();
            }
            Map<Integer, Long> queues = TcpTable.serverSideSendQueues(port);
            long total = 0;
            for (RawChatSocket socket : sockets) {
                long queued = queues.getOrDefault(socket.localPort(), 0L);
                maxSendQueue = Math.max(maxSendQueue, queued);
                total += queued;
            }
            maxSendQueueTotal = Math.max(maxSendQueueTotal, total);
            Thread.sleep(Math.min(1000, Math.max(1, (windowEnd - System.nanoTime()) / 1_000_000))); // paces the window
        }
        Map<String, Object> during = chaos.control().end();
        double p99 = chaos.control().firstDelta(99);
        latency.put("slowReaders", during);
        if (chaos.settings().flag("dumpThreads", false)) {
            Diagnostics.saveThreadDump(chaos.server().pid(), "clients-slow-readers");
        }
        double heapDuring = chaos.heapAfterGc();
        int openDuring = chaos.openConnections();
        boolean allDropped = Awaits.within(() -> stillConnected(port, sockets) == 0, dropWithin);
        long droppedAfterMs = (System.nanoTime() - start) / 1_000_000;
        int notDropped = stillConnected(port, sockets);
        if (notDropped > 0) {
            Diagnostics.saveThreadDump(chaos.server().pid(), "clients");
        }
        canaries.awaitClosed(idleTimeout.plus(Duration.ofSeconds(45)));
        stop.set(true);
        sockets.forEach(RawChatSocket::close);
        canaries.close();
        double heapAfter = chaos.heapBackToBaseline();

        report.count("slowReaders", count);
        report.count("slowReadersOpenConnectionsDuring", openDuring);
        report.count("slowReadersNotDropped", notDropped);
        report.count("slowReadersMsUntilAllDropped", allDropped ? droppedAfterMs : -1);
        report.count("slowReadersKernelSendQueueMaxKiB", maxSendQueue / 1024);
        report.count("slowReadersKernelSendQueueTotalMaxKiB", maxSendQueueTotal / 1024);
        report.count("slowReadersHeapAfterGcDuringMiB", heapDuring);
        report.count("slowReadersHeapAfterGcAfterMiB", heapAfter);
        report.count("idleSessionsOpenedMeanwhile", canaries.opened());
        report.count("idleSessionsClosedLateMaxMs", canaries.maxLateMs());
        report.check(
                "slow readers: the server drops every one that does not read",
                allDropped,
                (count - notDropped) + " of " + count + " dropped"
                        + (allDropped ? " within " + droppedAfterMs + " ms" : " in " + dropWithin.toSeconds() + " s"));
        chaos.checkHeapBack("slow readers", heapDuring, heapAfter);
        if (chaos.settings().flag("latencyVerdict", true)) {
            double base = baselineP99 == null ? Double.NaN : baselineP99;
            double allowed = Math.max(
                    base * chaos.settings().integer("latencyFactor", 2),
                    base + chaos.settings().integer("latencySlackMs", 50));
            report.check(
                    "slow readers do not slow normal customers down (control group p99 first delta)",
                    p99 <= allowed,
                    "p99 %.1f ms with slow readers, %.1f ms without; allowed %.1f ms".formatted(p99, base, allowed));
        }
    }

    /** Connections of ours the server has not closed (its side is still established). */
    private static int stillConnected(int port, List<RawChatSocket> sockets) {
        Map<Integer, Integer> states = TcpTable.serverSideStates(port);
        int open = 0;
        for (RawChatSocket socket : sockets) {
            if (states.getOrDefault(socket.localPort(), 0) == TcpTable.ESTABLISHED) {
                open++;
            }
        }
        return open;
    }

    private static void askForLongReplies(RawChatSocket socket, int reader, Duration every, AtomicBoolean stop) {
        for (int m = 0; !stop.get(); m++) {
            try {
                socket.sendText("{\"action\":\"sendMessage\",\"clientMessageId\":\"s" + reader + "-" + m
                        + "\",\"message\":\"Tell me everything about shipping [long] (s" + reader + "-m" + m + ")\"}");
                Thread.sleep(every);
            } catch (IOException e) {
                return; // the server dropped us
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Silent sessions opened while slow readers hang on: how late past their idle timeout are they closed? */
    private static final class Canaries {
        private final int port;
        private final String path;
        private final Duration idleTimeout;
        private final List<RawChatSocket> sockets = new ArrayList<>();
        private final Map<RawChatSocket, Long> openedAt = new ConcurrentHashMap<>();
        private final Map<RawChatSocket, Long> closedAt = new ConcurrentHashMap<>();

        Canaries(int port, String path, Duration idleTimeout) {
            this.port = port;
            this.path = path;
            this.idleTimeout = idleTimeout;
        }

        void open() {
            try {
                RawChatSocket socket = RawChatSocket.open(port, path);
                socket.readFrame();
                openedAt.put(socket, System.nanoTime());
                sockets.add(socket);
                Thread.ofVirtual().start(() -> socket.readUntilClosed(code -> closedAt.put(socket, System.nanoTime())));
            } catch (IOException e) {
                // a canary that could not connect says nothing
            }
        }

        int opened() {
            return sockets.size();
        }

        void awaitClosed(Duration within) throws InterruptedException {
            Awaits.within(() -> closedAt.size() == sockets.size(), within);
        }

        /** The latest close past a canary's idle timeout, in ms; -1 when some were never closed. */
        long maxLateMs() {
            long max = 0;
            for (RawChatSocket socket : sockets) {
                Long closed = closedAt.get(socket);
                if (closed == null) {
                    return -1;
                }
                max = Math.max(max, (closed - openedAt.get(socket) - idleTimeout.toNanos()) / 1_000_000);
            }
            return max;
        }

        void close() {
            sockets.forEach(RawChatSocket::close);
        }
    }
}

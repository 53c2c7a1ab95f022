package io.parley.bench.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that vanish without closing: each connects, sends a message, and then sends nothing more, ever: no ping,
 * no close, no answer to the server's close. The server must close every session after its idle timeout (its close
 * frame), then the connection itself (Tomcat waits 30 s for the client's answer to its close), and let go of what
 * they cost.
 */
final class VanishingClients {

    /** How long Tomcat waits for a client to answer its close before dropping the connection. */
    private static final Duration TOMCAT_SESSION_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private VanishingClients() {}

    static void run(ClientFaultRun.Chaos chaos, Map<String, Object> latency) throws InterruptedException {
        int count = chaos.settings().integer("vanishing", 2000);
        Duration idleTimeout = chaos.settings().duration("idleTimeout", "10s");
        // Tomcat looks for idle sessions every 10 s by default, so a session may outlive its timeout by that much.
        Duration closeWithin = idleTimeout.plus(Duration.ofSeconds(15));
        Duration connectionClosedWithin =
                closeWithin.plus(TOMCAT_SESSION_CLOSE_TIMEOUT).plus(Duration.ofSeconds(10));
        boolean awaitConnectionClose = chaos.settings().flag("awaitConnectionClose", true);
        FaultReport report = chaos.report();
        chaos.control().begin();
        CountDownLatch sessionsClosed = new CountDownLatch(count);
        CountDownLatch connectionsClosed = new CountDownLatch(count);
        Map<Integer, Integer> closeCodes = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        List<RawChatSocket> sockets = new ArrayList<>();
        String path = "/ws/chat?siteKey=" + chaos.server().siteKey();
        for (int i = 0; i < count; i++) {
            try {
                RawChatSocket socket = RawChatSocket.open(chaos.server().port(), path);
                socket.readFrame(); // the session frame
                socket.sendText("{\"action\":\"sendMessage\",\"clientMessageId\":\"v" + i + "\",\"message\":\"Hello? (v"
                        + i + "-m0)\"}");
                sockets.add(socket);
                Thread.ofVirtual().start(() -> {
                    socket.readUntilClosed(code -> {
                        closeCodes.merge(code, 1, Integer::sum);
                        sessionsClosed.countDown();
                    });
                    connectionsClosed.countDown();
                });
            } catch (IOException e) {
                refused.incrementAndGet();
                sessionsClosed.countDown();
                connectionsClosed.countDown();
            }
        }
        long lastOpened = System.nanoTime();
        int openDuring = chaos.openConnections();
        double heapDuring = chaos.heapAfterGc();
        boolean allSessionsClosed = sessionsClosed.await(closeWithin.toMillis(), TimeUnit.MILLISECONDS);
        long sessionsClosedMs = (System.nanoTime() - lastOpened) / 1_000_000;
        long sessionsNotClosed = sessionsClosed.getCount();
        latency.put("vanishing", chaos.control().end());
        boolean allConnectionsClosed = awaitConnectionClose
                && connectionsClosed.await(connectionClosedWithin.toMillis(), TimeUnit.MILLISECONDS);
        long connectionsClosedMs = (System.nanoTime() - lastOpened) / 1_000_000;
        long connectionsNotClosed = connectionsClosed.getCount();
        sockets.forEach(RawChatSocket::close);
        double heapAfter = chaos.heapBackToBaseline();

        report.count("vanishingClients", count);
        report.count("vanishingNotConnected", refused.get());
        report.count("vanishingOpenConnectionsDuring", openDuring);
        report.count("vanishingCloseCodes", closeCodes);
        report.count("vanishingMsUntilAllSessionsClosed", allSessionsClosed ? sessionsClosedMs : -1);
        report.count("vanishingMsUntilAllConnectionsClosed", allConnectionsClosed ? connectionsClosedMs : -1);
        report.count("vanishingOpenConnectionsAfter", chaos.openConnections());
        report.count("vanishingHeapAfterGcDuringMiB", heapDuring);
        report.count("vanishingHeapAfterGcAfterMiB", heapAfter);
        report.check(
                "vanished clients: the server closes every session after its idle timeout",
                allSessionsClosed && refused.get() == 0,
                (count - sessionsNotClosed - refused.get()) + " of " + count + " closed "
                        + (allSessionsClosed
                                ? "within " + sessionsClosedMs + " ms"
                                : "within " + closeWithin.toSeconds() + " s")
                        + "; " + refused.get() + " could not connect");
        if (awaitConnectionClose) {
            report.check(
                    "vanished clients: the server then drops their connections",
                    allConnectionsClosed,
                    (count - connectionsNotClosed - refused.get()) + " of " + count + " dropped within "
                            + (allConnectionsClosed
                                    ? connectionsClosedMs + " ms"
                                    : connectionClosedWithin.toSeconds() + " s"));
        }
        chaos.checkHeapBack("vanished clients", heapDuring, heapAfter);
    }
}

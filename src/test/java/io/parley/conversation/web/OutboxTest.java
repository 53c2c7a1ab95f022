package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void neverMakesTheSenderWaitForAClientThatDoesNotRead() {
        StuckSession client = new StuckSession();
        Outbox outbox = new Outbox(client, 1_000_000, Duration.ofSeconds(10));

        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            outbox.send("{\"type\":\"delta\",\"text\":\"piece " + i + "\"}");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> client.writeAttempts.getCount() == 0);
        assertThat(client.written).isEmpty();
        client.release.countDown();
        await().atMost(WAIT).until(() -> client.written.size() == 1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(client.written.get(i)).as("in the order sent").endsWith("\"piece " + i + "\"}");
        }
    }

    @Test
    void dropsAClientOnceTooMuchWaitsForItAndForgetsWhatWaited() {
        StuckSession client = new StuckSession();
        Outbox outbox = new Outbox(client, 1_000, Duration.ofSeconds(10));

        for (int i = 0; i < 100; i++) {
            outbox.send("x".repeat(50));
        }

        assertThat(outbox.dropped()).isTrue();
        await().atMost(WAIT).until(() -> CloseStatus.SESSION_NOT_RELIABLE.equals(client.closedWith));
        client.release.countDown();
        outbox.send("after the drop");
        assertThat(client.written).noneMatch(frame -> frame.equals("after the drop"));
    }

    @Test
    void closesOnlyAfterSendingWhatWasQueuedBefore() {
        StuckSession client = new StuckSession();
        client.release.countDown();
        Outbox outbox = new Outbox(client, 1_000_000, Duration.ofSeconds(10));

        outbox.send("{\"type\":\"error\"}");
        outbox.closeAfterSending(CloseStatus.POLICY_VIOLATION);

        await().atMost(WAIT).until(() -> client.closedWith != null);
        assertThat(client.written).containsExactly("{\"type\":\"error\"}");
        assertThat(client.closedWith).isEqualTo(CloseStatus.POLICY_VIOLATION);
    }

    /** A client whose socket blocks every write until released, as one that stopped reading does. */
    private static final class StuckSession implements WebSocketSession {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch writeAttempts = new CountDownLatch(1);
        final List<String> written = new CopyOnWriteArrayList<>();
        volatile CloseStatus closedWith;

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            writeAttempts.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add((String) message.getPayload());
        }

        @Override
        public boolean isOpen() {
            return closedWith == null;
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public void close(CloseStatus status) {
            closedWith = status;
        }

        @Override
        public String getId() {
            return "stuck";
        }

        @Override
        public URI getUri() {
            return URI.create("ws://localhost/ws/chat");
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return new ConcurrentHashMap<>();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {}

        @Override
        public int getTextMessageSizeLimit() {
            return 0;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {}

        @Override
        public int getBinaryMessageSizeLimit() {
            return 0;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }
    }
}

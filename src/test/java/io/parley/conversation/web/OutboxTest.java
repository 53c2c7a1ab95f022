package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.web.Outbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void neverMakesTheSenderWaitForAClientThatDoesNotRead() {
        ClientSession client = new ClientSession();
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
        ClientSession client = new ClientSession();
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
        ClientSession client = new ClientSession();
        client.release.countDown();
        Outbox outbox = new Outbox(client, 1_000_000, Duration.ofSeconds(10));

        outbox.send("{\"type\":\"error\"}");
        outbox.closeAfterSending(CloseStatus.POLICY_VIOLATION);

        await().atMost(WAIT).until(() -> client.closedWith != null);
        assertThat(client.written).containsExactly("{\"type\":\"error\"}");
        assertThat(client.closedWith).isEqualTo(CloseStatus.POLICY_VIOLATION);
    }
}

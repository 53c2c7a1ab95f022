package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ChatClient;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every acknowledged customer message survives {@code kill -9} of the server in the middle of traffic. */
class KillNineIT {

    private static final int CUSTOMERS = 12;

    private record Ack(
            String conversationId, String visitorToken, String clientMessageId, String messageId, long seq) {}

    @Test
    void losesNoAcknowledgedMessageWhenTheServerIsKilledMidTraffic() throws Exception {
        Path data = Files.createTempDirectory("parley-kill9-");
        List<Ack> acks = new ArrayList<>();
        Set<String> conversations = ConcurrentHashMap.newKeySet();
        Map<String, String> tokens = new ConcurrentHashMap<>();
        try (ParleyProcess server = ParleyProcess.start(
                data,
                List.of(
                        "--parley.chat.rate-limit-messages=100000",
                        "--parley.chat.starts-per-address=1000000",
                        "--parley.security.sign-in.sign-ups-per-address=1000000",
                        "--parley.chat.starts-per-site-key=1000000",
                        "--parley.chat.socket.frames-per-ten-seconds=100000"))) {
            AtomicBoolean killed = new AtomicBoolean();
            CountDownLatch warm = new CountDownLatch(CUSTOMERS * 5);
            List<Thread> customers = new ArrayList<>();
            for (int c = 0; c < CUSTOMERS; c++) {
                int customer = c;
                customers.add(Thread.ofVirtual()
                        .start(() ->
                                chatUntilKilled(server.port(), customer, killed, warm, acks, conversations, tokens)));
            }
            assertThat(warm.await(60, TimeUnit.SECONDS)).as("traffic started").isTrue();
            killed.set(true);
            server.kill9();
            for (Thread customer : customers) {
                customer.join(30_000);
            }
        }
        assertThat(acks).hasSizeGreaterThanOrEqualTo(CUSTOMERS * 5);

        try (ParleyProcess restarted = ParleyProcess.start(data, List.of())) {
            ParleyApi api = new ParleyApi(restarted.port());
            Map<String, Ack> acked = new HashMap<>();
            synchronized (acks) {
                acks.forEach(a -> acked.put(a.messageId(), a));
            }
            int missing = 0;
            for (String conversationId : conversations) {
                JsonNode messages = api.get(
                                "/api/v1/conversations/" + conversationId + "/messages", tokens.get(conversationId))
                        .body()
                        .path("messages");
                Set<String> clientIds = new HashSet<>();
                Set<String> ids = new HashSet<>();
                long expectedSeq = 1;
                for (JsonNode m : messages) {
                    assertThat(m.path("seq").asLong())
                            .as("seq without gaps in %s", conversationId)
                            .isEqualTo(expectedSeq++);
                    ids.add(m.path("id").asString());
                    if (m.path("role").asString().equals("customer")) {
                        assertThat(clientIds.add(m.path("content").asString()))
                                .as("stored twice")
                                .isTrue();
                    }
                }
                for (Ack ack : acked.values()) {
                    if (ack.conversationId().equals(conversationId) && !ids.contains(ack.messageId())) {
                        missing++;
                    }
                }
                for (JsonNode m : messages) {
                    Ack ack = acked.get(m.path("id").asString());
                    if (ack != null) {
                        assertThat(m.path("seq").asLong()).isEqualTo(ack.seq());
                    }
                }
            }
            assertThat(missing)
                    .as("acknowledged messages missing after kill -9")
                    .isZero();
        }
    }

    private static void chatUntilKilled(
            int port,
            int customer,
            AtomicBoolean killed,
            CountDownLatch warm,
            List<Ack> acks,
            Set<String> conversations,
            Map<String, String> tokens) {
        try (ChatClient chat = ChatClient.connect(port, "demo-trailhead")) {
            JsonNode session = chat.await("session");
            String conversationId = session.path("conversationId").asString();
            conversations.add(conversationId);
            tokens.put(conversationId, session.path("visitorToken").asString());
            for (int i = 0; !killed.get(); i++) {
                String clientId = "customer-" + customer + "-message-" + i;
                chat.sendMessage(clientId, clientId);
                JsonNode ack = chat.await(f -> f.path("type").asString().equals("ack"));
                synchronized (acks) {
                    acks.add(new Ack(
                            conversationId,
                            session.path("visitorToken").asString(),
                            clientId,
                            ack.path("messageId").asString(),
                            ack.path("seq").asLong()));
                }
                warm.countDown();
            }
        } catch (RuntimeException | AssertionError expectedOnceKilled) {
            // the connection dies with the server
        }
    }
}

package io.parley.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ChatClient;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform's own escalation triggers, end to end: a customer's words in, a waiting conversation and its words out. */
class EscalationIT extends ParleyAppTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ParleyApi.Organization shop;

    @BeforeEach
    void shop() {
        shop = api.signUp("Alpine Rentals");
    }

    @Test
    void aCustomerAskingForAPersonWaitsAndIsToldNobodyIsOnlineWithoutAModelCall() {
        try (ChatClient customer = connect(shop.siteKey())) {
            customer.await("session");
            customer.sendMessage("I want to talk to a person", "c1");

            JsonNode status = customer.await("status");
            assertThat(status.path("status").asString()).isEqualTo("waiting_for_agent");
            assertThat(status.path("reason").asString()).isEqualTo("customer_asked");
            assertThat(status.path("askContact").asBoolean()).isTrue();
            assertThat(status.path("text").asString()).startsWith("Nobody from our team is online right now.");
            assertThat(customer.awaitMessage("system")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo(status.path("text").asString());
            assertThat(MODEL.requests()).isEmpty();
        }
    }

    @Test
    void withSomeoneOnlineTheRequestReachesTheirInboxAndTheCustomerIsToldTheyAreConnecting() throws Exception {
        try (AgentSocket agent = AgentSocket.open(port, shop.accessToken());
                ChatClient customer = connect(shop.siteKey())) {
            agent.await("hello");
            String conversation =
                    customer.await("session").path("conversationId").asString();
            customer.sendMessage("Can I speak to a human please?", "c1");

            JsonNode waiting = agent.await("conversation.waiting");
            assertThat(waiting.path("conversationId").asString()).isEqualTo(conversation);
            assertThat(waiting.path("change").path("reason").asString()).isEqualTo("customer_asked");
            JsonNode status = customer.await("status");
            assertThat(status.path("askContact").asBoolean()).isFalse();
            assertThat(status.path("text").asString()).startsWith("Connecting you with our team");
        }
    }

    @Test
    void aYesToTheAssistantsOwnOfferOfAPersonHandsOver() {
        MODEL.script(OpenAiScript.reply("I'm not sure. Would you like me to connect you with someone from our team?"));
        try (ChatClient customer = connect(shop.siteKey())) {
            customer.await("session");
            customer.sendMessage("Can you fix my ski bindings?", "c1");
            customer.awaitMessage("assistant");

            customer.sendMessage("yes please", "c2");

            JsonNode status = customer.await("status");
            assertThat(status.path("reason").asString()).isEqualTo("accepted_offer");
            assertThat(MODEL.requests()).hasSize(1);
        }
    }

    @Test
    void aRequestForAPersonInALanguageTheBusinessListsIsRecognised() {
        settings(
                "escalation",
                Map.of(
                        "askForPerson",
                        true,
                        "negativeTurns",
                        3,
                        "fallbackTurns",
                        2,
                        "keywords",
                        List.of(),
                        "languages",
                        List.of("en", "es")));
        try (ChatClient customer = connect(shop.siteKey())) {
            customer.await("session");
            customer.sendMessage("Quiero hablar con una persona, por favor", "c1");

            assertThat(customer.await("status").path("reason").asString()).isEqualTo("customer_asked");
            assertThat(MODEL.requests()).isEmpty();
        }
    }

    @Test
    void aKeywordTheBusinessListsHandsOverAndNamesTheKeyword() {
        settings(
                "escalation",
                Map.of(
                        "askForPerson",
                        true,
                        "negativeTurns",
                        3,
                        "fallbackTurns",
                        2,
                        "keywords",
                        List.of("chargeback"),
                        "languages",
                        List.of("en")));
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());

        ParleyApi.Response exchange = api.send(visit, "I will file a chargeback with my bank", "c1");

        assertThat(exchange.body().path("reply").path("role").asString()).isEqualTo("system");
        JsonNode history = api.get("/api/v1/admin/inbox/" + visit.conversationId(), shop.accessToken())
                .body()
                .path("history");
        assertThat(history.get(0).path("reason").asString()).isEqualTo("keyword");
        assertThat(history.get(0).path("detail").asString()).contains("chargeback");
    }

    @Test
    void outsideBusinessHoursTheCustomerIsToldWhenTheTeamIsBackAndAskedForAnEmail() {
        ZoneId zone = ZoneId.of("America/New_York");
        settings(
                "hours",
                Map.of(
                        "timeZone", zone.getId(),
                        "weekly", List.of(Map.of("day", "monday", "open", "09:00", "close", "17:00")),
                        "holidays", List.of(LocalDate.now(zone).toString())));
        try (ChatClient customer = connect(shop.siteKey())) {
            customer.await("session");
            customer.sendMessage("I want to talk to a person", "c1");

            JsonNode status = customer.await("status");
            assertThat(status.path("text").asString())
                    .startsWith("Our team is away right now; they're back ")
                    .contains("09:00");
            assertThat(status.path("askContact").asBoolean()).isTrue();
        }
    }

    private void settings(String which, Map<String, Object> body) {
        ParleyApi.Response r = api.call("PUT", "/api/v1/admin/organization/" + which, shop.accessToken(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** A member's inbox over {@code /ws/agent}. */
    private record AgentSocket(WebSocket socket, LinkedBlockingQueue<JsonNode> frames) implements AutoCloseable {

        static AgentSocket open(int port, String token) {
            LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create("ws://127.0.0.1:" + port + "/ws/agent?accessToken="
                                    + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                            new WebSocket.Listener() {
                                private final StringBuilder partial = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                    partial.append(data);
                                    if (last) {
                                        frames.add(JSON.readTree(partial.toString()));
                                        partial.setLength(0);
                                    }
                                    ws.request(1);
                                    return null;
                                }
                            })
                    .join();
            return new AgentSocket(socket, frames);
        }

        JsonNode await(String type) throws InterruptedException {
            long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
            while (true) {
                JsonNode frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no " + type + " frame within " + ChatClient.WAIT);
                }
                if (type.equals(frame.path("type").asString())) {
                    return frame;
                }
            }
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }
}

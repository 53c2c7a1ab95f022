package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ChatClient;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import io.parley.testing.RecordedOpenAiRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatOverWebSocketIT extends ParleyAppTest {

    private ParleyApi.Organization shop;

    @BeforeEach
    void shopWithRules() {
        shop = api.signUp("Summit Supply");
        assertThat(api.saveProfile(
                                shop,
                                Map.of(
                                        "businessName", "Summit Supply",
                                        "description", "An online shop for climbing gear.",
                                        "rules",
                                                List.of(
                                                        "Returns are accepted within 30 days of delivery.",
                                                        "We ship only within the EU."),
                                        "guidelines", List.of("Offer a person when an order is late."),
                                        "values", List.of("Honesty"),
                                        "tone", "calm and precise",
                                        "fallbackMessage", "I can't answer that; shall I get a colleague?"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void startsAConversationAndAnswersWithTheBusinessRulesInTheSystemPrompt() {
        try (ChatClient chat = connect(shop.siteKey())) {
            JsonNode session = chat.await("session");
            assertThat(session.path("conversationId").asString()).isNotBlank();
            assertThat(session.path("visitorToken").asString()).isNotBlank();

            chat.sendMessage("Can I return a harness?", "m1");
            JsonNode reply = chat.awaitMessage("assistant");

            assertThat(reply.path("message").path("content").asString()).isEqualTo("Echo: Can I return a harness?");
            String systemPrompt = MODEL.lastRequest().systemPrompt().orElseThrow();
            assertThat(systemPrompt)
                    .contains("Summit Supply")
                    .contains("Returns are accepted within 30 days of delivery.")
                    .contains("We ship only within the EU.")
                    .contains("calm and precise")
                    .contains("I can't answer that; shall I get a colleague?");
        }
    }

    @Test
    void acknowledgesThenStreamsDeltasBeforeTheFinalMessage() {
        MODEL.script(OpenAiScript.reply("Yes, within thirty days of delivery.").inChunks(4));
        try (ChatClient chat = connect(shop.siteKey())) {
            chat.await("session");
            chat.sendMessage("Returns?", "m1");
            JsonNode reply = chat.awaitMessage("assistant");

            List<String> types =
                    chat.received().stream().map(f -> f.path("type").asString()).toList();
            assertThat(types).containsSubsequence("session", "ack", "typing", "delta", "message");
            assertThat(types.indexOf("ack")).isLessThan(types.indexOf("delta"));
            assertThat(types.lastIndexOf("delta")).isLessThan(types.lastIndexOf("message"));
            List<JsonNode> deltas = chat.received().stream()
                    .filter(f -> f.path("type").asString().equals("delta"))
                    .toList();
            assertThat(deltas).hasSize(4);
            assertThat(deltas).allSatisfy(d -> assertThat(d.path("messageId").asString())
                    .isEqualTo(reply.path("message").path("id").asString()));
            assertThat(deltas.stream().map(d -> d.path("text").asString()).reduce("", String::concat))
                    .isEqualTo(reply.path("message").path("content").asString());
            JsonNode ack = chat.received().stream()
                    .filter(f -> f.path("type").asString().equals("ack"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ack.path("clientMessageId").asString()).isEqualTo("m1");
            assertThat(ack.path("seq").asLong()).isEqualTo(1);
            assertThat(reply.path("message").path("seq").asLong()).isEqualTo(2);
        }
    }

    @Test
    void givesTheModelTheFirstTurnWhenAnsweringTheSecond() {
        try (ChatClient chat = connect(shop.siteKey())) {
            chat.await("session");
            chat.sendMessage("Do you ship to Oslo?", "m1");
            chat.awaitMessage("assistant");
            chat.sendMessage("And to Lisbon?", "m2");
            chat.awaitMessage("assistant");

            RecordedOpenAiRequest second = MODEL.lastRequest();
            assertThat(second.messages())
                    .extracting(RecordedOpenAiRequest.Message::role, RecordedOpenAiRequest.Message::content)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "system", second.systemPrompt().orElseThrow()),
                            org.assertj.core.groups.Tuple.tuple("user", "Do you ship to Oslo?"),
                            org.assertj.core.groups.Tuple.tuple("assistant", "Echo: Do you ship to Oslo?"),
                            org.assertj.core.groups.Tuple.tuple("user", "And to Lisbon?"));
        }
    }

    @Test
    void resumeReplaysEveryMessageAfterTheGivenSeqInOrder() {
        Visit visit = twoTurnsThenGone();
        String conversationId = visit.conversationId();
        String token = visit.visitorToken();

        try (ChatClient again = connect(shop.siteKey(), token, conversationId)) {
            assertThat(again.await("session").path("conversationId").asString()).isEqualTo(conversationId);
            again.resume(conversationId, 1);
            List<JsonNode> replayed = List.of(again.await("message"), again.await("message"), again.await("message"));

            assertThat(replayed)
                    .extracting(f -> f.path("message").path("seq").asLong())
                    .containsExactly(2L, 3L, 4L);
            assertThat(replayed)
                    .extracting(f -> f.path("message").path("content").asString())
                    .containsExactly("Echo: first", "second", "Echo: second");
        }
    }

    @Test
    void storesAResentClientMessageIdOnceAndAnswersItOnce() {
        try (ChatClient chat = connect(shop.siteKey())) {
            JsonNode session = chat.await("session");
            chat.sendMessage("Hello once", "same-id");
            JsonNode firstAck = chat.await("ack");
            chat.awaitMessage("assistant");
            chat.sendMessage("Hello once", "same-id");
            JsonNode secondAck = chat.await("ack");

            assertThat(secondAck.path("messageId").asString())
                    .isEqualTo(firstAck.path("messageId").asString());
            assertThat(secondAck.path("seq").asLong()).isEqualTo(1);
            ParleyApi.Response messages = api.get(
                    "/api/v1/conversations/" + session.path("conversationId").asString() + "/messages",
                    session.path("visitorToken").asString());
            assertThat(messages.body().path("messages")).hasSize(2);
            assertThat(MODEL.requests()).hasSize(1);
        }
    }

    @Test
    void answersMessagesSentDuringAReplyInOrder() {
        MODEL.script(OpenAiScript.reply("A slow and careful first answer.")
                .inChunks(5)
                .withDelay(Duration.ofMillis(100)));
        try (ChatClient chat = connect(shop.siteKey())) {
            chat.await("session");
            chat.sendMessage("one", "m1");
            chat.await("delta");
            chat.sendMessage("two", "m2");
            chat.sendMessage("three", "m3");

            JsonNode first = chat.awaitMessage("assistant");
            JsonNode second = chat.awaitMessage("assistant");
            JsonNode third = chat.awaitMessage("assistant");

            assertThat(List.of(first, second, third))
                    .extracting(f -> f.path("message").path("content").asString())
                    .containsExactly("A slow and careful first answer.", "Echo: two", "Echo: three");
            assertThat(List.of(first, second, third))
                    .extracting(f -> f.path("message").path("seq").asLong())
                    .containsExactly(4L, 5L, 6L);
        }
    }

    @Test
    void anotherDeviceOfTheSameVisitorSeesTheMessageAndTheReply() {
        try (ChatClient laptop = connect(shop.siteKey())) {
            JsonNode session = laptop.await("session");
            try (ChatClient phone = connect(
                    shop.siteKey(),
                    session.path("visitorToken").asString(),
                    session.path("conversationId").asString())) {
                phone.await("session");
                laptop.sendMessage("Sent from the laptop", "m1");

                assertThat(phone.awaitMessage("customer")
                                .path("message")
                                .path("content")
                                .asString())
                        .isEqualTo("Sent from the laptop");
                assertThat(phone.awaitMessage("assistant")
                                .path("message")
                                .path("content")
                                .asString())
                        .isEqualTo("Echo: Sent from the laptop");
            }
        }
    }

    @Test
    void repliesWithTheFallbackMessageWhenTheModelKeepsFailing() {
        MODEL.script(
                OpenAiScript.status(500, "{\"error\":{\"message\":\"internal provider detail\"}}"),
                OpenAiScript.status(500, "{}"),
                OpenAiScript.status(500, "{}"));
        try (ChatClient chat = connect(shop.siteKey())) {
            chat.await("session");
            chat.sendMessage("Anyone?", "m1");

            assertThat(chat.awaitMessage("assistant")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("I can't answer that; shall I get a colleague?");
            assertThat(chat.received().toString()).doesNotContain("internal provider detail");
        }
    }

    @Test
    void reportsLatencyAndTokensAsMetricsButNeverMessageText() throws Exception {
        try (ChatClient chat = connect(shop.siteKey())) {
            chat.await("session");
            chat.sendMessage("A very private question about my order Zebrafinch-4711", "m1");
            chat.awaitMessage("assistant");
        }
        System.gc(); // gauges must survive a collection (they once read NaN after one)
        var http = java.net.http.HttpClient.newHttpClient();
        String metrics = http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .header("Authorization", "Bearer " + METRICS_TOKEN)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();

        assertThat(metrics)
                .contains("parley_chat_ack_seconds_count")
                .contains("parley_chat_first_delta_seconds_count")
                .contains("parley_chat_reply_seconds_count{model=\"scripted-model\",outcome=\"answered\"")
                .contains("parley_llm_tokens_total{direction=\"output\",model=\"scripted-model\"")
                .containsPattern("parley_chat_conversations_active(\\{[^}]*})? [0-9]")
                .containsPattern("parley_chat_journal_pending(\\{[^}]*})? [0-9]")
                .doesNotContain("private question")
                // A word no id or metric can hold by chance (a bare number once matched an organization's UUID).
                .doesNotContain("Zebrafinch");
    }

    @Test
    void replaysWhatAReconnectingClientMissedRightAfterTheSessionFrame() {
        Visit visit = twoTurnsThenGone();
        String conversationId = visit.conversationId();
        String token = visit.visitorToken();

        try (ChatClient again = ChatClient.connect(port, shop.siteKey(), token, conversationId, null, 1L)) {
            again.await("session");
            List<JsonNode> replayed = List.of(again.await("message"), again.await("message"), again.await("message"));
            again.send("{\"action\":\"ping\"}");
            again.await("pong");

            assertThat(replayed)
                    .extracting(f -> f.path("message").path("seq").asLong())
                    .containsExactly(2L, 3L, 4L);
            assertThat(again.received().stream()
                            .filter(f -> f.path("type").asString().equals("message")))
                    .hasSize(3);
            assertThat(again.received().getFirst().path("type").asString()).isEqualTo("session");
        }
    }

    @Test
    void neverReplaysWhatTheConnectionAlreadyDeliveredLive() {
        try (ChatClient laptop = connect(shop.siteKey())) {
            JsonNode session = laptop.await("session");
            String conversationId = session.path("conversationId").asString();
            try (ChatClient phone =
                    connect(shop.siteKey(), session.path("visitorToken").asString(), conversationId)) {
                phone.await("session");
                laptop.sendMessage("Sent from the laptop", "m1");
                phone.awaitMessage("customer");
                phone.awaitMessage("assistant");

                phone.resume(conversationId, 0);
                phone.send("{\"action\":\"ping\"}");
                phone.await("pong");

                assertThat(phone.received().stream()
                                .filter(f -> f.path("type").asString().equals("message")))
                        .extracting(f -> f.path("message").path("seq").asLong())
                        .containsExactly(1L, 2L);
            }
        }
    }

    @Test
    void answersPingWithPong() {
        try (ChatClient chat = connect(shop.siteKey())) {
            chat.await("session");
            chat.send("{\"action\":\"ping\"}");
            assertThat(chat.await("pong")).isNotNull();
        }
    }

    /** A conversation the way a customer leaves it: two questions, two answers (seq 1 to 4), then disconnected. */
    private Visit twoTurnsThenGone() {
        try (ChatClient chat = connect(shop.siteKey())) {
            JsonNode session = chat.await("session");
            chat.sendMessage("first", "m1");
            chat.awaitMessage("assistant");
            chat.sendMessage("second", "m2");
            chat.awaitMessage("assistant");
            return new Visit(
                    session.path("conversationId").asString(),
                    session.path("visitorToken").asString());
        }
    }

    private record Visit(String conversationId, String visitorToken) {}
}

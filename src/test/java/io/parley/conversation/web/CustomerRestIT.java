package io.parley.conversation.web;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ChatClient;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The customers' REST API: messages and replies, verified customers, allowed origins and ratings. */
class CustomerRestIT extends ParleyAppTest {

    private ParleyApi.Organization shop;

    @BeforeEach
    void shop() {
        shop = api.signUp("Riverside Rafting");
    }

    @Test
    void answersAMessageWithTheStoredMessageAndTheReply() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());

        ParleyApi.Response exchange = api.send(visit, "Are life jackets included?", "r1");

        assertThat(exchange.status()).isEqualTo(200);
        JsonNode message = exchange.body().path("message");
        JsonNode reply = exchange.body().path("reply");
        assertThat(message.path("role").asString()).isEqualTo("customer");
        assertThat(message.path("seq").asLong()).isEqualTo(1);
        assertThat(message.path("conversationId").asString()).isEqualTo(visit.conversationId());
        assertThat(reply.path("role").asString()).isEqualTo("assistant");
        assertThat(reply.path("seq").asLong()).isEqualTo(2);
        assertThat(reply.path("content").asString()).isEqualTo("Echo: Are life jackets included?");
        assertThat(reply.path("citations").isArray()).isTrue();
        JsonNode conversation = api.get("/api/v1/conversations/" + visit.conversationId(), visit.visitorToken())
                .body();
        assertThat(conversation.path("status").asString()).isEqualTo("bot");
        assertThat(conversation.path("messageCount").asLong()).isEqualTo(2);
    }

    @Test
    void resendingTheSameClientMessageIdReturnsTheFirstResultAndStoresNothingTwice() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());

        JsonNode first = api.send(visit, "Is there parking?", "same").body();
        JsonNode again = api.send(visit, "Is there parking?", "same").body();

        assertThat(again).isEqualTo(first);
        assertThat(api.get("/api/v1/conversations/" + visit.conversationId() + "/messages", visit.visitorToken())
                        .body()
                        .path("messages"))
                .hasSize(2);
        assertThat(MODEL.requests()).hasSize(1);
    }

    @Test
    void bindsAVerifiedCustomerSoTheirHistoryFollowsThemToAnotherDevice() {
        String secret = api.get("/api/v1/admin/organization/customer-secret", shop.accessToken())
                .body()
                .path("secret")
                .asString();
        Map<String, Object> ada = Map.of(
                "siteKey", shop.siteKey(),
                "customer",
                        Map.of(
                                "id",
                                "cust-1815",
                                "email",
                                "ada@example.com",
                                "name",
                                "Ada",
                                "signature",
                                hmac(secret, "cust-1815")));
        JsonNode laptop =
                api.call("POST", "/api/v1/conversations/start", null, ada).body();
        ParleyApi.Visit onLaptop = new ParleyApi.Visit(
                laptop.path("conversationId").asString(),
                laptop.path("visitorToken").asString());
        api.send(onLaptop, "I booked the Saturday trip.", "l1");

        JsonNode phone =
                api.call("POST", "/api/v1/conversations/start", null, ada).body();

        assertThat(phone.path("conversationId").asString()).isEqualTo(onLaptop.conversationId());
        assertThat(api.get(
                                "/api/v1/conversations/" + onLaptop.conversationId() + "/messages",
                                phone.path("visitorToken").asString())
                        .body()
                        .path("messages")
                        .get(0)
                        .path("content")
                        .asString())
                .isEqualTo("I booked the Saturday trip.");
        JsonNode listed = api.get("/api/v1/admin/conversations", shop.accessToken())
                .body()
                .path("items")
                .get(0)
                .path("customer");
        assertThat(listed.path("verified").asBoolean()).isTrue();
        assertThat(listed.path("email").asString()).isEqualTo("ada@example.com");
    }

    @Test
    void neverTrustsAnUnsignedOrWronglySignedCustomer() {
        Map<String, Object> forged = Map.of(
                "siteKey", shop.siteKey(),
                "customer", Map.of("id", "cust-1815", "signature", hmac("not the secret", "cust-1815")));
        Map<String, Object> unsigned = Map.of("siteKey", shop.siteKey(), "customer", Map.of("id", "cust-1815"));

        assertProblem(
                api.call("POST", "/api/v1/conversations/start", null, forged).body(), 401, "/problems/unauthorized");
        assertProblem(
                api.call("POST", "/api/v1/conversations/start", null, unsigned).body(),
                400,
                "/problems/validation-failed");
    }

    @Test
    void letsOnlyTheOrganizationsAllowedOriginsOpenTheChatFromABrowser() {
        api.call(
                "PUT",
                "/api/v1/admin/organization/origins",
                shop.accessToken(),
                Map.of("origins", List.of("https://riverside.example")));
        Map<String, Object> start = Map.of("siteKey", shop.siteKey());

        ParleyApi.Response allowed = api.call(
                "POST", "/api/v1/conversations/start", null, start, Map.of("Origin", "https://riverside.example"));
        ParleyApi.Response other =
                api.call("POST", "/api/v1/conversations/start", null, start, Map.of("Origin", "https://evil.example"));

        assertThat(allowed.status()).isEqualTo(201);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://riverside.example");
        assertProblem(other.body(), 403, "/problems/origin-not-allowed");
        try (ChatClient refused = ChatClient.connect(port, shop.siteKey(), null, null, "https://evil.example")) {
            assertProblem(refused.await("error").path("problem"), 403, "/problems/origin-not-allowed");
            assertThat(refused.awaitClose()).isEqualTo(1008);
            assertThat(refused.received())
                    .noneMatch(f -> f.path("type").asString().equals("session"));
        }
        for (String origin : List.of("https://riverside.example", "http://127.0.0.1:" + port)) {
            try (ChatClient welcome = ChatClient.connect(port, shop.siteKey(), null, null, origin)) {
                assertThat(welcome.await("session").path("conversationId").asString())
                        .isNotBlank();
            }
        }
    }

    @Test
    void refusesAnOriginThatIsNotAWebOrigin() {
        ParleyApi.Response response = api.call(
                "PUT",
                "/api/v1/admin/organization/origins",
                shop.accessToken(),
                Map.of("origins", List.of("https://ok.example", "javascript:alert(1)")));

        assertProblem(response.body(), 400, "/problems/validation-failed");
        assertThat(api.get("/api/v1/admin/organization/origins", shop.accessToken())
                        .body()
                        .path("origins"))
                .isEmpty();
    }

    @Test
    void recordsARatingOfAReplyButNotOfTheCustomersOwnMessage() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());
        JsonNode exchange = api.send(visit, "How long is the trip?", "f1").body();

        ParleyApi.Response up = api.call(
                "PUT",
                "/api/v1/messages/" + exchange.path("reply").path("id").asString() + "/feedback",
                visit.visitorToken(),
                Map.of("rating", "up", "comment", "Quick and clear"));
        ParleyApi.Response own = api.call(
                "PUT",
                "/api/v1/messages/" + exchange.path("message").path("id").asString() + "/feedback",
                visit.visitorToken(),
                Map.of("rating", "up"));
        ParleyApi.Response sideways = api.call(
                "PUT",
                "/api/v1/messages/" + exchange.path("reply").path("id").asString() + "/feedback",
                visit.visitorToken(),
                Map.of("rating", "sideways"));

        assertThat(up.status()).isEqualTo(204);
        assertProblem(own.body(), 400, "/problems/validation-failed");
        assertProblem(sideways.body(), 400, "/problems/validation-failed");
    }

    @Test
    void keepsHtmlInAMessageAsTheCustomerWroteIt() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());
        String html = "<img src=x onerror=alert(1)><script>alert(2)</script>";

        api.send(visit, html, "h1");

        JsonNode stored = api.get(
                        "/api/v1/admin/conversations/" + visit.conversationId() + "/messages", shop.accessToken())
                .body()
                .path("messages")
                .get(0);
        assertThat(stored.path("content").asString()).isEqualTo(html);
    }

    private static String hmac(String secret, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.parley.web;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.security.AccessTokens;
import io.parley.security.ServerKeys;
import io.parley.testing.ChatClient;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Bad input gets a clear answer (a problem, or an error frame) and loses nothing. */
class BadInputIT extends ParleyAppTest {

    @Autowired
    ServerKeys keys;

    private ParleyApi.Organization shop;

    @BeforeEach
    void shop() {
        shop = api.signUp("Bad Input Outfitters");
    }

    @Test
    void answersAFrameThatIsNotJsonWithAnErrorFrameAndKeepsTheConnection() {
        try (ChatClient chat = connect(shop.siteKey())) {
            chat.await("session");
            chat.send("{this is not json");

            assertProblem(chat.await("error").path("problem"), 400, "/problems/invalid-frame");
            chat.send("{\"action\":\"ping\"}");
            assertThat(chat.await("pong")).isNotNull();
        }
    }

    @Test
    void answersAnUnknownActionWithAnErrorFrame() {
        try (ChatClient chat = connect(shop.siteKey())) {
            chat.await("session");
            chat.send("{\"action\":\"dance\"}");

            assertProblem(chat.await("error").path("problem"), 400, "/problems/unknown-action");
        }
    }

    @Test
    void refusesAMessageOverFourThousandCharactersAndStoresNothing() {
        try (ChatClient chat = connect(shop.siteKey())) {
            JsonNode session = chat.await("session");
            chat.sendMessage("x".repeat(4001), "too-long");

            JsonNode error = chat.await("error");
            assertProblem(error.path("problem"), 400, "/problems/message-too-long");
            assertThat(error.path("clientMessageId").asString()).isEqualTo("too-long");
            assertThat(messagesOf(session)).isEmpty();
            chat.sendMessage("x".repeat(4000), "just-right");
            assertThat(chat.await("ack").path("clientMessageId").asString()).isEqualTo("just-right");
        }
    }

    @Test
    void refusesAFrameOver32KilobytesAndStoresNothing() {
        try (ChatClient chat = connect(shop.siteKey())) {
            JsonNode session = chat.await("session");
            chat.send("{\"action\":\"sendMessage\",\"clientMessageId\":\"big\",\"message\":\"" + "é".repeat(17_000)
                    + "\"}");

            assertProblem(chat.await("error").path("problem"), 413, "/problems/frame-too-large");
            chat.send("{\"action\":\"ping\"}");
            chat.await("pong");
            assertThat(messagesOf(session)).isEmpty();
        }
    }

    @Test
    void closesAConnectionWithAnUnknownSiteKeyAfterSayingWhy() {
        try (ChatClient chat = ChatClient.connect(port, "pk_does_not_exist")) {
            assertProblem(chat.await("error").path("problem"), 404, "/problems/not-found");
            assertThat(chat.awaitClose()).isEqualTo(1008);
        }
        assertThat(api.call("POST", "/api/v1/conversations/start", null, Map.of("siteKey", "pk_does_not_exist"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void refusesAForgedOrExpiredVisitorToken() {
        try (ChatClient chat = ChatClient.connect(port, shop.siteKey(), "not.a.token", null, null)) {
            assertProblem(chat.await("error").path("problem"), 401, "/problems/unauthorized");
            assertThat(chat.awaitClose()).isEqualTo(1008);
        }
        assertProblem(api.get("/api/v1/conversations/x/messages", "not.a.token").body(), 401, "/problems/unauthorized");
        assertThat(api.get("/api/v1/conversations/x/messages", null).status()).isEqualTo(401);
    }

    @Test
    void treatsAVisitorTokenOfAnotherConversationAsIfTheConversationDidNotExist() {
        ParleyApi.Visit mine = api.startConversation(shop.siteKey());
        ParleyApi.Visit someoneElses = api.startConversation(shop.siteKey());

        assertProblem(
                api.get("/api/v1/conversations/" + someoneElses.conversationId(), mine.visitorToken())
                        .body(),
                404,
                "/problems/not-found");
        assertThat(api.send(new ParleyApi.Visit(someoneElses.conversationId(), mine.visitorToken()), "hi", null)
                        .status())
                .isEqualTo(404);
        try (ChatClient chat = connect(shop.siteKey(), mine.visitorToken(), someoneElses.conversationId())) {
            assertProblem(chat.await("error").path("problem"), 404, "/problems/not-found");
            assertThat(chat.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void refusesAdminCallsWithoutAValidUnexpiredAccessToken() {
        String expired = new AccessTokens(
                        keys, Duration.ofMinutes(5), Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC))
                .issue("someone", shop.id(), "OWNER", 0)
                .value();
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());

        for (String token : new String[] {null, "garbage", expired, visit.visitorToken()}) {
            ParleyApi.Response response = api.get("/api/v1/admin/organization", token);
            assertProblem(response.body(), 401, "/problems/unauthorized");
        }
        assertThat(api.get("/api/v1/conversations/" + visit.conversationId(), shop.accessToken())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void refusesTheConsoleCookieOnTheAdminApiSoThatNoOtherSiteCanRideOnIt() {
        ParleyApi.Response withCookieOnly = api.call(
                "GET",
                "/api/v1/admin/organization",
                null,
                null,
                Map.of("Cookie", "parley_console=" + shop.accessToken()));

        assertProblem(withCookieOnly.body(), 401, "/problems/unauthorized");
        assertThat(api.get("/api/v1/admin/organization", shop.accessToken()).status())
                .isEqualTo(200);
    }

    @Test
    void refusesASecondSignupWithTheSameEmail() {
        ParleyApi.Response again = api.call(
                "POST",
                "/api/v1/auth/signup",
                null,
                Map.of(
                        "email",
                        shop.email().toUpperCase(),
                        "password",
                        "another long password",
                        "organizationName",
                        "Copycat"));

        assertProblem(again.body(), 409, "/problems/email-taken");
    }

    @Test
    void refusesAPasswordUnderTwelveCharacters() {
        ParleyApi.Response weak = api.call(
                "POST",
                "/api/v1/auth/signup",
                null,
                Map.of("email", "weak@example.com", "password", "short-pw-11", "organizationName", "Weak"));

        assertProblem(weak.body(), 400, "/problems/weak-password");
        assertThat(weak.body().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(api.call(
                                "POST",
                                "/api/v1/auth/login",
                                null,
                                Map.of("email", "weak@example.com", "password", "short-pw-11"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void throttlesSignInAfterRepeatedFailuresEvenWithTheRightPassword() {
        Map<String, String> wrong = Map.of("email", shop.email(), "password", "wrong password guess");
        for (int i = 0; i < 5; i++) {
            assertProblem(
                    api.call("POST", "/api/v1/auth/login", null, wrong).body(), 401, "/problems/invalid-credentials");
        }
        ParleyApi.Response throttled = api.call(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("email", shop.email(), "password", "correct horse battery staple"));

        assertProblem(throttled.body(), 429, "/problems/too-many-login-attempts");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
    }

    @Test
    void answersSignInWithTheSameProblemForAnUnknownEmailAndAWrongPassword() {
        ParleyApi.Response unknown = api.call(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("email", "nobody@example.com", "password", "whatever password"));
        ParleyApi.Response wrong = api.call(
                "POST", "/api/v1/auth/login", null, Map.of("email", shop.email(), "password", "whatever password"));

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().path("detail")).isEqualTo(wrong.body().path("detail"));
        assertThat(unknown.body().path("type")).isEqualTo(wrong.body().path("type"));
    }

    @Test
    void refusesACustomerWhoSendsTooFastWithA429AndKeepsWhatWasAccepted() {
        try (ChatClient chat = connect(shop.siteKey())) {
            JsonNode session = chat.await("session");
            for (int i = 0; i < 12; i++) {
                chat.sendMessage("message " + i, "m" + i);
            }
            JsonNode refused = chat.await(f -> f.path("type").asString().equals("error")
                    && f.path("problem").path("status").asInt() == 429);

            assertThat(refused.path("problem").path("type").asString()).isEqualTo("/problems/rate-limited");
            assertThat(refused.path("problem").path("retryAfter").asLong()).isPositive();
            while (chat.received().stream()
                            .filter(f -> f.path("type").asString().equals("ack"))
                            .count()
                    < 10) {
                chat.await("ack");
            }
            assertThat(messagesOf(session).stream()
                            .filter(m -> m.path("role").asString().equals("customer")))
                    .hasSize(10);
        }
    }

    @Test
    void answersMalformedOrIncompleteRequestBodiesWithFieldErrors() {
        ParleyApi.Response malformed = api.call("POST", "/api/v1/auth/signup", null, "{\"email\":");
        ParleyApi.Response incomplete = api.call("POST", "/api/v1/auth/signup", null, Map.of("email", "a@b.co"));
        ParleyApi.Response badProfile = api.call(
                "PUT",
                "/api/v1/admin/organization/profile",
                shop.accessToken(),
                Map.of("businessName", "", "rules", java.util.List.of("x".repeat(501))));

        assertProblem(malformed.body(), 400, "/problems/malformed-request");
        assertProblem(incomplete.body(), 400, "/problems/validation-failed");
        assertThat(incomplete.body().path("errors").findValuesAsString("field"))
                .contains("password", "organizationName");
        assertProblem(badProfile.body(), 400, "/problems/validation-failed");
        assertThat(badProfile.body().path("errors").findValuesAsString("field")).contains("businessName", "rules[0]");
        assertThat(api.get("/api/v1/admin/organization/prompt", shop.accessToken())
                        .body()
                        .path("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void neverShowsInternalsInAProblem() {
        ParleyApi.Response[] responses = {
            api.call("POST", "/api/v1/auth/signup", null, "[1,2"),
            api.call("GET", "/api/v1/admin/conversations?page=-1", shop.accessToken(), null),
            api.call("GET", "/api/v1/admin/conversations?size=abc", shop.accessToken(), null),
            api.call("DELETE", "/api/v1/auth/login", null, null),
            api.call("POST", "/api/v1/auth/login", null, "<xml/>", Map.of("Content-Type", "application/xml")),
            api.call("GET", "/api/v1/no/such/thing", null, null)
        };
        for (ParleyApi.Response response : responses) {
            assertThat(response.status()).isBetween(400, 499);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.body().path("traceId").asString()).isNotBlank();
            assertThat(response.body().toString())
                    .doesNotContainIgnoringCase("exception")
                    .doesNotContain("java.")
                    .doesNotContain("org.springframework")
                    .doesNotContainIgnoringCase("sql");
        }
    }

    private java.util.List<JsonNode> messagesOf(JsonNode session) {
        JsonNode body = api.get(
                        "/api/v1/conversations/"
                                + session.path("conversationId").asString() + "/messages",
                        session.path("visitorToken").asString())
                .body();
        java.util.List<JsonNode> messages = new java.util.ArrayList<>();
        body.path("messages").forEach(messages::add);
        return messages;
    }
}

package io.parley.conversation.web;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ChatClient;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Customers authenticate {@code /ws/chat} without putting their visitor token in the URL: in the first frame, or in
 * the {@code Sec-WebSocket-Protocol} header; the old {@code ?visitorToken=} still works.
 */
class VisitorTokenOutOfUrlIT extends ParleyAppTest {

    private ParleyApi.Organization shop;

    @BeforeEach
    void shop() {
        shop = api.signUp("Summit Supply");
    }

    @Test
    void theFirstFrameAuthenticatesAndResumesTheVisitorsConversation() {
        Visit visit = oneTurn();

        try (ChatClient chat = ChatClient.connectOffering(port, shop.siteKey(), "parley.v1")) {
            assertThat(chat.protocol()).isEqualTo("parley.v1");
            chat.send("{\"action\":\"authenticate\",\"visitorToken\":\"" + visit.token() + "\",\"conversationId\":\""
                    + visit.conversationId() + "\",\"afterSeq\":0}");

            JsonNode session = chat.await("session");
            assertThat(session.path("conversationId").asString()).isEqualTo(visit.conversationId());
            assertThat(chat.awaitMessage("assistant")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("Echo: Do you ship to Oslo?");
            chat.sendMessage("And to Lisbon?", "m2");
            assertThat(chat.awaitMessage("assistant")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("Echo: And to Lisbon?");
        }
    }

    @Test
    void aNewVisitorAuthenticatesWithoutATokenAndGetsOne() {
        try (ChatClient chat = ChatClient.connectOffering(port, shop.siteKey(), "parley.v1")) {
            chat.send("{\"action\":\"authenticate\"}");

            JsonNode session = chat.await("session");
            assertThat(session.path("visitorToken").asString()).isNotBlank();
            assertThat(session.path("conversationId").asString()).isNotBlank();
        }
    }

    @Test
    void aTokenSubprotocolAuthenticatesWithTheHandshakeAndTheServerAnswersParleyV1() {
        Visit visit = oneTurn();

        try (ChatClient chat =
                ChatClient.connectOffering(port, shop.siteKey(), "parley.v1", "parley.token." + visit.token())) {
            assertThat(chat.protocol()).isEqualTo("parley.v1");
            JsonNode session = chat.await("session");
            assertThat(session.path("conversationId").asString()).isEqualTo(visit.conversationId());
            chat.sendMessage("And to Lisbon?", "m2");
            assertThat(chat.awaitMessage("assistant")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("Echo: And to Lisbon?");
        }
    }

    @Test
    void theTokenInTheUrlStillWorksForOldClients() {
        Visit visit = oneTurn();

        try (ChatClient chat = connect(shop.siteKey(), visit.token(), visit.conversationId())) {
            assertThat(chat.protocol()).isEmpty();
            assertThat(chat.await("session").path("conversationId").asString()).isEqualTo(visit.conversationId());
        }
    }

    @Test
    void aBadTokenInTheFirstFrameGetsAnErrorFrameAndNoConversation() {
        try (ChatClient chat = ChatClient.connectOffering(port, shop.siteKey(), "parley.v1")) {
            chat.send("{\"action\":\"authenticate\",\"visitorToken\":\"eyJhbGciOiJIUzI1NiJ9.e30.forged\"}");

            assertProblem(chat.await("error").path("problem"), 401, "/problems/unauthorized");
            assertThat(chat.awaitClose()).isEqualTo(1008);
        }
        assertThat(conversations()).isZero();
    }

    @Test
    void anotherOrganizationsVisitorTokenOpensNothingHere() {
        ParleyApi.Organization other = api.signUp("Other Shop");
        String theirToken;
        try (ChatClient theirs = connect(other.siteKey())) {
            theirToken = theirs.await("session").path("visitorToken").asString();
        }

        try (ChatClient chat = ChatClient.connectOffering(port, shop.siteKey(), "parley.v1")) {
            chat.send("{\"action\":\"authenticate\",\"visitorToken\":\"" + theirToken + "\"}");

            assertProblem(chat.await("error").path("problem"), 404, "/problems/not-found");
            assertThat(chat.awaitClose()).isEqualTo(1008);
        }
        assertThat(conversations()).isZero();
    }

    @Test
    void framesBeforeAuthenticatingGetAnErrorFrameAndDoNothing() {
        try (ChatClient chat = ChatClient.connectOffering(port, shop.siteKey(), "parley.v1")) {
            chat.sendMessage("Hello before signing in", "m1");
            assertProblem(chat.await("error").path("problem"), 401, "/problems/unauthorized");
            chat.send("{\"action\":\"authenticate\",\"visitorToken\":42}");
            JsonNode invalid = chat.await("error").path("problem");
            assertProblem(invalid, 400, "/problems/validation-failed");
            assertThat(conversations()).isZero();
            assertThat(MODEL.requests()).isEmpty();

            chat.send("{\"action\":\"authenticate\"}");
            assertThat(chat.await("session").path("conversationId").asString()).isNotBlank();
            chat.send("{\"action\":\"authenticate\"}");
            assertProblem(chat.await("error").path("problem"), 409, "/problems/conflict");
        }
    }

    @Test
    void aConnectionThatDoesNotAuthenticateInTimeIsClosedWithAnErrorFrame() {
        try (ChatClient chat = ChatClient.connectOffering(port, shop.siteKey(), "parley.v1")) {
            JsonNode error = chat.await("error").path("problem");

            assertProblem(error, 401, "/problems/unauthorized");
            assertThat(error.path("detail").asString()).contains("Authenticate within 5 seconds");
            assertThat(chat.awaitClose()).isEqualTo(1008);
        }
        assertThat(conversations()).isZero();
    }

    private record Visit(String token, String conversationId) {}

    /** A visitor's first turn over the old URL form; answers their token and conversation. */
    private Visit oneTurn() {
        try (ChatClient chat = connect(shop.siteKey())) {
            JsonNode session = chat.await("session");
            chat.sendMessage("Do you ship to Oslo?", "m1");
            chat.awaitMessage("assistant");
            return new Visit(
                    session.path("visitorToken").asString(),
                    session.path("conversationId").asString());
        }
    }

    private long conversations() {
        return api.get("/api/v1/admin/conversations", shop.accessToken())
                .body()
                .path("total")
                .asLong();
    }
}

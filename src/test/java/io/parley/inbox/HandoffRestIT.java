package io.parley.inbox;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ChatClient;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** People answering a conversation over the admin REST API, and what the customer sees of it live. */
class HandoffRestIT extends ParleyAppTest {

    private ParleyApi.Organization shop;

    @BeforeEach
    void shop() {
        shop = api.signUp("Harbour Kayaks");
    }

    @Test
    void aPersonClaimsAnswersNotesAndResolvesWhileTheCustomerWatchesLive() {
        try (ChatClient customer = connect(shop.siteKey())) {
            String conversation =
                    customer.await("session").path("conversationId").asString();
            customer.sendMessage("Can I change my booking?", "c1");
            customer.awaitMessage("assistant");

            JsonNode claimed = admin("POST", conversation, "/claim", null);
            assertThat(claimed.path("status").asString()).isEqualTo("agent");
            assertThat(claimed.path("assignee").path("id").asString()).isNotBlank();
            JsonNode status = customer.await(f -> "status".equals(f.path("type").asString()));
            assertThat(status.path("status").asString()).isEqualTo("agent");
            assertThat(status.path("reason").asString()).isEqualTo("claimed");
            assertThat(status.path("text").asString()).contains("has joined the conversation");

            ParleyApi.Response sent = api.call(
                    "POST",
                    "/api/v1/admin/conversations/" + conversation + "/messages",
                    shop.accessToken(),
                    Map.of("message", "Hi, I can help with that."));
            assertThat(sent.status()).isEqualTo(201);
            assertThat(sent.body().path("role").asString()).isEqualTo("agent");
            JsonNode fromPerson = customer.awaitMessage("agent");
            assertThat(fromPerson.path("message").path("content").asString()).isEqualTo("Hi, I can help with that.");
            assertThat(fromPerson.path("message").path("author").asString())
                    .isEqualTo(claimed.path("assignee").path("name").asString());

            customer.sendMessage("Thanks! Move it to Friday please", "c2");
            customer.await(f -> "ack".equals(f.path("type").asString())
                    && "c2".equals(f.path("clientMessageId").asString()));
            ParleyApi.Response note = api.call(
                    "POST",
                    "/api/v1/admin/conversations/" + conversation + "/notes",
                    shop.accessToken(),
                    Map.of("text", "Friday is full, offer Saturday"));
            assertThat(note.status()).isEqualTo(201);
            JsonNode resolved = admin("POST", conversation, "/resolve", null);
            assertThat(resolved.path("status").asString()).isEqualTo("resolved");
            customer.await(f -> "status".equals(f.path("type").asString())
                    && "resolved".equals(f.path("status").asString()));

            assertThat(customer.received().toString()).doesNotContain("Friday is full");
            assertThat(MODEL.requests())
                    .as("only the message before the claim reached the model")
                    .hasSize(1);
            JsonNode detail = api.get("/api/v1/admin/inbox/" + conversation, shop.accessToken())
                    .body();
            assertThat(detail.path("notes").get(0).path("content").asString())
                    .isEqualTo("Friday is full, offer Saturday");
            assertThat(detail.path("history").findValuesAsString("reason")).containsExactly("claimed", "resolved");
            assertThat(detail.path("messages").findValuesAsString("role"))
                    .containsExactly("customer", "assistant", "system", "agent", "customer", "system");
            assertThat(detail.path("messages").get(0).path("mood").asString()).isIn("neutral", "positive", "negative");
        }
    }

    @Test
    void theCustomerRatesAResolvedConversationAndLeavesAnEmail() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());
        api.send(visit, "Hello", "c1");
        String path = "/api/v1/conversations/" + visit.conversationId();

        ParleyApi.Response early = api.call("PUT", path + "/rating", visit.visitorToken(), Map.of("score", 5));
        assertProblem(early.body(), 409, "/problems/not-resolved");
        admin("POST", visit.conversationId(), "/resolve", null);
        ParleyApi.Response rated = api.call(
                "PUT", path + "/rating", visit.visitorToken(), Map.of("score", 4, "comment", "Quick and kind"));
        ParleyApi.Response contact =
                api.call("PUT", path + "/contact", visit.visitorToken(), Map.of("email", "kim@example.com"));

        assertThat(rated.status()).isEqualTo(204);
        assertThat(contact.status()).isEqualTo(204);
        JsonNode context = api.get("/api/v1/admin/inbox/" + visit.conversationId(), shop.accessToken())
                .body()
                .path("context");
        assertThat(context.path("rating").path("score").asInt()).isEqualTo(4);
        assertThat(context.path("rating").path("comment").asString()).isEqualTo("Quick and kind");
        assertThat(context.path("contactEmail").asString()).isEqualTo("kim@example.com");
    }

    @Test
    void refusesBadInputWithClearProblems() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());
        api.send(visit, "Hello", "c1");
        String admin = "/api/v1/admin/conversations/" + visit.conversationId();
        String customer = "/api/v1/conversations/" + visit.conversationId();

        assertProblem(
                api.call("POST", admin + "/messages", shop.accessToken(), Map.of("message", "  "))
                        .body(),
                400,
                "/problems/validation-failed");
        assertProblem(
                api.call("POST", admin + "/messages", shop.accessToken(), "{").body(),
                400,
                "/problems/malformed-request");
        assertProblem(
                api.call("POST", admin + "/notes", shop.accessToken(), Map.of("text", "x".repeat(9000)))
                        .body(),
                400,
                "/problems/validation-failed");
        assertProblem(
                api.call("POST", admin + "/assign", shop.accessToken(), Map.of("memberId", "nobody"))
                        .body(),
                400,
                "/problems/validation-failed");
        assertProblem(
                api.call("PUT", customer + "/rating", visit.visitorToken(), Map.of("score", 7))
                        .body(),
                400,
                "/problems/validation-failed");
        assertProblem(
                api.call("PUT", customer + "/contact", visit.visitorToken(), Map.of("email", "not an email"))
                        .body(),
                400,
                "/problems/validation-failed");
        assertProblem(
                api.call("POST", "/api/v1/admin/conversations/not-a-conversation/claim", shop.accessToken(), null)
                        .body(),
                404,
                "/problems/not-found");
        assertThat(api.get("/api/v1/admin/inbox/" + visit.conversationId(), shop.accessToken())
                        .body()
                        .path("history"))
                .as("nothing changed")
                .isEmpty();
    }

    @Test
    void anotherOrganizationNeitherSeesNorTouchesTheConversation() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());
        api.send(visit, "I want a refund", "c1");
        admin("POST", visit.conversationId(), "/claim", null);
        ParleyApi.Organization other = api.signUp("Other Shop");
        String path = "/api/v1/admin/conversations/" + visit.conversationId();

        for (String action : new String[] {"/claim", "/release", "/resolve"}) {
            assertProblem(
                    api.call("POST", path + action, other.accessToken(), null).body(), 404, "/problems/not-found");
        }
        assertProblem(
                api.call("POST", path + "/messages", other.accessToken(), Map.of("message", "hi"))
                        .body(),
                404,
                "/problems/not-found");
        assertProblem(
                api.call("POST", path + "/notes", other.accessToken(), Map.of("text", "hi"))
                        .body(),
                404,
                "/problems/not-found");
        assertProblem(api.get(path + "/suggestion", other.accessToken()).body(), 404, "/problems/not-found");
        assertProblem(
                api.get("/api/v1/admin/inbox/" + visit.conversationId(), other.accessToken())
                        .body(),
                404,
                "/problems/not-found");
        assertThat(api.get("/api/v1/admin/inbox", other.accessToken()).body().path("items"))
                .isEmpty();
        assertThat(api.get("/api/v1/admin/inbox", shop.accessToken()).body().path("items"))
                .hasSize(1);
    }

    @Test
    void suggestsAReplyDraftedByTheOrganizationsModel() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());
        api.send(visit, "Do you rent paddles?", "c1");

        JsonNode suggestion = api.get(
                        "/api/v1/admin/conversations/" + visit.conversationId() + "/suggestion", shop.accessToken())
                .body();

        assertThat(suggestion.path("text").asString()).isEqualTo("Echo: Do you rent paddles?");
        assertThat(MODEL.requests().getLast().body().toString()).contains("drafting the next reply");
    }

    private JsonNode admin(String method, String conversation, String action, Object body) {
        ParleyApi.Response r =
                api.call(method, "/api/v1/admin/conversations/" + conversation + action, shop.accessToken(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }
}

package io.parley.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.team.Teammates;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The inbox's live connection, {@code /ws/agent}, with a real WebSocket client: whose events, bad frames, roles. */
class InboxSocketIT extends ParleyAppTest {

    @Test
    void anotherOrganizationsInboxNeverHearsOfAConversationAndCannotOpenIt() {
        ParleyApi.Organization a = api.signUp("Alpine Goods");
        ParleyApi.Organization b = api.signUp("Beach Supplies");
        try (AgentClient alice = AgentClient.connect(port, a.accessToken());
                AgentClient bob = AgentClient.connect(port, b.accessToken())) {
            alice.await("hello");
            bob.await("hello");

            ParleyApi.Visit visit = waitingConversation(a);
            String id = visit.conversationId();
            JsonNode waiting = alice.await(AgentClient.type("conversation.waiting"));
            assertThat(waiting.path("conversationId").asString()).isEqualTo(id);
            alice.send(Map.of("action", "claim", "conversationId", id, "ref", "c1"));
            assertThat(alice.answer("c1").path("type").asString()).isEqualTo("done");
            alice.send(Map.of("action", "note", "conversationId", id, "text", "Private to Alpine", "ref", "n1"));
            assertThat(alice.answer("n1").path("type").asString()).isEqualTo("done");
            alice.send(Map.of("action", "typing", "conversationId", id));
            assertThat(api.send(visit, "Are you there?", "m2").status()).isEqualTo(200);
            alice.await(f -> f.path("type").asString().equals("conversation.message")
                    && f.path("message").path("content").asString().equals("Are you there?"));

            // Bob's organization has its own customer waiting, and hears of that one only.
            ParleyApi.Visit own = waitingConversation(b);
            assertThat(bob.await(AgentClient.type("conversation.waiting"))
                            .path("conversationId")
                            .asString())
                    .isEqualTo(own.conversationId());
            bob.roundTrip();
            assertThat(bob.all()).extracting(JsonNode::toString).noneMatch(frame -> frame.contains(id));
            assertThat(bob.all().toString()).doesNotContain("Private to Alpine").doesNotContain("Are you there?");

            for (String action : List.of("open", "claim", "release", "resolve", "typing", "suggest")) {
                bob.send(Map.of("action", action, "conversationId", id, "ref", action));
                assertNotFound(bob.answer(action));
            }
            bob.send(Map.of("action", "reply", "conversationId", id, "message", "Hi from Beach", "ref", "r1"));
            assertNotFound(bob.answer("r1"));
            assertThat(api.get("/api/v1/admin/inbox/" + id, b.accessToken()).status())
                    .isEqualTo(404);
            assertThat(api.call("POST", "/api/v1/admin/conversations/" + id + "/claim", b.accessToken(), null)
                            .status())
                    .isEqualTo(404);

            // Alice's customer saw nothing of Bob's attempts.
            JsonNode messages = api.get("/api/v1/conversations/" + id + "/messages", visit.visitorToken())
                    .body()
                    .path("messages");
            assertThat(messages.toString()).doesNotContain("Hi from Beach");
        }
    }

    @Test
    void badFramesAreAnsweredWithProblemsAndTheConnectionStaysOpen() {
        ParleyApi.Organization org = api.signUp("Cedar Tools");
        try (AgentClient agent = AgentClient.connect(port, org.accessToken())) {
            JsonNode hello = agent.await("hello");
            assertThat(hello.path("role").asString()).isEqualTo("owner");

            agent.send("{not json");
            assertProblem(agent.await("error"), 400, "JSON objects");
            agent.send("[1, 2]");
            assertProblem(agent.await("error"), 400, "JSON objects");

            agent.send("{\"action\":\"dance\",\"ref\":\"x1\"}");
            assertProblem(agent.answer("x1"), 400, "Known actions are open, claim");
            agent.send("{\"ref\":\"x2\"}");
            assertProblem(agent.answer("x2"), 400, "Known actions");

            agent.send("{\"action\":\"open\",\"ref\":\"x3\"}");
            assertInvalid(agent.answer("x3"), "conversationId", "must be a conversation's id");
            agent.send("{\"action\":\"claim\",\"conversationId\":42,\"ref\":\"x4\"}");
            assertInvalid(agent.answer("x4"), "conversationId", "must be a conversation's id");
            agent.send("{\"action\":\"open\",\"conversationId\":\"" + "x".repeat(500) + "\",\"ref\":\"x5\"}");
            assertNotFound(agent.answer("x5"));
            agent.send("{\"action\":\"open\",\"conversationId\":\"" + UUID.randomUUID() + "\",\"ref\":\"x6\"}");
            assertNotFound(agent.answer("x6"));

            String id = waitingConversation(org).conversationId();
            agent.await(AgentClient.type("conversation.waiting"));
            agent.send(Map.of("action", "reply", "conversationId", id, "message", "   ", "ref", "x7"));
            assertInvalid(agent.answer("x7"), "message", "must not be empty");
            agent.send(Map.of("action", "note", "conversationId", id, "ref", "x8"));
            assertInvalid(agent.answer("x8"), "text", "must not be empty");
            agent.send(Map.of("action", "assign", "conversationId", id, "memberId", "nobody", "ref", "x9"));
            assertInvalid(agent.answer("x9"), "memberId", "is not a member of your organization");
            agent.send(Map.of("action", "reply", "conversationId", id, "message", "y".repeat(4001), "ref", "x10"));
            assertProblem(agent.answer("x10"), 400, "at most 4,000 characters");
            agent.send("{\"action\":\"note\",\"text\":\"" + "z".repeat(70_000) + "\",\"ref\":\"x11\"}");
            assertProblem(agent.await("error"), 413, "at most 64 KB");

            agent.roundTrip();
            agent.send(Map.of("action", "open", "conversationId", id, "ref", "ok"));
            JsonNode opened = agent.answer("ok");
            assertThat(opened.path("type").asString()).isEqualTo("conversation");
            assertThat(opened.path("conversation")
                            .path("conversation")
                            .path("status")
                            .asString())
                    .as("nothing refused above took the conversation")
                    .isEqualTo("waiting_for_agent");
            assertThat(opened.path("conversation").path("notes")).isEmpty();
        }
    }

    @Test
    void theLongestReplyAndNoteGoThroughInAnyScript() {
        ParleyApi.Organization org = api.signUp("Fjord Kayaks");
        ParleyApi.Visit visit = waitingConversation(org);
        String id = visit.conversationId();
        // Far longer than the socket's 4 KB buffer once encoded: each frame arrives in parts.
        String reply = "Größe ✓ ".repeat(500);
        String note = "注意事项".repeat(2000);
        try (AgentClient agent = AgentClient.connect(port, org.accessToken())) {
            agent.await("hello");
            agent.send(Map.of("action", "reply", "conversationId", id, "message", reply, "ref", "r"));
            JsonNode sent = agent.answer("r");
            assertThat(sent.path("type").asString()).as("%s", sent).isEqualTo("done");
            assertThat(sent.path("result").path("content").asString()).isEqualTo(reply);
            agent.send(Map.of("action", "note", "conversationId", id, "text", note, "ref", "n"));
            JsonNode noted = agent.answer("n");
            assertThat(noted.path("result").path("content").asString()).isEqualTo(note);
        }
        JsonNode messages = api.get("/api/v1/conversations/" + id + "/messages", visit.visitorToken())
                .body()
                .path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asString()).isEqualTo(reply);
    }

    @Test
    void aViewerReadsTheInboxButEveryActionIsForbidden() {
        ParleyApi.Organization org = api.signUp("Dune Outfitters");
        String viewerToken = invite(org, "VIEWER");
        String id = waitingConversation(org).conversationId();
        try (AgentClient viewer = AgentClient.connect(port, viewerToken)) {
            JsonNode hello = viewer.await("hello");
            assertThat(hello.path("role").asString()).isEqualTo("viewer");
            assertThat(hello.path("items").toString()).contains(id);

            viewer.send(Map.of("action", "open", "conversationId", id, "ref", "read"));
            assertThat(viewer.answer("read").path("type").asString()).isEqualTo("conversation");
            for (String action : List.of("claim", "release", "resolve", "suggest", "typing")) {
                viewer.send(Map.of("action", action, "conversationId", id, "ref", action));
                assertProblem(viewer.answer(action), 403, "role");
            }
            viewer.send(Map.of("action", "reply", "conversationId", id, "message", "Hello", "ref", "reply"));
            assertProblem(viewer.answer("reply"), 403, "role");
            viewer.send(Map.of("action", "note", "conversationId", id, "text", "Hm", "ref", "note"));
            assertProblem(viewer.answer("note"), 403, "role");
        }
        assertThat(api.get("/api/v1/admin/inbox/" + id, org.accessToken())
                        .body()
                        .path("conversation")
                        .path("status")
                        .asString())
                .isEqualTo("waiting_for_agent");
    }

    @Test
    void twoPeopleClaimingAtOnceOverRestOneGetsItTheOtherHearsWhoHasIt() throws Exception {
        ParleyApi.Organization org = api.signUp("Elm Bikes");
        String colleague = invite(org, "AGENT");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String id = waitingConversation(org).conversationId();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ParleyApi.Response>> claims = new ArrayList<>();
                for (String token : List.of(org.accessToken(), colleague)) {
                    Callable<ParleyApi.Response> claim = () -> {
                        go.await();
                        return new ParleyApi(port)
                                .call("POST", "/api/v1/admin/conversations/" + id + "/claim", token, null);
                    };
                    claims.add(pool.submit(claim));
                }
                go.countDown();
                List<ParleyApi.Response> answers = new ArrayList<>();
                for (Future<ParleyApi.Response> claim : claims) {
                    answers.add(claim.get(15, TimeUnit.SECONDS));
                }

                assertThat(answers).extracting(ParleyApi.Response::status).containsExactlyInAnyOrder(200, 409);
                ParleyApi.Response won = answers.stream()
                        .filter(r -> r.status() == 200)
                        .findFirst()
                        .orElseThrow();
                ParleyApi.Response lost = answers.stream()
                        .filter(r -> r.status() == 409)
                        .findFirst()
                        .orElseThrow();
                String holder = won.body().path("assignee").path("name").asString();
                assertThat(won.body().path("status").asString()).isEqualTo("agent");
                assertThat(lost.body().path("detail").asString()).startsWith(holder + " is handling");
                assertThat(lost.header("Content-Type")).startsWith("application/problem+json");
                JsonNode history = api.get("/api/v1/admin/inbox/" + id, org.accessToken())
                        .body()
                        .path("history");
                assertThat(history).as("one claim recorded, after the wait").hasSize(2);
                assertThat(history.path(1).path("reason").asString()).isEqualTo("claimed");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A conversation of the organization's that waits for a person: its customer asked for one. */
    private ParleyApi.Visit waitingConversation(ParleyApi.Organization org) {
        ParleyApi.Visit visit = api.startConversation(org.siteKey());
        // Until the platform's own recogniser is on main, the model hands over; with it, no model is called.
        MODEL.script(OpenAiScript.toolCall("call-1", "transfer_to_human", "{\"reason\":\"customer asked\"}"));
        assertThat(api.send(visit, "I want to talk to a person", "m1").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/inbox/" + visit.conversationId(), org.accessToken())
                        .body()
                        .path("conversation")
                        .path("status")
                        .asString())
                .isEqualTo("waiting_for_agent");
        MODEL.reset();
        return visit;
    }

    /** A colleague with this role, through the invitation flow. */
    private String invite(ParleyApi.Organization org, String role) {
        return new Teammates(api).join(org, role).accessToken();
    }

    private static void assertInvalid(JsonNode frame, String field, String message) {
        assertProblem(frame, 400, message);
        assertThat(frame.path("problem").path("errors").path(0).path("field").asString())
                .as("%s", frame)
                .isEqualTo(field);
    }

    private static void assertNotFound(JsonNode frame) {
        assertProblem(frame, 404, "no such conversation");
    }

    private static void assertProblem(JsonNode frame, int status, String detail) {
        assertThat(frame.path("type").asString()).as("%s", frame).isEqualTo("error");
        assertThat(frame.path("problem").path("status").asInt()).as("%s", frame).isEqualTo(status);
        assertThat(frame.path("problem").path("detail").asString())
                .as("%s", frame)
                .containsIgnoringCase(detail);
    }
}

package io.parley.web;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ChatClient;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Organization B's tokens see nothing of organization A's: every endpoint answers as if A's data did not exist. */
class TenantIsolationIT extends ParleyAppTest {

    private ParleyApi.Organization a;
    private ParleyApi.Organization b;
    private ParleyApi.Visit aVisit;
    private String aReplyId;
    private ParleyApi.Visit bVisit;

    @BeforeEach
    void twoOrganizationsWithAConversationEach() {
        a = api.signUp("Alpha Alpine");
        b = api.signUp("Beta Boating");
        api.saveProfile(a, Map.of("businessName", "Alpha Alpine", "rules", List.of("Alpha's secret rule.")));
        aVisit = api.startConversation(a.siteKey());
        aReplyId = api.send(aVisit, "Alpha's customer question", "a1")
                .body()
                .path("reply")
                .path("id")
                .asString();
        bVisit = api.startConversation(b.siteKey());
        api.send(bVisit, "Beta's customer question", "b1");
    }

    @Test
    void adminEndpointsShowOnlyTheCallersOwnOrganization() {
        JsonNode organization =
                api.get("/api/v1/admin/organization", b.accessToken()).body();
        assertThat(organization.path("id").asString()).isEqualTo(b.id());
        assertThat(organization.toString()).doesNotContain("Alpha");
        assertThat(api.get("/api/v1/admin/organization/prompt", b.accessToken())
                        .body()
                        .toString())
                .doesNotContain("Alpha's secret rule.");
        assertThat(api.get("/api/v1/admin/organization/customer-secret", b.accessToken())
                        .body()
                        .path("secret"))
                .isNotEqualTo(api.get("/api/v1/admin/organization/customer-secret", a.accessToken())
                        .body()
                        .path("secret"));
        assertThat(api.get("/api/v1/admin/organization/origins", b.accessToken())
                        .status())
                .isEqualTo(200);

        JsonNode list = api.get("/api/v1/admin/conversations", b.accessToken()).body();
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("items").get(0).path("id").asString()).isEqualTo(bVisit.conversationId());
    }

    @Test
    void anotherOrganizationsConversationIsNotFoundForAdmins() {
        String path = "/api/v1/admin/conversations/" + aVisit.conversationId();

        assertProblem(api.get(path, b.accessToken()).body(), 404, "/problems/not-found");
        assertProblem(api.get(path + "/messages", b.accessToken()).body(), 404, "/problems/not-found");
        assertThat(api.get(path + "/messages", a.accessToken()).body().path("messages"))
                .hasSize(2);
    }

    @Test
    void changingOneOrganizationsSettingsLeavesTheOtherAlone() {
        api.saveProfile(b, Map.of("businessName", "Beta Boating", "rules", List.of("Beta's rule.")));
        api.call(
                "PUT",
                "/api/v1/admin/organization/origins",
                b.accessToken(),
                Map.of("origins", List.of("https://beta.example")));
        api.call("POST", "/api/v1/admin/organization/customer-secret/rotate", b.accessToken(), null);

        JsonNode prompt =
                api.get("/api/v1/admin/organization/prompt", a.accessToken()).body();
        assertThat(prompt.path("prompt").asString())
                .contains("Alpha's secret rule.")
                .doesNotContain("Beta's rule.");
        assertThat(api.get("/api/v1/admin/organization/origins", a.accessToken())
                        .body()
                        .path("origins"))
                .isEmpty();
    }

    @Test
    void anotherOrganizationsVisitorTokenFindsNoneOfItsConversations() {
        String conversation = "/api/v1/conversations/" + aVisit.conversationId();

        assertProblem(api.get(conversation, bVisit.visitorToken()).body(), 404, "/problems/not-found");
        assertProblem(api.get(conversation + "/messages", bVisit.visitorToken()).body(), 404, "/problems/not-found");
        assertProblem(
                api.send(new ParleyApi.Visit(aVisit.conversationId(), bVisit.visitorToken()), "let me in", null)
                        .body(),
                404,
                "/problems/not-found");
        assertProblem(
                api.call(
                                "PUT",
                                "/api/v1/messages/" + aReplyId + "/feedback",
                                bVisit.visitorToken(),
                                Map.of("rating", "down"))
                        .body(),
                404,
                "/problems/not-found");
        assertThat(api.call(
                                "PUT",
                                "/api/v1/messages/" + aReplyId + "/feedback",
                                aVisit.visitorToken(),
                                Map.of("rating", "up"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void anotherOrganizationsVisitorCannotOpenOrResumeItsConversationOverWebSocket() {
        try (ChatClient chat = connect(a.siteKey(), bVisit.visitorToken(), aVisit.conversationId())) {
            assertProblem(chat.await("error").path("problem"), 404, "/problems/not-found");
        }
        try (ChatClient chat = connect(b.siteKey(), bVisit.visitorToken(), bVisit.conversationId())) {
            chat.await("session");
            chat.resume(aVisit.conversationId(), 0);

            assertProblem(chat.await("error").path("problem"), 404, "/problems/not-found");
            assertThat(chat.received().toString()).doesNotContain("Alpha's customer question");
        }
    }
}

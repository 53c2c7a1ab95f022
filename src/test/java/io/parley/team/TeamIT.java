package io.parley.team;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Members, roles and invitations over the admin API, as API.md "People" describes them. */
class TeamIT extends ParleyAppTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anInviteeJoinsWithTheRoleOfTheInvitationAndIsSignedIn() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String email = Teammates.uniqueEmail("grace");

        ParleyApi.Response invited = api.call(
                "POST", "/api/v1/admin/invitations", org.accessToken(), Map.of("email", email, "role", "AGENT"));

        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body().path("id").asString()).isNotBlank();
        String link = invited.body().path("link").asString();
        assertThat(link).startsWith("http://127.0.0.1:" + port + "/console/invitations/");
        assertThat(invited.body().path("mailed").asBoolean()).isFalse();
        Instant expires = Instant.parse(invited.body().path("expiresAt").asString());
        assertThat(Duration.between(Instant.now(), expires))
                .isBetween(Duration.ofDays(7).minusMinutes(5), Duration.ofDays(7));
        assertThat(api.get("/api/v1/admin/invitations", org.accessToken())
                        .body()
                        .path("items")
                        .toString())
                .contains(email, "AGENT");

        ParleyApi.Response joined = api.call(
                "POST",
                "/api/v1/auth/invitations/" + Teammates.tokenOf(link) + "/accept",
                null,
                Map.of("name", "Grace Hopper", "password", Teammates.PASSWORD));

        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.body().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(joined.body().path("user").path("email").asString()).isEqualTo(email);
        assertThat(joined.body().path("user").path("name").asString()).isEqualTo("Grace Hopper");
        assertThat(joined.body().path("user").path("role").asString()).isEqualTo("AGENT");
        assertThat(joined.body().path("organization").path("id").asString()).isEqualTo(org.id());
        String agentToken = joined.body().path("accessToken").asString();
        JsonNode members = api.get("/api/v1/admin/members", agentToken).body().path("items");
        assertThat(members).hasSize(2);
        assertThat(members.findValuesAsString("email")).containsExactlyInAnyOrder(org.email(), email);
        assertThat(members.toString()).contains("Grace Hopper");
        assertThat(api.get("/api/v1/admin/invitations", org.accessToken())
                        .body()
                        .path("items"))
                .isEmpty();
        assertThat(api.call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", Teammates.PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anInvitationLinkWorksOnceAndUnknownOrExpiredLinksSaySo() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String token = new Teammates(api).invite(org, Teammates.uniqueEmail("once"), "VIEWER");
        Map<String, String> body = Map.of("name", "Ada", "password", Teammates.PASSWORD);
        assertThat(api.call("POST", "/api/v1/auth/invitations/" + token + "/accept", null, body)
                        .status())
                .isEqualTo(200);

        ParleyApi.Response again = api.call("POST", "/api/v1/auth/invitations/" + token + "/accept", null, body);
        assertProblem(again.body(), 410, "/problems/link-expired");
        assertThat(again.body().path("detail").asString()).contains("already used");

        ParleyApi.Response unknown =
                api.call("POST", "/api/v1/auth/invitations/" + "x".repeat(43) + "/accept", null, body);
        assertProblem(unknown.body(), 404, "/problems/not-found");
        assertProblem(
                api.call("POST", "/api/v1/auth/invitations/short/accept", null, body)
                        .body(),
                404,
                "/problems/not-found");

        String late = new Teammates(api).invite(org, Teammates.uniqueEmail("late"), "VIEWER");
        jdbc.sql("UPDATE invitations SET expires_at = created_at WHERE organization_id = ? AND accepted_at IS NULL")
                .param(org.id())
                .update();
        ParleyApi.Response expired = api.call("POST", "/api/v1/auth/invitations/" + late + "/accept", null, body);
        assertProblem(expired.body(), 410, "/problems/link-expired");
        assertThat(expired.body().path("detail").asString()).contains("expired");
    }

    @Test
    void invitingAgainReplacesTheEarlierLinkAndWithdrawingEndsIt() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        Teammates team = new Teammates(api);
        String email = Teammates.uniqueEmail("twice");
        String first = team.invite(org, email, "VIEWER");
        String second = team.invite(org, email, "ADMIN");
        Map<String, String> body = Map.of("name", "Ada", "password", Teammates.PASSWORD);

        assertThat(api.call("POST", "/api/v1/auth/invitations/" + first + "/accept", null, body)
                        .status())
                .isEqualTo(404);
        JsonNode pending =
                api.get("/api/v1/admin/invitations", org.accessToken()).body().path("items");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).path("role").asString()).isEqualTo("ADMIN");

        String id = pending.get(0).path("id").asString();
        assertThat(api.call("DELETE", "/api/v1/admin/invitations/" + id, org.accessToken(), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.call("POST", "/api/v1/auth/invitations/" + second + "/accept", null, body)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anEmailThatAlreadyHasAnAccountCannotBeInvited() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        ParleyApi.Organization other = api.signUp("Other Shop");

        ParleyApi.Response self = api.call(
                "POST", "/api/v1/admin/invitations", org.accessToken(), Map.of("email", org.email(), "role", "ADMIN"));
        assertProblem(self.body(), 409, "/problems/email-taken");
        assertThat(self.body().path("detail").asString()).contains("already a member of your organization");

        ParleyApi.Response elsewhere = api.call(
                "POST",
                "/api/v1/admin/invitations",
                org.accessToken(),
                Map.of("email", other.email().toUpperCase(java.util.Locale.ROOT), "role", "ADMIN"));
        assertProblem(elsewhere.body(), 409, "/problems/email-taken");
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemovedButAnotherOwnerCan() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String ownerId = memberId(org, org.email());

        ParleyApi.Response demote =
                api.call("PUT", "/api/v1/admin/members/" + ownerId, org.accessToken(), Map.of("role", "ADMIN"));
        assertProblem(demote.body(), 409, "/problems/last-owner");
        ParleyApi.Response remove = api.call("DELETE", "/api/v1/admin/members/" + ownerId, org.accessToken(), null);
        assertProblem(remove.body(), 409, "/problems/last-owner");

        Teammates.Joined second = new Teammates(api).join(org, "ADMIN");
        ParleyApi.Response promoted =
                api.call("PUT", "/api/v1/admin/members/" + second.id(), org.accessToken(), Map.of("role", "owner"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.body().path("role").asString()).isEqualTo("OWNER");
        assertThat(promoted.body().path("name").asString()).isEqualTo(second.name());

        assertThat(api.call("PUT", "/api/v1/admin/members/" + ownerId, second.accessToken(), Map.of("role", "VIEWER"))
                        .status())
                .isEqualTo(200);
        ParleyApi.Response lastNow =
                api.call("DELETE", "/api/v1/admin/members/" + second.id(), second.accessToken(), null);
        assertProblem(lastNow.body(), 409, "/problems/last-owner");
    }

    @Test
    void aRoleChangeOrRemovalTakesEffectOnTokensAlreadyIssued() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        Teammates.Joined admin = new Teammates(api).join(org, "ADMIN");
        Map<String, Object> profile = Map.of("businessName", "Bright Bikes");
        assertThat(api.call("PUT", "/api/v1/admin/organization/profile", admin.accessToken(), profile)
                        .status())
                .isEqualTo(200);

        api.call("PUT", "/api/v1/admin/members/" + admin.id(), org.accessToken(), Map.of("role", "VIEWER"));

        ParleyApi.Response refused =
                api.call("PUT", "/api/v1/admin/organization/profile", admin.accessToken(), profile);
        assertProblem(refused.body(), 403, "/problems/forbidden");
        assertThat(refused.body().path("detail").asString()).isEqualTo("Your role does not allow this.");
        assertThat(api.get("/api/v1/admin/organization", admin.accessToken()).status())
                .isEqualTo(200);

        assertThat(api.call("DELETE", "/api/v1/admin/members/" + admin.id(), org.accessToken(), null)
                        .status())
                .isEqualTo(204);
        assertProblem(api.get("/api/v1/admin/organization", admin.accessToken()).body(), 401, "/problems/unauthorized");
        assertThat(api.call(
                                "POST",
                                "/api/v1/auth/login",
                                null,
                                Map.of("email", admin.email(), "password", Teammates.PASSWORD))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void membersShowWhenTheyWereLastSeen() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        Teammates.Joined viewer = new Teammates(api).join(org, "VIEWER");
        JsonNode before = member(org, viewer.email());
        assertThat(before.path("lastSeenAt").isNull()).isTrue();

        api.get("/api/v1/admin/organization", viewer.accessToken());

        Instant seen =
                Instant.parse(member(org, viewer.email()).path("lastSeenAt").asString());
        assertThat(seen).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void signUpTakesAnOwnerNameOrUsesTheEmailsLocalPart() {
        ParleyApi.Response named = api.call(
                "POST",
                "/api/v1/auth/signup",
                null,
                Map.of(
                        "email",
                        Teammates.uniqueEmail("ada"),
                        "password",
                        Teammates.PASSWORD,
                        "organizationName",
                        "Named",
                        "name",
                        "  Ada Lovelace "));
        assertThat(named.body().path("user").path("name").asString()).isEqualTo("Ada Lovelace");

        ParleyApi.Organization unnamed = api.signUp("Unnamed");
        assertThat(member(unnamed, unnamed.email()).path("name").asString())
                .isEqualTo(unnamed.email().substring(0, unnamed.email().indexOf('@')));
    }

    @Test
    void anotherOrganizationsMembersAndInvitationsAnswerNotFound() {
        ParleyApi.Organization a = api.signUp("Alpha Alpine");
        ParleyApi.Organization b = api.signUp("Beta Boating");
        Teammates.Joined aAgent = new Teammates(api).join(a, "AGENT");
        new Teammates(api).invite(a, Teammates.uniqueEmail("pending"), "VIEWER");
        String aInvitation = api.get("/api/v1/admin/invitations", a.accessToken())
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();

        assertThat(api.get("/api/v1/admin/members", b.accessToken()).body().toString())
                .doesNotContain(a.email(), aAgent.email());
        assertThat(api.get("/api/v1/admin/invitations", b.accessToken()).body().path("items"))
                .isEmpty();
        assertProblem(
                api.call("PUT", "/api/v1/admin/members/" + aAgent.id(), b.accessToken(), Map.of("role", "OWNER"))
                        .body(),
                404,
                "/problems/not-found");
        assertProblem(
                api.call("DELETE", "/api/v1/admin/members/" + aAgent.id(), b.accessToken(), null)
                        .body(),
                404,
                "/problems/not-found");
        assertProblem(
                api.call("DELETE", "/api/v1/admin/invitations/" + aInvitation, b.accessToken(), null)
                        .body(),
                404,
                "/problems/not-found");
        assertThat(member(a, aAgent.email()).path("role").asString()).isEqualTo("AGENT");
        assertThat(api.get("/api/v1/admin/invitations", a.accessToken()).body().path("items"))
                .hasSize(1);
    }

    @Test
    void badInputIsRefusedWithAProblemNamingTheField() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String token = org.accessToken();

        assertField(
                api.call("POST", "/api/v1/admin/invitations", token, Map.of("email", "x@example.com", "role", "BOSS")),
                "role");
        assertField(
                api.call("POST", "/api/v1/admin/invitations", token, Map.of("email", "not an email", "role", "AGENT")),
                "email");
        assertField(api.call("POST", "/api/v1/admin/invitations", token, Map.of("role", "AGENT")), "email");
        assertField(
                api.call("PUT", "/api/v1/admin/members/" + memberId(org, org.email()), token, Map.of("role", "")),
                "role");
        assertThat(api.call("POST", "/api/v1/admin/invitations", token, "{not json")
                        .status())
                .isEqualTo(400);

        String invitation = new Teammates(api).invite(org, Teammates.uniqueEmail("bad"), "AGENT");
        String accept = "/api/v1/auth/invitations/" + invitation + "/accept";
        assertField(api.call("POST", accept, null, Map.of("password", Teammates.PASSWORD)), "name");
        assertField(api.call("POST", accept, null, Map.of("name", "Ada")), "password");
        assertField(
                api.call("POST", accept, null, Map.of("name", "x".repeat(101), "password", Teammates.PASSWORD)),
                "name");
        ParleyApi.Response weak = api.call("POST", accept, null, Map.of("name", "Ada", "password", "short"));
        assertProblem(weak.body(), 400, "/problems/weak-password");
        assertThat(weak.body().path("errors").toString()).contains("password");

        assertThat(api.call("POST", accept, null, Map.of("name", "Ada", "password", Teammates.PASSWORD))
                        .status())
                .as("a refused attempt leaves the invitation usable")
                .isEqualTo(200);
    }

    private static void assertField(ParleyApi.Response response, String field) {
        assertProblem(response.body(), 400, "/problems/validation-failed");
        assertThat(response.body().path("errors").findValuesAsString("field"))
                .as(response.body().toString())
                .containsExactly(field);
    }

    private JsonNode member(ParleyApi.Organization org, String email) {
        List<JsonNode> items = api.get("/api/v1/admin/members", org.accessToken())
                .body()
                .path("items")
                .valueStream()
                .filter(m -> m.path("email").asString().equals(email))
                .toList();
        assertThat(items).hasSize(1);
        return items.getFirst();
    }

    private String memberId(ParleyApi.Organization org, String email) {
        return member(org, email).path("id").asString();
    }
}

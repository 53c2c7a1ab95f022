package io.parley.team;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.security.AccessTokens;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Signing out over the API ({@code POST /api/v1/auth/logout}): the token stops working at once, everywhere ends every
 * token of the member and nobody else's, a new password does the same, and a token is good only for a member who
 * still belongs to the organization it names.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignOutIT extends ParleyAppTest {

    private static final Pattern LINK = Pattern.compile("/console/password-reset/([A-Za-z0-9_-]{43})");
    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    AccessTokens tokens;

    @Test
    void signingOutEndsThatTokenAtOnceAndNoOtherOfTheMember() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String other = login(org.email(), PASSWORD);
        assertThat(members(org.accessToken())).isEqualTo(200);

        ParleyApi.Response signedOut = api.call("POST", "/api/v1/auth/logout", org.accessToken(), null);

        assertThat(signedOut.status()).isEqualTo(204);
        ParleyApi.Response refused = api.get("/api/v1/admin/members", org.accessToken());
        assertProblem(refused.body(), 401, "/problems/unauthorized");
        assertThat(members(other)).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/auth/logout", org.accessToken(), null)
                        .status())
                .as("a signed-out token cannot sign out again")
                .isEqualTo(401);
    }

    @Test
    void signingOutEverywhereEndsEveryTokenOfTheMemberButNoOtherMembers() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String second = login(org.email(), PASSWORD);
        Teammates.Joined agent = new Teammates(api).join(org, "AGENT");
        ParleyApi.Organization elsewhere = api.signUp("Other Shop");

        ParleyApi.Response signedOut = api.call("POST", "/api/v1/auth/logout?everywhere=true", org.accessToken(), null);

        assertThat(signedOut.status()).isEqualTo(204);
        assertThat(members(org.accessToken())).isEqualTo(401);
        assertThat(members(second)).isEqualTo(401);
        assertThat(members(agent.accessToken())).isEqualTo(200);
        assertThat(members(elsewhere.accessToken())).isEqualTo(200);
        assertThat(members(login(org.email(), PASSWORD)))
                .as("signing in again works at once")
                .isEqualTo(200);
    }

    @Test
    void everyRoleMaySignOut() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        Teammates.Joined viewer = new Teammates(api).join(org, "VIEWER");

        assertThat(api.call("POST", "/api/v1/auth/logout", viewer.accessToken(), null)
                        .status())
                .isEqualTo(204);
        assertThat(members(viewer.accessToken())).isEqualTo(401);
        assertThat(members(org.accessToken())).isEqualTo(200);
    }

    @Test
    void aNewPasswordEndsEveryTokenIssuedBefore(CapturedOutput output) {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String second = login(org.email(), PASSWORD);
        api.call("POST", "/api/v1/auth/password-reset", null, Map.of("email", org.email()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> LINK.matcher(output.getAll()).find());
        Matcher link = LINK.matcher(output.getAll());
        assertThat(link.find()).isTrue();

        assertThat(api.call(
                                "POST",
                                "/api/v1/auth/password-reset/" + link.group(1),
                                null,
                                Map.of("password", "a brand new passphrase"))
                        .status())
                .isEqualTo(204);

        assertThat(members(org.accessToken())).isEqualTo(401);
        assertThat(members(second)).isEqualTo(401);
        assertThat(members(login(org.email(), "a brand new passphrase"))).isEqualTo(200);
    }

    @Test
    void aRemovedMembersTokenIsRefusedAtOnce() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        Teammates.Joined agent = new Teammates(api).join(org, "AGENT");
        assertThat(members(agent.accessToken())).isEqualTo(200);

        assertThat(api.call("DELETE", "/api/v1/admin/members/" + agent.id(), org.accessToken(), null)
                        .status())
                .isEqualTo(204);

        assertThat(members(agent.accessToken())).isEqualTo(401);
        assertThat(api.call("POST", "/api/v1/auth/logout", agent.accessToken(), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aTokenNamingAnotherOrganizationThanTheMembersIsRefused() {
        ParleyApi.Organization mine = api.signUp("Bright Bikes");
        ParleyApi.Organization theirs = api.signUp("Other Shop");
        String ownerId = api.get("/api/v1/admin/members", mine.accessToken())
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        // Validly signed (as a leaked key or a bug might allow), but the member does not belong to that organization.
        String crossed = tokens.issue(ownerId, theirs.id(), "OWNER", 0).value();

        ParleyApi.Response refused = api.get("/api/v1/admin/members", crossed);

        assertProblem(refused.body(), 401, "/problems/unauthorized");
        assertThat(api.call("POST", "/api/v1/auth/logout?everywhere=true", crossed, null)
                        .status())
                .isEqualTo(401);
        assertThat(members(mine.accessToken())).isEqualTo(200);
    }

    @Test
    void signingOutWithoutATokenOrWithABadFlagIsRefused() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");

        assertProblem(api.call("POST", "/api/v1/auth/logout", null, null).body(), 401, "/problems/unauthorized");
        assertProblem(
                api.call("POST", "/api/v1/auth/logout", "not.a.token", null).body(), 401, "/problems/unauthorized");
        ParleyApi.Response bad = api.call("POST", "/api/v1/auth/logout?everywhere=maybe", org.accessToken(), null);
        assertProblem(bad.body(), 400, "/problems/validation-failed");
        assertThat(members(org.accessToken()))
                .as("a refused sign-out ends nothing")
                .isEqualTo(200);
    }

    private int members(String token) {
        return api.get("/api/v1/admin/members", token).status();
    }

    private String login(String email, String password) {
        ParleyApi.Response response =
                api.call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body().path("accessToken").asString();
    }
}

package io.parley.team;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forgotten passwords over the API, in embedded mode with no mail server: the link goes to the log (and nowhere else
 * would it be logged), the answer never says whether the email has an account.
 */
@ExtendWith(OutputCaptureExtension.class)
class PasswordResetIT extends ParleyAppTest {

    private static final Pattern LINK = Pattern.compile("(http://\\S+/console/password-reset/([A-Za-z0-9_-]{43}))");
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMemberChoosesANewPasswordWithTheLoggedLinkOnce(CapturedOutput output) {
        ParleyApi.Organization org = api.signUp("Bright Bikes");

        ParleyApi.Response asked = api.call("POST", "/api/v1/auth/password-reset", null, Map.of("email", org.email()));

        assertThat(asked.status()).isEqualTo(202);
        assertThat(asked.body().isMissingNode()).isTrue();
        String token = awaitLink(output, 1);
        assertThat(output.getAll()).contains("embedded mode").doesNotContain(org.email());

        ParleyApi.Response weak = reset(token, "short");
        assertProblem(weak.body(), 400, "/problems/weak-password");

        assertThat(reset(token, NEW_PASSWORD).status()).isEqualTo(204);
        assertThat(login(org.email(), NEW_PASSWORD)).isEqualTo(200);
        assertThat(login(org.email(), "correct horse battery staple")).isEqualTo(401);

        ParleyApi.Response again = reset(token, "yet another passphrase");
        assertProblem(again.body(), 410, "/problems/link-expired");
        assertThat(again.body().path("detail").asString()).contains("already used");
        assertProblem(reset("y".repeat(43), NEW_PASSWORD).body(), 404, "/problems/not-found");
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoLink(CapturedOutput output) {
        ParleyApi.Organization org = api.signUp("Bright Bikes");

        ParleyApi.Response unknown =
                api.call("POST", "/api/v1/auth/password-reset", null, Map.of("email", Teammates.uniqueEmail("nobody")));
        ParleyApi.Response known = api.call("POST", "/api/v1/auth/password-reset", null, Map.of("email", org.email()));

        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body().isMissingNode()).isTrue();
        assertThat(known.status()).isEqualTo(202);
        // The known email's link is logged; no link is ever made for the unknown one (it has no member to open).
        awaitLink(output, 1);
        assertThat(LINK.matcher(output.getAll()).results().count()).isEqualTo(1);
    }

    @Test
    void usingOneLinkEndsTheMembersOtherLinksAndAnExpiredLinkSaysSo(CapturedOutput output) {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        api.call("POST", "/api/v1/auth/password-reset", null, Map.of("email", org.email()));
        String first = awaitLink(output, 1);
        api.call("POST", "/api/v1/auth/password-reset", null, Map.of("email", org.email()));
        String second = awaitLink(output, 2);

        assertThat(reset(second, NEW_PASSWORD).status()).isEqualTo(204);
        assertProblem(reset(first, "yet another passphrase").body(), 410, "/problems/link-expired");

        api.call("POST", "/api/v1/auth/password-reset", null, Map.of("email", org.email()));
        String third = awaitLink(output, 3);
        jdbc.sql("UPDATE password_resets SET expires_at = created_at WHERE used_at IS NULL")
                .update();
        ParleyApi.Response expired = reset(third, "yet another passphrase");
        assertProblem(expired.body(), 410, "/problems/link-expired");
        assertThat(expired.body().path("detail").asString()).contains("expired");
    }

    @Test
    void badInputIsRefusedWithAProblemNamingTheField() {
        for (Object body : new Object[] {Map.of("email", "not an email"), Map.of(), "{oops"}) {
            ParleyApi.Response response = api.call("POST", "/api/v1/auth/password-reset", null, body);
            assertThat(response.status()).as(String.valueOf(body)).isEqualTo(400);
        }
        ParleyApi.Response noEmail = api.call("POST", "/api/v1/auth/password-reset", null, Map.of());
        assertProblem(noEmail.body(), 400, "/problems/validation-failed");
        assertThat(noEmail.body().path("errors").toString()).contains("email");
        ParleyApi.Response noPassword =
                api.call("POST", "/api/v1/auth/password-reset/" + "z".repeat(43), null, Map.of());
        assertProblem(noPassword.body(), 400, "/problems/validation-failed");
        assertThat(noPassword.body().path("errors").toString()).contains("password");
    }

    private ParleyApi.Response reset(String token, String password) {
        return api.call("POST", "/api/v1/auth/password-reset/" + token, null, Map.of("password", password));
    }

    private int login(String email, String password) {
        return api.call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password))
                .status();
    }

    /** The token of the {@code n}th reset link logged during this test. */
    private static String awaitLink(CapturedOutput output, int n) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> LINK.matcher(output.getAll()).results().count() >= n);
        Matcher links = LINK.matcher(output.getAll());
        String token = null;
        for (int i = 0; i < n && links.find(); i++) {
            token = links.group(2);
        }
        return token;
    }
}

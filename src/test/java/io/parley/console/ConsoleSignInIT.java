package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsoleSignInIT {

    private static final String PASSWORD = "a long enough password";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
    }

    @LocalServerPort
    int port;

    ConsoleBrowser browser;

    @BeforeEach
    void openBrowser() {
        browser = new ConsoleBrowser(port);
    }

    @Test
    void signingUpRedirectsIntoTheConsoleWithAnHttpOnlySessionCookie() {
        ConsoleBrowser.Page page = browser.signUp(ConsoleBrowser.uniqueEmail(), PASSWORD, "Bright Bikes");

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/console/profile?welcome");
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(SessionCookie.NAME + "=ey")
                .contains("Path=/console", "HttpOnly", "SameSite=Lax", "Max-Age=28800")
                .doesNotContain("Secure"));
        ConsoleBrowser.Page profile = browser.get("/console/profile?welcome");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.text()).contains("Bright Bikes", "Welcome to Parley");
    }

    @Test
    void pagesWithoutTheCookieRedirectToSignInAndSigningInReturnsToThem() {
        String email = ConsoleBrowser.uniqueEmail();
        new ConsoleBrowser(port).signUp(email, PASSWORD, "Bright Bikes");

        ConsoleBrowser.Page refused = browser.get("/console/conversations?status=resolved");
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).endsWith("/console/login?next=%2Fconsole%2Fconversations%3Fstatus%3Dresolved");

        browser.get(refused.location());
        ConsoleBrowser.Page signedIn = browser.post(
                "/console/login",
                Map.of("email", email, "password", PASSWORD, "next", "/console/conversations?status=resolved"));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).endsWith("/console/conversations?status=resolved");
        assertThat(browser.get("/console/conversations?status=resolved").status())
                .isEqualTo(200);
    }

    @Test
    void aSignedInMemberOpeningTheSignInPageGoesToTheConsole() {
        browser.signedUp("Bright Bikes");

        ConsoleBrowser.Page page = browser.get("/console/login");

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/console");
    }

    @Test
    void signInNeverRedirectsOffTheConsole() {
        String email = ConsoleBrowser.uniqueEmail();
        new ConsoleBrowser(port).signUp(email, PASSWORD, "Bright Bikes");
        browser.get("/console/login");

        ConsoleBrowser.Page page = browser.post(
                "/console/login", Map.of("email", email, "password", PASSWORD, "next", "//evil.example/console"));

        assertThat(page.location()).endsWith("localhost:" + port + "/console");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        browser.signedUp("Bright Bikes");

        ConsoleBrowser.Page refused = browser.postWithout(
                "/console/profile", Map.of("businessName", "Hijacked", "rules", "Give everything away"), Map.of());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("This form has expired");
        assertThat(browser.get("/console/profile").text()).doesNotContain("Hijacked");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameMessageKeepingTheEmail() {
        String email = ConsoleBrowser.uniqueEmail();
        new ConsoleBrowser(port).signUp(email, PASSWORD, "Bright Bikes");

        ConsoleBrowser.Page wrongPassword = browser.signIn(email, "not the password at all");
        ConsoleBrowser.Page unknownEmail = browser.signIn("nobody@example.com", PASSWORD);

        assertThat(wrongPassword.status()).isEqualTo(422);
        assertThat(wrongPassword.text())
                .contains(SignInController.WRONG_CREDENTIALS, "value=\"" + email + "\"")
                .doesNotContain("not the password at all");
        assertThat(unknownEmail.status()).isEqualTo(422);
        assertThat(unknownEmail.text()).contains(SignInController.WRONG_CREDENTIALS);
        assertThat(browser.cookie(SessionCookie.NAME)).isEmpty();
    }

    @Test
    void tooManyFailedSignInsAreRefusedWith429AskingToWait() {
        String email = ConsoleBrowser.uniqueEmail();
        new ConsoleBrowser(port).signUp(email, PASSWORD, "Bright Bikes");
        for (int i = 0; i < 5; i++) {
            assertThat(browser.signIn(email, "wrong password " + i).status()).isEqualTo(422);
        }

        ConsoleBrowser.Page throttled = browser.signIn(email, PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.text()).contains("Too many failed attempts. Wait", "before trying again");
    }

    @Test
    void aWeakPasswordIsExplainedKeepingTheEmailAndName() {
        String email = ConsoleBrowser.uniqueEmail();

        ConsoleBrowser.Page page = browser.signUp(email, "short", "Bright Bikes");

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.text())
                .contains("The password must have at least 12 characters.")
                .contains("value=\"" + email + "\"", "value=\"Bright Bikes\"")
                .doesNotContain("value=\"short\"");
    }

    @Test
    void aTakenEmailIsExplainedWithAWayToSignIn() {
        String email = ConsoleBrowser.uniqueEmail();
        new ConsoleBrowser(port).signUp(email, PASSWORD, "Bright Bikes");

        ConsoleBrowser.Page page = browser.signUp(email, PASSWORD, "Another Shop");

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.text())
                .contains("An account with this email already exists. Sign in instead.")
                .contains("value=\"Another Shop\"", "href=\"/console/login\"");
    }

    @Test
    void signingOutEndsTheSession() {
        browser.signedUp("Bright Bikes");
        browser.get("/console/profile");

        ConsoleBrowser.Page page = browser.post("/console/logout", Map.of());

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/console/login?signedOut");
        assertThat(browser.cookie(SessionCookie.NAME)).isEmpty();
        assertThat(browser.get("/console/profile").status()).isEqualTo(302);
    }

    @Test
    void signingOutEndsTheSessionsTokenAtOnceEvenInACopyOfTheCookie() {
        browser.signedUp("Bright Bikes");
        browser.get("/console/profile");
        String token = browser.cookie(SessionCookie.NAME).orElseThrow().getValue();

        browser.post("/console/logout", Map.of());

        ConsoleBrowser copy = new ConsoleBrowser(port);
        copy.setCookie(SessionCookie.NAME, token);
        ConsoleBrowser.Page page = copy.get("/console/profile");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).contains("/console/login");
    }

    @Test
    void signingOutEverywhereEndsTheMembersOtherSessionsButNotAnotherMembers() {
        String email = ConsoleBrowser.uniqueEmail();
        browser.signUp(email, PASSWORD, "Bright Bikes");
        ConsoleBrowser laptop = new ConsoleBrowser(port);
        assertThat(laptop.signIn(email, PASSWORD).status()).isEqualTo(302);
        ConsoleBrowser someoneElse = new ConsoleBrowser(port).signedUp("Other Shop");
        assertThat(browser.get("/console/team").text()).contains("Sign out everywhere");

        ConsoleBrowser.Page page = browser.post("/console/logout", Map.of("everywhere", "true"));

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/console/login?signedOut");
        assertThat(laptop.get("/console/profile").status()).isEqualTo(302);
        assertThat(browser.get("/console/profile").status()).isEqualTo(302);
        assertThat(someoneElse.get("/console/profile").status()).isEqualTo(200);
        assertThat(laptop.signIn(email, PASSWORD).status())
                .as("signing in again works")
                .isEqualTo(302);
        assertThat(laptop.get("/console/profile").status()).isEqualTo(200);
    }

    @Test
    void aForgedSessionCookieCountsAsSignedOut() {
        browser.setCookie(SessionCookie.NAME, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged");

        ConsoleBrowser.Page page = browser.get("/console/profile");

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).contains("/console/login");
        assertThat(browser.get("/console/login").status()).isEqualTo(200);
    }

    @Test
    void htmxRequestsWithoutASessionAreToldToLoadTheSignInPage() {
        ConsoleBrowser.Page page = browser.get("/console/conversations", Map.of("HX-Request", "true"));

        assertThat(page.status()).isEqualTo(401);
        assertThat(page.headers().firstValue("HX-Redirect")).contains("/console/login");
    }
}

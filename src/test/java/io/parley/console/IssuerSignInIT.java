package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in through an OpenID Connect issuer, against a real one started here (mock-oauth2-server: discovery, JWKS,
 * authorization code with PKCE, signed RS256 tokens), over real HTTP: the console's sign-in end to end, and the admin
 * API with the issuer's access tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IssuerSignInIT {

    private static final String ISSUER_ID = "parley-idp";
    private static final String CLIENT_ID = "parley-console";
    private static final String AUDIENCE = "parley-api";
    private static final MockOAuth2Server ISSUER = new MockOAuth2Server();

    static {
        ISSUER.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
        registry.add("parley.security.oidc.issuer-uri", () -> ISSUER.issuerUrl(ISSUER_ID)
                .toString());
        registry.add("parley.security.oidc.client-id", () -> CLIENT_ID);
        registry.add("parley.security.oidc.client-secret", () -> "the console's secret");
        registry.add("parley.security.oidc.audience", () -> AUDIENCE);
        registry.add("parley.security.oidc.display-name", () -> "Example SSO");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.shutdown();
    }

    @LocalServerPort
    int port;

    ParleyApi api;

    @BeforeEach
    void client() {
        api = new ParleyApi(port);
    }

    @Test
    void theSignInPageOffersTheIssuerBesideThePassword() {
        ConsoleBrowser.Page page = new ConsoleBrowser(port).get("/console/login");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("Sign in with Example SSO", "href=\"/oauth2/authorization/oidc\"", "name=\"password\"");
    }

    @Test
    void aMemberSignsInThroughTheIssuerWithPkceAndGetsTheConsoleSession() throws Exception {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        ConsoleBrowser browser = new ConsoleBrowser(port);

        ConsoleBrowser.Page start = browser.get("/oauth2/authorization/oidc");
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.location())
                .startsWith(ISSUER.authorizationEndpointUrl(ISSUER_ID).toString())
                .contains("client_id=" + CLIENT_ID, "code_challenge_method=S256", "nonce=", "scope=openid");
        String challenge = parameter(start.location(), "code_challenge");
        ConsoleBrowser.Page back = returnFromIssuer(browser, start, "sub-" + UUID.randomUUID(), verified(org.email()));

        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).endsWith("/console");
        assertThat(back.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith(SessionCookie.NAME + "=ey")
                        .contains("HttpOnly"))
                .noneSatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID"));
        ConsoleBrowser.Page console = browser.get("/console/team");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.text()).contains(org.email());
        assertThat(tokenRequestVerifiers())
                .anySatisfy(verifier -> assertThat(s256(verifier)).isEqualTo(challenge));
    }

    @Test
    void anInvitedPersonJoinsWithTheInvitedRoleBySigningInThroughTheIssuer() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(api.call(
                                "POST",
                                "/api/v1/admin/invitations",
                                org.accessToken(),
                                Map.of("email", email, "role", "AGENT"))
                        .status())
                .isEqualTo(201);
        Map<String, Object> claims = verified(email.toUpperCase(java.util.Locale.ROOT));
        claims.put("name", "Ada Lovelace");

        ConsoleBrowser.Page back = signInThroughIssuer(new ConsoleBrowser(port), "sub-" + UUID.randomUUID(), claims);

        assertThat(back.location()).endsWith("/console");
        var members = api.get("/api/v1/admin/members", org.accessToken()).body().path("items");
        assertThat(java.util.stream.StreamSupport.stream(members.spliterator(), false)
                        .filter(m -> m.path("email").asString().equals(email))
                        .toList())
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.path("role").asString()).isEqualTo("AGENT");
                    assertThat(m.path("name").asString()).isEqualTo("Ada Lovelace");
                });
        assertThat(api.get("/api/v1/admin/invitations", org.accessToken())
                        .body()
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void someoneNoOrganizationInvitedIsRefusedWithAClearPage() {
        ConsoleBrowser browser = new ConsoleBrowser(port);

        ConsoleBrowser.Page back =
                signInThroughIssuer(browser, "sub-" + UUID.randomUUID(), verified("stranger@example.com"));

        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).endsWith("/console/login/refused?reason=not-invited");
        ConsoleBrowser.Page page = browser.get(back.location());
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text()).contains(IssuerSignInPageController.NOT_INVITED_MESSAGE);
        assertThat(browser.cookie(SessionCookie.NAME)).isEmpty();
        assertThat(browser.get("/console").status()).isEqualTo(302);
    }

    @Test
    void anEmailTheIssuerDidNotVerifyIsNotMatchedToItsMember() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        ConsoleBrowser browser = new ConsoleBrowser(port);
        Map<String, Object> claims = new HashMap<>(Map.of("email", org.email(), "email_verified", false));

        ConsoleBrowser.Page back = signInThroughIssuer(browser, "sub-" + UUID.randomUUID(), claims);

        assertThat(back.location()).endsWith("/console/login/refused?reason=unverified");
        assertThat(browser.cookie(SessionCookie.NAME)).isEmpty();
    }

    @Test
    void aForgedReturnWithoutTheBrowsersStartIsRefused() {
        ConsoleBrowser browser = new ConsoleBrowser(port);

        ConsoleBrowser.Page back = browser.get("/login/oauth2/code/oidc?code=stolen&state=forged");

        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).endsWith("/console/login/refused?reason=failed");
        assertThat(browser.cookie(SessionCookie.NAME)).isEmpty();
        assertThat(browser.get("/console/login/refused?reason=%3Cscript%3E").text())
                .contains("Sign-in did not complete")
                .doesNotContain("<script>");
    }

    @Test
    void theIssuersAccessTokenCallsTheAdminApiAsTheLinkedMemberOfTheirOrganizationOnly() {
        ParleyApi.Organization mine = api.signUp("Bright Bikes");
        ParleyApi.Organization theirs = api.signUp("Other Bikes");
        String subject = "sub-" + UUID.randomUUID();
        assertThat(signInThroughIssuer(new ConsoleBrowser(port), subject, verified(mine.email()))
                        .location())
                .endsWith("/console");
        // As Amazon Cognito's access tokens: no email, only the subject.
        String token =
                ISSUER.issueToken(ISSUER_ID, subject, AUDIENCE, Map.of(), 3600).serialize();

        ParleyApi.Response members = api.get("/api/v1/admin/members", token);

        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().toString()).contains(mine.email()).doesNotContain(theirs.email());
        String theirOwner = api.get("/api/v1/admin/members", theirs.accessToken())
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(api.call("DELETE", "/api/v1/admin/members/" + theirOwner, token, null)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/admin/members", theirs.accessToken()).body().toString())
                .contains(theirs.email());
    }

    @Test
    void anAccessTokenWithAVerifiedEmailNamesItsMemberWithoutAConsoleSignInFirst() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");

        String verifiedToken = ISSUER.issueToken(
                        ISSUER_ID, "sub-" + UUID.randomUUID(), AUDIENCE, verified(org.email()), 3600)
                .serialize();
        String unverifiedToken = ISSUER.issueToken(
                        ISSUER_ID,
                        "sub-" + UUID.randomUUID(),
                        AUDIENCE,
                        Map.of("email", org.email(), "email_verified", false),
                        3600)
                .serialize();

        assertThat(api.get("/api/v1/admin/members", verifiedToken).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/members", unverifiedToken).status()).isEqualTo(401);
    }

    @Test
    void aCognitoStyleAccessTokenIsForParleyByItsClientIdClaim() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        Map<String, Object> claims = verified(org.email());
        claims.put("client_id", AUDIENCE);
        claims.put("token_use", "access");

        String token = ISSUER.issueToken(
                        ISSUER_ID,
                        CLIENT_ID,
                        new DefaultOAuth2TokenCallback(
                                ISSUER_ID, "sub-" + UUID.randomUUID(), "JWT", List.of(), claims, 3600))
                .serialize();

        assertThat(api.get("/api/v1/admin/members", token).status()).isEqualTo(200);
    }

    @Test
    void tokensForAnotherAudienceExpiredOrNotAccessTokensAreRefused() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        Map<String, Object> idTokenClaims = verified(org.email());
        idTokenClaims.put("token_use", "id");

        String otherAudience = ISSUER.issueToken(
                        ISSUER_ID, "sub-" + UUID.randomUUID(), "someone-else", verified(org.email()), 3600)
                .serialize();
        String expired = ISSUER.issueToken(ISSUER_ID, "sub-" + UUID.randomUUID(), AUDIENCE, verified(org.email()), -600)
                .serialize();
        String idToken = ISSUER.issueToken(ISSUER_ID, "sub-" + UUID.randomUUID(), AUDIENCE, idTokenClaims, 3600)
                .serialize();
        String otherIssuer = ISSUER.issueToken(
                        "another-idp", "sub-" + UUID.randomUUID(), AUDIENCE, verified(org.email()), 3600)
                .serialize();

        for (String token : List.of(otherAudience, expired, idToken, otherIssuer)) {
            ParleyApi.Response response = api.get("/api/v1/admin/members", token);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body().path("type").asString()).endsWith("/unauthorized");
        }
    }

    @Test
    void aTokenOfSomeoneNoOrganizationKnowsIsRefused() {
        String token = ISSUER.issueToken(
                        ISSUER_ID, "sub-" + UUID.randomUUID(), AUDIENCE, verified("stranger@example.com"), 3600)
                .serialize();

        assertThat(api.get("/api/v1/admin/members", token).status()).isEqualTo(401);
    }

    @Test
    void parleysOwnTokensKeepWorkingAndAnIssuerTokenCanBeSignedOut() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String issued = ISSUER.issueToken(ISSUER_ID, "sub-" + UUID.randomUUID(), AUDIENCE, verified(org.email()), 3600)
                .serialize();

        assertThat(api.get("/api/v1/admin/members", org.accessToken()).status()).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/auth/logout", issued, null).status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/admin/members", issued).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/members", org.accessToken()).status()).isEqualTo(200);
    }

    private static Map<String, Object> verified(String email) {
        return new HashMap<>(Map.of("email", email, "email_verified", true));
    }

    /** Starts at Parley, passes the issuer (which signs in {@code subject} with {@code claims}) and returns. */
    private ConsoleBrowser.Page signInThroughIssuer(
            ConsoleBrowser browser, String subject, Map<String, Object> claims) {
        ConsoleBrowser.Page start = browser.get("/oauth2/authorization/oidc");
        assertThat(start.status()).isEqualTo(302);
        return returnFromIssuer(browser, start, subject, claims);
    }

    private ConsoleBrowser.Page returnFromIssuer(
            ConsoleBrowser browser, ConsoleBrowser.Page start, String subject, Map<String, Object> claims) {
        ISSUER.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(AUDIENCE), claims, 3600));
        ConsoleBrowser.Page authorized = browser.get(start.location());
        assertThat(authorized.status()).isEqualTo(302);
        assertThat(authorized.location()).startsWith(browser.base() + "/login/oauth2/code/oidc?");
        return browser.get(authorized.location());
    }

    /** The PKCE verifiers of every token request the issuer has received so far. */
    private static List<String> tokenRequestVerifiers() {
        java.util.ArrayList<String> verifiers = new java.util.ArrayList<>();
        while (true) {
            RecordedRequest request;
            try {
                request = ISSUER.takeRequest(1, TimeUnit.SECONDS);
            } catch (RuntimeException none) {
                return verifiers;
            }
            String body = request.getBody().readUtf8();
            if (request.getPath() != null && request.getPath().endsWith("/token")) {
                verifiers.add(parameter("?" + body, "code_verifier"));
            }
        }
    }

    private static String parameter(String url, String name) {
        Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(url);
        return matcher.find() ? URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8) : null;
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}

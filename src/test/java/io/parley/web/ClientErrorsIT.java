package io.parley.web;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.security.AccessTokens;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every kind of client mistake gets its own 4xx problem: never a 500, a stack trace or the container's own page. */
class ClientErrorsIT extends ParleyAppTest {

    @Autowired
    AccessTokens tokens;

    private ParleyApi.Organization shop;

    @BeforeEach
    void shop() {
        shop = api.signUp("Client Errors Outfitters");
    }

    @Test
    void answersAnUnacceptableAcceptHeaderWith406() {
        ParleyApi.Response admin =
                api.call("GET", "/api/v1/admin/organization", shop.accessToken(), null, Map.of("Accept", "image/png"));
        ParleyApi.Response start = api.call(
                "POST",
                "/api/v1/conversations/start",
                null,
                Map.of("siteKey", shop.siteKey()),
                Map.of("Accept", "text/csv"));

        assertProblem(admin.body(), 406, "/problems/not-acceptable");
        assertProblem(start.body(), 406, "/problems/not-acceptable");
    }

    @Test
    void answersAnUnsupportedOrUnparsableContentTypeWith415() {
        ParleyApi.Response text =
                api.call("POST", "/api/v1/auth/login", null, "hello".getBytes(), Map.of("Content-Type", "text/plain"));
        ParleyApi.Response garbage = api.call(
                "POST", "/api/v1/auth/login", null, "hello".getBytes(), Map.of("Content-Type", "not a media type"));

        assertProblem(text.body(), 415, "/problems/unsupported-media-type");
        assertProblem(garbage.body(), 415, "/problems/unsupported-media-type");
    }

    @Test
    void answersMalformedParametersWith400() {
        for (String query : new String[] {"size=99999999999999999999", "page=abc", "status=nonsense"}) {
            ParleyApi.Response response = api.get("/api/v1/admin/conversations?" + query, shop.accessToken());
            assertProblem(response.body(), 400, "/problems/validation-failed");
        }
    }

    @Test
    void answersAMethodAnAddressDoesNotTakeWith405() {
        assertProblem(
                api.call("PATCH", "/api/v1/conversations/start", null, Map.of()).body(),
                405,
                "/problems/method-not-allowed");
        assertProblem(
                api.call("PUT", "/api/v1/auth/login", null, Map.of()).body(), 405, "/problems/method-not-allowed");
    }

    @Test
    void refusesAConsoleFormWithACsrfTokenThatDoesNotDecode() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/console/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Cookie", "parley_console_csrf=%%%not-base64")
                                .header("Accept", "text/html")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "email=a%40b.co&password=x&_csrf=%25%25%25not-base64%25"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void refusesAWebSocketUpgradeWithAnUnparsableOrigin() throws IOException {
        for (String origin : new String[] {"http://[::1", "::::", "http://exa mple.com", "null"}) {
            String status = upgrade("/ws/chat?siteKey=" + shop.siteKey(), origin);
            // Refused at the upgrade, or (as for any origin not allowed) with an error frame once upgraded.
            assertThat(status).as(origin).matches("HTTP/1.1 (101|403).*");
        }
    }

    @Test
    void refusesAWebSocketUpgradeWithAMalformedQuery() throws IOException {
        assertThat(upgrade("/ws/chat?siteKey=" + shop.siteKey() + "&visitorToken=%zz", null))
                .startsWith("HTTP/1.1 400");
    }

    @Test
    void refusesAnAccessTokenWithARoleThatDoesNotExistWith401() {
        String emperor = tokens.issue("someone", shop.id(), "EMPEROR", 0).value();

        assertProblem(api.get("/api/v1/admin/organization", emperor).body(), 401, "/problems/unauthorized");
    }

    @Test
    void answersAPathTheFirewallRejectsWith400() {
        for (String path : new String[] {
            "/api/v1/%2e%2e/admin/organization", "/api/v1/admin/organization;x=y", "/api/v1/conversations/a%2Fb"
        }) {
            ParleyApi.Response response = api.get(path, shop.accessToken());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertProblem(response.body(), 400, "/problems/malformed-request");
        }
    }

    @Test
    void answersTheErrorAddressItselfWithAProblem() {
        ParleyApi.Response get = api.get("/error", null);
        ParleyApi.Response post = api.call("POST", "/error", null, Map.of());

        assertProblem(get.body(), 404, "/problems/not-found");
        assertProblem(post.body(), 404, "/problems/not-found");
    }

    /** Sends a WebSocket upgrade by hand (clients refuse to send a broken Origin) and returns the status line. */
    private String upgrade(String target, String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                            + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.append((char) b);
            }
            return line.toString().strip();
        }
    }
}

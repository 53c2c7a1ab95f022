package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.util.HtmlUtils;

/**
 * A browser without JavaScript for the console's tests: real HTTP, a cookie jar, redirects not followed (so tests
 * see them), and the CSRF token of the last page it loaded sent with its forms, as a browser would.
 */
final class ConsoleBrowser {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    ConsoleBrowser(int port) {
        this.base = URI.create("http://localhost:" + port);
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Each test class gets its own database and keys under target/, so classes never see each other's data. */
    static void freshDataDir(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createDirectories(
                    Path.of("target", "console-it", UUID.randomUUID().toString())
                            .toAbsolutePath());
            registry.add("parley.data-dir", dir::toString);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String uniqueEmail() {
        return "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    record Page(int status, String body, java.net.http.HttpHeaders headers) {

        String location() {
            return headers.firstValue("Location").orElse(null);
        }

        /** The body as a reader sees it: tags left in, entities decoded. */
        String text() {
            return HtmlUtils.htmlUnescape(body);
        }
    }

    URI base() {
        return base;
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    /** Submits a form with the CSRF token of the last page loaded. */
    Page post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrf);
        return postWithout(path, withToken, Map.of());
    }

    /** Submits exactly these fields and headers: no CSRF token unless given. */
    Page postWithout(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * Submits a {@code multipart/form-data} form, as a browser sends one with a file field: the CSRF token of the last
     * page loaded as a field, then the file (an empty name and no bytes when no file was chosen).
     */
    Page postFile(String path, String field, String fileName, String contentType, byte[] content) {
        String boundary = "----ParleyTest" + UUID.randomUUID().toString().replace("-", "");
        var body = new java.io.ByteArrayOutputStream();
        String csrfPart =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n";
        String filePart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(csrfPart.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(filePart.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    String csrfToken() {
        return csrf;
    }

    Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst();
    }

    void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/console");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    /** Creates an organization through the sign-up form; the browser is then signed in as its owner. */
    Page signUp(String email, String password, String organizationName) {
        get("/console/signup");
        return post(
                "/console/signup", Map.of("email", email, "password", password, "organizationName", organizationName));
    }

    Page signIn(String email, String password) {
        get("/console/login");
        return post("/console/login", Map.of("email", email, "password", password));
    }

    /** Signs up a new organization and checks that it worked. */
    ConsoleBrowser signedUp(String organizationName) {
        Page page = signUp(uniqueEmail(), "a long enough password", organizationName);
        assertThat(page.status()).as("sign-up redirects into the console").isEqualTo(302);
        return this;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF_FIELD.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return new Page(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

package io.parley.web;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a black-box probe found at the edge: metrics behind a token, bodies refused before they are parsed, every
 * client error a 4xx problem, and no response with a token or a transcript kept by a cache.
 */
class EdgeHardeningIT extends ParleyAppTest {

    private static final int SIXTY_MB = 60 * 1024 * 1024;

    private ParleyApi.Organization shop;

    @BeforeEach
    void shop() {
        shop = api.signUp("Edge Outfitters");
    }

    @Test
    void servesMetricsOnlyWithTheMetricsTokenAndHealthToAnyone() throws Exception {
        ParleyApi.Response none = api.get("/actuator/prometheus", null);
        ParleyApi.Response wrong = api.get("/actuator/prometheus", "not-the-token");
        ParleyApi.Response escaped = api.get("/actuator/%70rometheus", null);
        int right = java.net.http.HttpClient.newHttpClient()
                .send(
                        io.parley.testing.ParleyProcess.metricsRequest(port).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();

        assertProblem(none.body(), 401, "/problems/unauthorized");
        assertProblem(wrong.body(), 401, "/problems/unauthorized");
        assertThat(escaped.status()).isIn(400, 401, 404);
        assertThat(right).isEqualTo(200);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void refusesASixtyMegabyteBodyByItsLengthBeforeReadingIt() throws IOException {
        long heapBefore = heapUsed();
        long started = System.nanoTime();
        String head = "POST /api/v1/conversations/start HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + SIXTY_MB + "\r\n\r\n";
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(("{\"siteKey\":\"" + "a".repeat(64 * 1024)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            response = readResponse(socket.getInputStream());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("application/problem+json").contains("/problems/request-too-large");
        System.out.printf(
                "60 MB declared body: 413 after %d ms, heap %+.1f MiB%n",
                millis, (heapUsed() - heapBefore) / 1048576.0);
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimit() throws IOException {
        long heapBefore = heapUsed();
        long started = System.nanoTime();
        String head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(chunk("{\"email\":\"".getBytes(StandardCharsets.US_ASCII)));
            // 2 MB of whitespace inside a JSON document: valid so far, so only the count can stop it.
            for (int i = 0; i < 32; i++) {
                out.write(chunk(chunk));
            }
            out.flush();
            response = readResponse(socket.getInputStream());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response).startsWith("HTTP/1.1 413").contains("/problems/request-too-large");
        System.out.printf(
                "chunked body over 1 MB: 413 after %d ms, heap %+.1f MiB%n",
                millis, (heapUsed() - heapBefore) / 1048576.0);
        assertThat(api.startConversation(shop.siteKey()).conversationId()).isNotBlank();
    }

    @Test
    void acceptsABodyJustUnderTheLimit() {
        String padded = "{\"siteKey\":\"" + shop.siteKey() + "\"" + " ".repeat(1024 * 1024 - 100) + "}";

        assertThat(api.call("POST", "/api/v1/conversations/start", null, padded).status())
                .isEqualTo(201);
    }

    @Test
    void neverLetsACacheKeepTokensOrTranscripts() {
        ParleyApi.Response signup = api.call(
                "POST",
                "/api/v1/auth/signup",
                null,
                Map.of(
                        "email",
                        "cache-" + System.nanoTime() + "@example.com",
                        "password",
                        "correct horse battery staple",
                        "organizationName",
                        "Cache"));
        ParleyApi.Response login = api.call(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("email", shop.email(), "password", "correct horse battery staple"));
        ParleyApi.Response start =
                api.call("POST", "/api/v1/conversations/start", null, Map.of("siteKey", shop.siteKey()));
        ParleyApi.Visit visit = new ParleyApi.Visit(
                start.body().path("conversationId").asString(),
                start.body().path("visitorToken").asString());
        ParleyApi.Response conversation =
                api.get("/api/v1/conversations/" + visit.conversationId(), visit.visitorToken());
        ParleyApi.Response messages =
                api.get("/api/v1/conversations/" + visit.conversationId() + "/messages", visit.visitorToken());
        ParleyApi.Response admin = api.get("/api/v1/admin/conversations", shop.accessToken());
        ParleyApi.Response failed = api.call(
                "POST", "/api/v1/auth/login", null, Map.of("email", shop.email(), "password", "a wrong password"));

        for (ParleyApi.Response response :
                new ParleyApi.Response[] {signup, login, start, conversation, messages, admin, failed}) {
            assertThat(response.status()).isBetween(200, 401);
            assertThat(response.header("Cache-Control")).as(response.toString()).contains("no-store");
        }
    }

    @Test
    void answersABinaryFrameWithAnErrorFrameAndStoresAMessageWithoutNul() {
        try (io.parley.testing.ChatClient chat = connect(shop.siteKey())) {
            JsonNode session = chat.await("session");
            chat.sendBinary(new byte[] {0, 1, 2});
            assertProblem(chat.await("error").path("problem"), 400, "/problems/invalid-frame");

            chat.sendMessage("where\u0000 is my order", "nul");
            chat.await("ack");
            JsonNode messages = api.get(
                            "/api/v1/conversations/"
                                    + session.path("conversationId").asString() + "/messages",
                            session.path("visitorToken").asString())
                    .body()
                    .path("messages");
            assertThat(messages.get(0).path("content").asString()).isEqualTo("where is my order");
        }
    }

    @Test
    void dropsNulFromMessagesSentOverRestAndFromTheTeamsNotes() {
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());
        assertThat(api.send(visit, "my\u0000 order", "rest-nul").status()).isEqualTo(200);
        ParleyApi.Response note = api.call(
                "POST",
                "/api/v1/admin/conversations/" + visit.conversationId() + "/notes",
                shop.accessToken(),
                java.util.Map.of("text", "call\u0000 back"));

        assertThat(note.status()).isEqualTo(201);
        assertThat(note.body().toString()).contains("call back");
        assertThat(api.get("/api/v1/conversations/" + visit.conversationId() + "/messages", visit.visitorToken())
                        .body()
                        .path("messages")
                        .get(0)
                        .path("content")
                        .asString())
                .isEqualTo("my order");
    }

    @Test
    void dropsNulFromTheProfileAndFromKnowledgeText() {
        assertThat(api.saveProfile(
                                shop,
                                java.util.Map.of(
                                        "businessName",
                                        "Nul\u0000 Outfitters",
                                        "rules",
                                        java.util.List.of("Be\u0000 kind.")))
                        .status())
                .isEqualTo(200);
        ParleyApi.Response document = api.call(
                "POST",
                "/api/v1/admin/knowledge/documents",
                shop.accessToken(),
                java.util.Map.of("title", "Re\u0000turns", "content", "Thirty\u0000 days."));

        String organization =
                api.get("/api/v1/admin/organization", shop.accessToken()).body().toString();
        assertThat(organization).contains("Nul Outfitters").contains("Be kind.");
        assertThat(document.status()).isEqualTo(202);
        assertThat(api.get(
                                "/api/v1/admin/knowledge/documents/"
                                        + document.body().path("id").asString(),
                                shop.accessToken())
                        .body()
                        .path("title")
                        .asString())
                .isEqualTo("Returns");
    }

    private static byte[] chunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Reads the status line, headers and a body of the declared length (or until the server closes). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            seen.write(b);
            String text = seen.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(text);
                if (length.find()) {
                    byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
                    return text + new String(body, StandardCharsets.UTF_8);
                }
                if (!text.toLowerCase().contains("transfer-encoding: chunked")) {
                    return text;
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n") && (b = in.read()) >= 0) {
                    body.write(b);
                }
                return text + body.toString(StandardCharsets.UTF_8);
            }
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @SuppressWarnings("unused")
    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }
}

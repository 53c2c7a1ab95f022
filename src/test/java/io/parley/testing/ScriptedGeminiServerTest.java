package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stand-in's wire format as a plain HTTP client sees it, independent of any SDK. */
class ScriptedGeminiServerTest {

    private static final String BODY =
            """
            {"contents":[{"role":"user","parts":[{"text":"Do you ship to Texas?"}]}],\
            "systemInstruction":{"parts":[{"text":"Be brief."}]}}""";

    private final ScriptedGeminiServer server = ScriptedGeminiServer.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void streamsServerSentEventsOfGenerateContentResponsesEndingWithTheFinishReason() throws Exception {
        server.script(GeminiScript.reply("Yes, to all states.").inChunks(3).withUsage(9, 5, 2));

        HttpResponse<String> response = post("/v1beta/models/gemini-test:streamGenerateContent?alt=sse", "key-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        for (String event : response.body().split("\r\n\r\n")) {
            assertThat(event).startsWith("data: ");
            events.add(json.readTree(event.substring("data: ".length())));
        }
        assertThat(events).hasSize(3);
        StringBuilder text = new StringBuilder();
        events.forEach(event ->
                text.append(event.at("/candidates/0/content/parts/0/text").asString()));
        assertThat(text).hasToString("Yes, to all states.");
        assertThat(events.getFirst().at("/candidates/0/content/role").asString())
                .isEqualTo("model");
        assertThat(events.getFirst().at("/candidates/0").has("finishReason")).isFalse();
        JsonNode last = events.getLast();
        assertThat(last.at("/candidates/0/finishReason").asString()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(9);
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(5);
        assertThat(last.at("/usageMetadata/cachedContentTokenCount").asInt()).isEqualTo(2);
        assertThat(last.path("modelVersion").asString()).isEqualTo(ScriptedGeminiServer.MODEL_VERSION);
    }

    @Test
    void streamsAJsonArrayWithoutAltSse() throws Exception {
        server.script(GeminiScript.reply("One two three").inChunks(2));

        HttpResponse<String> response = post("/v1beta/models/gemini-test:streamGenerateContent", "key-1");

        JsonNode array = json.readTree(response.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(2);
        assertThat(array.at("/1/candidates/0/finishReason").asString()).isEqualTo("STOP");
    }

    @Test
    void answersGenerateContentWithOneWholeResponse() throws Exception {
        server.script(GeminiScript.reply("All of it at once."));

        HttpResponse<String> response = post("/v1beta/models/gemini-test:generateContent", "key-1");

        JsonNode body = json.readTree(response.body());
        assertThat(body.at("/candidates/0/content/parts/0/text").asString()).isEqualTo("All of it at once.");
        assertThat(body.at("/candidates/0/finishReason").asString()).isEqualTo("STOP");
    }

    @Test
    void echoesTheLastUserTextWhenUnscripted() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-test:generateContent", "key-1");

        assertThat(json.readTree(response.body())
                        .at("/candidates/0/content/parts/0/text")
                        .asString())
                .isEqualTo(GeminiScript.echoOf("Do you ship to Texas?"));
    }

    @Test
    void answersErrorsInGooglesShapeWithTheReason() throws Exception {
        server.script(GeminiScript.error(400, "INVALID_ARGUMENT", "API_KEY_INVALID"), GeminiScript.rateLimited("37s"));

        JsonNode badKey = json.readTree(post("/v1beta/models/gemini-test:generateContent", "bad")
                        .body())
                .path("error");
        HttpResponse<String> throttled = post("/v1beta/models/gemini-test:generateContent", "key-1");

        assertThat(badKey.path("code").asInt()).isEqualTo(400);
        assertThat(badKey.path("status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(badKey.at("/details/0/@type").asString()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(badKey.at("/details/0/reason").asString()).isEqualTo("API_KEY_INVALID");
        assertThat(badKey.path("message").asString()).contains(GeminiScript.DETAIL);
        assertThat(throttled.statusCode()).isEqualTo(429);
        JsonNode retryInfo = json.readTree(throttled.body()).at("/error/details/1");
        assertThat(retryInfo.path("@type").asString()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(retryInfo.path("retryDelay").asString()).isEqualTo("37s");
    }

    @Test
    void refusesARequestWithoutAKeyAndAnUnknownPathAsGoogleDoes() throws Exception {
        HttpResponse<String> noKey = post("/v1beta/models/gemini-test:generateContent", null);
        HttpResponse<String> unknown = post("/v1beta/models/gemini-test:embedContent", "key-1");

        assertThat(noKey.statusCode()).isEqualTo(403);
        assertThat(json.readTree(noKey.body()).at("/error/status").asString()).isEqualTo("PERMISSION_DENIED");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).at("/error/status").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void recordsEachRequestWithWhenItArrivedAndWhenItsFirstByteLeft() throws Exception {
        post("/v1beta/models/gemini-test:streamGenerateContent?alt=sse", "key-1");

        RecordedGeminiRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.model()).isEqualTo("gemini-test");
        assertThat(request.action()).isEqualTo("streamGenerateContent");
        assertThat(request.sse()).isTrue();
        assertThat(request.apiKey()).contains("key-1");
        assertThat(request.systemTexts()).containsExactly("Be brief.");
        assertThat(request.lastUserText()).isEqualTo("Do you ship to Texas?");
        assertThat(request.firstByteAtNanos()).isPresent();
        assertThat(request.firstByteAtNanos().getAsLong()).isGreaterThanOrEqualTo(request.receivedAtNanos());
    }

    private HttpResponse<String> post(String pathAndQuery, @Nullable String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (key != null) {
            request.header("x-goog-api-key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScriptedOpenAiServerTest {

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersWithOneJsonCompletionWhenTheRequestDoesNotStream() throws Exception {
        HttpResponse<String> response = post(
                "/chat/completions",
                """
                {"model":"m","stream":false,"messages":[{"role":"system","content":"S"},{"role":"user","content":"Hi"}]}
                """);

        JsonNode body = JsonMapper.shared().readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("choices").path(0).path("message").path("content").asString())
                .isEqualTo(OpenAiScript.echoOf("Hi"));
        assertThat(body.path("usage").path("completion_tokens").asLong()).isPositive();
    }

    @Test
    void streamsServerSentEventsEndingWithDone() throws Exception {
        server.script(OpenAiScript.reply("abcdef").inChunks(2));

        String body = post(
                        "/chat/completions",
                        """
                        {"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}
                        """)
                .body();

        assertThat(body)
                .contains("data: {\"id\"", "\"content\":\"abc\"", "\"content\":\"def\"", "\"finish_reason\":\"stop\"")
                .doesNotContain("\"usage\"")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void recordsEachRequestWithItsMessages() throws Exception {
        post("/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"S\"}]}");

        RecordedOpenAiRequest request =
                server.awaitRequests(1, Duration.ofSeconds(5)).getFirst();

        assertThat(request.systemPrompt()).contains("S");
        assertThat(request.authorization()).isEmpty();
        assertThat(request.stream()).isFalse();
    }

    @Test
    void answersNotFoundOutsideTheChatCompletionsPath() throws Exception {
        assertThat(post("/models", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void failsAWaitForRequestsThatNeverCome() {
        assertThatThrownBy(() -> server.awaitRequests(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 1 requests");
    }
}

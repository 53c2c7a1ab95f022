package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScriptedAnthropicServerTest {

    private static final String STREAMED =
            """
            {"model":"claude-test","max_tokens":64,"stream":true,\
            "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]}""";

    private final ScriptedAnthropicServer server = ScriptedAnthropicServer.start();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("x-api-key", "sk-ant-test")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void echoesTheLastUserTextAsAnthropicsEventsInOrder() throws Exception {
        HttpResponse<String> response = post("/v1/messages", STREAMED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event: ")) {
                events.add(line.substring("event: ".length()));
            } else if (line.startsWith("data: ")) {
                JsonNode data = json.readTree(line.substring("data: ".length()));
                assertThat(data.path("type").asString())
                        .as("data names its event")
                        .isEqualTo(events.getLast());
                text.append(data.at("/delta/text").asString(""));
            }
        }
        assertThat(events)
                .startsWith("message_start", "content_block_start", "ping", "content_block_delta")
                .endsWith("content_block_stop", "message_delta", "message_stop");
        assertThat(text.toString()).isEqualTo(AnthropicScript.echoOf("Hello"));
    }

    @Test
    void recordsEachRequestWithWhenItArrivedAndWhenItsAnswerStarted() throws Exception {
        long before = System.nanoTime();

        post("/v1/messages", STREAMED);

        RecordedAnthropicRequest received = server.lastRequest();
        assertThat(received.path()).isEqualTo("/v1/messages");
        assertThat(received.apiKey()).contains("sk-ant-test");
        assertThat(received.model()).isEqualTo("claude-test");
        assertThat(received.lastUserText()).isEqualTo("Hello");
        assertThat(received.receivedAtNanos()).isGreaterThanOrEqualTo(before);
        assertThat(received.firstByteAtNanos()).isGreaterThanOrEqualTo(received.receivedAtNanos());
    }

    @Test
    void answersScriptedFailuresWithAnthropicsErrorBodyAndHeaders() throws Exception {
        server.script(AnthropicScript.rateLimited("7"));

        HttpResponse<String> response = post("/v1/messages", STREAMED);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("7");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo("error");
        assertThat(body.at("/error/type").asString()).isEqualTo("rate_limit_error");
        assertThat(body.at("/error/message").asString()).contains(AnthropicScript.PROVIDER_DETAIL);
    }

    @Test
    void answersAnErrorEventMidStream() throws Exception {
        server.script(AnthropicScript.reply("first second").errorEventAfter(1, "overloaded_error"));

        String body = post("/v1/messages", STREAMED).body();

        assertThat(body).contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"");
        assertThat(body).doesNotContain("message_stop");
    }

    @Test
    void answersNotFoundOutsideTheMessagesEndpoint() throws Exception {
        HttpResponse<String> response = post("/v1/complete", STREAMED);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).at("/error/type").asString()).isEqualTo("not_found_error");
    }
}

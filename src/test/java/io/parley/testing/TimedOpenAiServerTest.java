package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimedOpenAiServerTest {

    private final TimedOpenAiServer server =
            TimedOpenAiServer.start(OpenAiScript.reply("one two three").inChunks(3));
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private String stream() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void streamsTheReplyAsScriptedOpenAiServerDoes() throws Exception {
        String body = stream();

        assertThat(body)
                .contains("\"content\":\"one \"", "\"content\":\"two \"", "\"content\":\"three\"", "\"usage\"")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void timesEachRequestInOrderFromArrivalToTheFirstContentChunk() throws Exception {
        stream();
        stream();

        for (int i = 0; i < 2; i++) {
            TimedOpenAiServer.Timing timing = server.nextTiming(Duration.ofSeconds(5));
            assertThat(timing.receivedAtNanos()).isPositive();
            assertThat(timing.bodyReadAtNanos()).isGreaterThanOrEqualTo(timing.receivedAtNanos());
            assertThat(timing.firstByteAtNanos()).isGreaterThan(timing.bodyReadAtNanos());
            assertThat(timing.firstContentAtNanos()).isGreaterThan(timing.firstByteAtNanos());
            assertThat(timing.serverNanosToFirstContent()).isPositive();
        }
    }
}

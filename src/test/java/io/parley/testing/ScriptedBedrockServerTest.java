package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-in's wire format, checked against the AWS SDK's own event-stream codec (the adapter's tests check that
 * the SDK's client reads it).
 */
class ScriptedBedrockServerTest {

    private static final String BODY =
            """
            {"messages":[{"role":"user","content":[{"text":"Hi"}]}],"system":[{"text":"S"}]}""";

    private final ScriptedBedrockServer server = ScriptedBedrockServer.start();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private HttpResponse<byte[]> post(String operation) throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create(server.endpoint() + "/model/meta.llama3-3-70b-instruct-v1%3A0/" + operation))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void encodesFramesByteForByteAsTheSdksCodecDoes() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", "contentBlockDelta");
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        byte[] payload = "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"héllo\"}}".getBytes(StandardCharsets.UTF_8);
        Map<String, HeaderValue> sdkHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> sdkHeaders.put(name, HeaderValue.fromString(value)));

        byte[] ours = BedrockWire.frame(headers, payload);
        ByteBuffer theirs = new Message(sdkHeaders, payload).toByteBuffer();

        assertThat(ours).isEqualTo(toArray(theirs));
    }

    @Test
    void streamsEventsTheSdkDecoderReadsInBedrocksOrder() throws Exception {
        server.script(BedrockScript.reply("Hello there").inChunks(2).withUsage(12, 3));

        HttpResponse<byte[]> response = post("converse-stream");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/vnd.amazon.eventstream");
        List<Message> messages =
                new MessageDecoder().feed(ByteBuffer.wrap(response.body())).getDecodedMessages();
        assertThat(messages)
                .extracting(m -> m.getHeaders().get(":event-type").getString())
                .containsExactly(
                        "messageStart",
                        "contentBlockDelta",
                        "contentBlockDelta",
                        "contentBlockStop",
                        "messageStop",
                        "metadata");
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.getHeaders().get(":message-type").getString()).isEqualTo("event");
            assertThat(m.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
        });
        assertThat(json(messages.get(1)).at("/delta/text").asString()).isEqualTo("Hello");
        assertThat(json(messages.get(4)).path("stopReason").asString()).isEqualTo("end_turn");
        assertThat(json(messages.get(5)).at("/usage/inputTokens").asLong()).isEqualTo(12);
    }

    @Test
    void sendsAnExceptionEventWithItsTypeInTheHeaders() throws Exception {
        server.script(BedrockScript.exceptionInStream("modelStreamErrorException"));

        List<Message> messages = new MessageDecoder()
                .feed(ByteBuffer.wrap(post("converse-stream").body()))
                .getDecodedMessages();

        Message last = messages.getLast();
        assertThat(last.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(last.getHeaders().get(":exception-type").getString()).isEqualTo("modelStreamErrorException");
        assertThat(json(last).path("message").asString()).contains(BedrockScript.PROVIDER_DETAIL);
    }

    @Test
    void sendsAFrameWhoseChecksumTheSdkRejectsWhenMalformed() throws Exception {
        server.script(BedrockScript.malformed());
        byte[] body = post("converse-stream").body();

        assertThatThrownBy(() -> new MessageDecoder().feed(ByteBuffer.wrap(body)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersConverseWithOneJsonMessageEchoingTheLastUserText() throws Exception {
        HttpResponse<byte[]> response = post("converse");

        JsonNode body = JsonMapper.shared().readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.at("/output/message/content/0/text").asString()).isEqualTo(BedrockScript.echoOf("Hi"));
        assertThat(body.path("stopReason").asString()).isEqualTo("end_turn");
        assertThat(body.at("/usage/outputTokens").asLong()).isPositive();
    }

    @Test
    void answersErrorsWithTheirTypeInTheErrorTypeHeader() throws Exception {
        server.script(BedrockScript.throttled().withHeader("Retry-After", "3"));

        HttpResponse<byte[]> response = post("converse");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("x-amzn-ErrorType").orElseThrow())
                .startsWith("ThrottlingException:");
        assertThat(response.headers().firstValue("Retry-After")).contains("3");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"message\"");
    }

    @Test
    void recordsTheDecodedModelIdTheOperationAndTheTimings() throws Exception {
        post("converse-stream");

        RecordedBedrockRequest request = server.lastRequest();
        assertThat(request.modelId()).isEqualTo("meta.llama3-3-70b-instruct-v1:0");
        assertThat(request.operation()).isEqualTo("converse-stream");
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(request.system()).containsExactly("S");
        assertThat(request.lastUserText()).isEqualTo("Hi");
        assertThat(request.firstByteAtNanos()).isGreaterThanOrEqualTo(request.receivedAtNanos());
    }

    @Test
    void answersUnknownPathsWithNotFound() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/model/x/invoke"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }

    private static JsonNode json(Message message) {
        return JsonMapper.shared().readTree(message.getPayload());
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}

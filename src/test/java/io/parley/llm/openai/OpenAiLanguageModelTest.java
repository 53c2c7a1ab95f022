package io.parley.llm.openai;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.llm.ChatMessage;
import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.LanguageModelContract;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.Passage;
import io.parley.llm.Tokens;
import io.parley.llm.ToolCall;
import io.parley.testing.ModelRequests;
import io.parley.testing.OpenAiScript;
import io.parley.testing.RecordedOpenAiRequest;
import io.parley.testing.RecordedOpenAiRequest.Message;
import io.parley.testing.ScriptedOpenAiServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class OpenAiLanguageModelTest extends LanguageModelContract {

    private static final String KEY = "sk-test-SECRET-KEY";
    private static final Duration SHORT = Duration.ofMillis(400);

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    private final OpenAiClient client = new OpenAiClient();
    private final LanguageModel model = client.model("openai", server.baseUrl(), KEY, "gpt-test");

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Override
    protected LanguageModel model() {
        return model;
    }

    @Override
    protected Optional<StandIn> standIn() {
        return Optional.of(new OpenAiStandIn(server));
    }

    @Test
    void keepsOneConnectionForCallAfterCall() {
        for (int i = 0; i < 5; i++) {
            model.generate(ModelRequests.ask("Question " + i), DeltaSink.IGNORE);
        }

        assertThat(server.requests()).hasSize(5);
        assertThat(server.connections()).as("connections").isEqualTo(1);
    }

    @Test
    void sendsTheSystemPromptFirstThenTheHistoryWithOpenAiRoles() {
        var request = ModelRequest.of(
                ModelRequests.ORGANIZATION,
                "Be helpful.",
                List.of(
                        ChatMessage.customer("Hi"),
                        ChatMessage.assistant("Hello!"),
                        ChatMessage.customer("Ship to Texas?")),
                ModelRequests.outdoorShop(),
                ModelRequests.TIMEOUT);

        model.generate(request, DeltaSink.IGNORE);

        RecordedOpenAiRequest received = server.lastRequest();
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.model()).isEqualTo("gpt-test");
        assertThat(received.stream()).isTrue();
        assertThat(received.includeUsage()).isTrue();
        assertThat(received.messages())
                .containsExactly(
                        new Message("system", "Be helpful."),
                        new Message("user", "Hi"),
                        new Message("assistant", "Hello!"),
                        new Message("user", "Ship to Texas?"));
    }

    @Test
    void sendsTheKeyAsABearerTokenOnlyWhenOneIsSet() {
        model.generate(ask("With a key"), DeltaSink.IGNORE);
        client.model("local", server.baseUrl(), null, "llama").generate(ask("Without"), DeltaSink.IGNORE);

        List<RecordedOpenAiRequest> received = server.requests();
        assertThat(received.get(0).authorization()).contains("Bearer " + KEY);
        assertThat(received.get(1).authorization()).isEmpty();
    }

    @Test
    void toleratesATrailingSlashInTheBaseUrl() {
        var slashed = client.model("openai", URI.create(server.baseUrl() + "/"), KEY, "gpt-test");

        slashed.generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void streamsEachChunkToTheSinkInOrder() {
        server.script(OpenAiScript.reply("Yes! We do ship").inChunks(5));
        List<String> pieces = new ArrayList<>();

        ModelReply reply = model.generate(ask("Count"), pieces::add);

        assertThat(pieces).containsExactly("Yes", "! W", "e d", "o s", "hip");
        assertThat(reply.text()).isEqualTo("Yes! We do ship");
    }

    @Test
    void deliversPiecesBeforeTheStreamEnds() throws Exception {
        server.script(OpenAiScript.reply("first second third").inChunks(3).stallAfter(2));
        var twoPieces = new CountDownLatch(2);
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                model.generate(ask("Go"), piece -> twoPieces.countDown());
            } catch (ModelException expected) {
                // interrupted below, once the pieces have been seen
            }
        });

        assertThat(twoPieces.await(5, TimeUnit.SECONDS))
                .as("pieces reached the sink while the stream was still open")
                .isTrue();
        caller.interrupt();
        assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void reportsTheProvidersUsageAndModelName() {
        server.script(OpenAiScript.reply("Fine.").withUsage(12, 34));

        ModelReply reply = model.generate(ask("How are you?"), DeltaSink.IGNORE);

        assertThat(reply.usage()).isEqualTo(ModelReply.Usage.reported(12, 34));
        assertThat(reply.provider()).isEqualTo("openai");
        assertThat(reply.model()).isEqualTo(ScriptedOpenAiServer.MODEL);
    }

    @Test
    void countsUsageWithTheTokenizerWhenTheProviderSaysNothing() {
        server.script(OpenAiScript.reply("Yes, we ship to Texas.").withoutUsage());
        ModelRequest request = ask("Do you ship to Texas?");

        ModelReply reply = model.generate(request, DeltaSink.IGNORE);

        assertThat(reply.usage().estimated()).isTrue();
        assertThat(reply.usage().outputTokens()).isEqualTo(Tokens.count("Yes, we ship to Texas."));
        assertThat(reply.usage().inputTokens()).isEqualTo(Tokens.countInput(request));
    }

    @Test
    void sendsToolsAndTheCallAndItsResultInOpenAisShape() {
        server.script(OpenAiScript.reply("It has shipped."));
        var call = new ToolCall("call_1", "find_order", "{\"order_id\":\"W1\"}");
        ModelRequest request = ask("Where is W1?")
                .withTools(List.of(ModelRequests.FIND_ORDER))
                .withMessages(List.of(
                        ChatMessage.customer("Where is W1?"),
                        new ChatMessage.Assistant("", List.of(call)),
                        new ChatMessage.ToolResult("call_1", "find_order", "{\"status\":\"shipped\"}", false)));

        model.generate(request, DeltaSink.IGNORE);

        JsonNode body = server.lastRequest().body();
        assertThat(body.at("/tools/0/type").asString()).isEqualTo("function");
        assertThat(body.at("/tools/0/function/name").asString()).isEqualTo("find_order");
        assertThat(body.at("/tools/0/function/parameters/required/0").asString())
                .isEqualTo("order_id");
        JsonNode asked = body.at("/messages/2");
        assertThat(asked.path("role").asString()).isEqualTo("assistant");
        assertThat(asked.has("content")).as("no content beside tool calls").isFalse();
        assertThat(asked.at("/tool_calls/0/id").asString()).isEqualTo("call_1");
        assertThat(asked.at("/tool_calls/0/function/arguments").asString()).isEqualTo("{\"order_id\":\"W1\"}");
        JsonNode result = body.at("/messages/3");
        assertThat(result.path("role").asString()).isEqualTo("tool");
        assertThat(result.path("tool_call_id").asString()).isEqualTo("call_1");
        assertThat(result.path("content").asString()).isEqualTo("{\"status\":\"shipped\"}");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(ModelRequest.DEFAULT_MAX_OUTPUT_TOKENS);
    }

    @Test
    void sendsPassagesAsASecondSystemMessageApartFromTheInstructions() {
        ModelRequest request = ask("Do you ship to Texas?")
                .withPassages(List.of(new Passage("p1", "Shipping", null, "We ship to Texas in 3 days.")));

        model.generate(request, DeltaSink.IGNORE);

        List<Message> sent = server.lastRequest().messages();
        assertThat(sent.get(0)).isEqualTo(new Message("system", ModelRequests.SYSTEM_PROMPT));
        assertThat(sent.get(1).role()).isEqualTo("system");
        assertThat(sent.get(1).content()).contains("<passage id=\"p1\"", "We ship to Texas in 3 days.");
    }

    @Test
    void mapsTooManyRequestsToRateLimitedWithTheRetryAfterDelay() {
        server.script(OpenAiScript.rateLimited("7"));

        ModelException failure = assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.RATE_LIMITED);

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.retriable()).isTrue();
    }

    @Test
    void mapsARefusedConnectionToUnavailable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var nowhere = client.model("openai", URI.create("http://127.0.0.1:" + closedPort + "/v1"), KEY, "gpt");

        assertFailure(() -> nowhere.generate(ask("Hi"), DeltaSink.IGNORE), Kind.UNAVAILABLE);
    }

    @Test
    void timesOutWhenTheStreamStallsMidWayAfterSendingSomePieces() {
        server.script(OpenAiScript.reply("first second third").inChunks(3).stallAfter(1));
        List<String> pieces = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        assertFailure(() -> model.generate(ModelRequests.withTimeout(ask("Go"), SHORT), pieces::add), Kind.TIMEOUT);

        assertThat(pieces).containsExactly("first ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.plusSeconds(3));
    }

    @Test
    void reportsAnInvalidResponseWhenTheStreamEndsWithoutFinishing() {
        server.script(OpenAiScript.reply("first second third").inChunks(3).endEarlyAfter(2));

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    @Test
    void reportsAnInvalidResponseForAMalformedChunk() {
        server.script(OpenAiScript.malformedChunk());

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    @Test
    void reportsAnInvalidResponseForAnErrorInsideTheStream() {
        server.script(OpenAiScript.errorInStream());

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    static Stream<OpenAiScript> failures() {
        String body = "{\"error\":{\"message\":\"PROVIDER-DETAIL for " + KEY + "\"}}";
        return Stream.of(
                OpenAiScript.status(401, body),
                OpenAiScript.status(400, body),
                OpenAiScript.rateLimited("1"),
                OpenAiScript.status(503, body),
                OpenAiScript.malformedChunk(),
                OpenAiScript.errorInStream());
    }

    @ParameterizedTest
    @MethodSource("failures")
    void keepsTheKeyAndTheProvidersOwnWordsOutOfErrorMessages(OpenAiScript failure) {
        server.script(failure);

        assertThatThrownBy(() -> model.generate(ask("Hi"), DeltaSink.IGNORE))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.getMessage()).contains("openai");
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("SECRET", "PROVIDER-DETAIL");
                    }
                });
    }

    private static ModelException assertFailure(ThrowingCallable call, Kind kind) {
        var caught = new ModelException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            caught[0] = e;
        });
        return caught[0];
    }
}

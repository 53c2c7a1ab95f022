package io.parley.llm.anthropic;

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
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelRequest;
import io.parley.llm.Passage;
import io.parley.llm.Tokens;
import io.parley.llm.ToolCall;
import io.parley.testing.AnthropicScript;
import io.parley.testing.ModelRequests;
import io.parley.testing.RecordedAnthropicRequest;
import io.parley.testing.RecordedAnthropicRequest.Message;
import io.parley.testing.ScriptedAnthropicServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class AnthropicLanguageModelTest extends LanguageModelContract {

    private static final String KEY = "sk-ant-test-SECRET-KEY";
    private static final Duration SHORT = Duration.ofMillis(400);

    private final ScriptedAnthropicServer server = ScriptedAnthropicServer.start();
    private final AnthropicModels models = new AnthropicModels();
    private final LanguageModel model = models.model("anthropic", server.baseUrl(), KEY, "claude-test");

    /**
     * The SDK's first call in a JVM loads a few thousand classes (Kotlin, Jackson's Kotlin module, OkHttp, the SDK's
     * models): 3 to 7 seconds on a loaded 2-core build machine. The contract's timeouts are about the adapter, not
     * class loading, so one call with a generous timeout goes first.
     */
    @BeforeAll
    static void loadTheSdksClasses() {
        try (var server = ScriptedAnthropicServer.start();
                var warm = new AnthropicModels()) {
            warm.model("warm-up", server.baseUrl(), "key", "claude-test")
                    .generate(ask("Hello").withTimeout(Duration.ofMinutes(1)), DeltaSink.IGNORE);
        }
    }

    @AfterEach
    void stop() {
        models.close();
        server.close();
    }

    @Override
    protected LanguageModel model() {
        return model;
    }

    @Override
    protected Optional<StandIn> standIn() {
        return Optional.of(new AnthropicStandIn(server));
    }

    @Test
    void keepsOneConnectionForCallAfterCall() {
        for (int i = 0; i < 5; i++) {
            model.generate(ask("Question " + i), DeltaSink.IGNORE);
        }

        assertThat(server.requests()).hasSize(5);
        assertThat(server.connections()).as("connections").isEqualTo(1);
    }

    @Test
    void postsAStreamedMessagesRequestForTheConfiguredModelAndMaxTokens() {
        model.generate(ask("Hi").withMaxOutputTokens(321), DeltaSink.IGNORE);

        RecordedAnthropicRequest received = server.lastRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/messages");
        assertThat(received.model()).isEqualTo("claude-test");
        assertThat(received.stream()).isTrue();
        assertThat(received.maxTokens()).isEqualTo(321);
        assertThat(received.header("anthropic-version")).isPresent();
    }

    @Test
    void sendsTheKeyAsXApiKeyAndNoOtherCredential() {
        LanguageModel other = models.model("anthropic-2", server.baseUrl(), "sk-ant-other", "claude-test");

        model.generate(ask("With the first key"), DeltaSink.IGNORE);
        other.generate(ask("With the second key"), DeltaSink.IGNORE);

        List<RecordedAnthropicRequest> received = server.requests();
        assertThat(received.get(0).apiKey()).contains(KEY);
        assertThat(received.get(1).apiKey()).contains("sk-ant-other");
        assertThat(received).allSatisfy(request -> {
            assertThat(request.header("authorization")).isEmpty();
            assertThat(request.headers().get("x-api-key")).hasSize(1);
        });
    }

    @Test
    void sendsTheInstructionsAndThePassagesAsTwoSeparateSystemBlocks() {
        ModelRequest request = ask("Do you ship to Texas?")
                .withPassages(List.of(new Passage("p1", "Shipping", null, "We ship to Texas in 3 days.")));

        model.generate(request, DeltaSink.IGNORE);

        List<String> system = server.lastRequest().system();
        assertThat(system).hasSize(2);
        assertThat(system.get(0)).isEqualTo(ModelRequests.SYSTEM_PROMPT);
        assertThat(system.get(1))
                .contains("<passage id=\"p1\"", "We ship to Texas in 3 days.")
                .doesNotContain(ModelRequests.SYSTEM_PROMPT);
    }

    @Test
    void sendsOnlyTheInstructionsWhenThereAreNoPassages() {
        model.generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(server.lastRequest().system()).containsExactly(ModelRequests.SYSTEM_PROMPT);
    }

    @Test
    void sendsTheConversationAsAlternatingTurnsStartingWithTheCustomer() {
        var request = ModelRequest.of(
                ModelRequests.ORGANIZATION,
                "Be helpful.",
                List.of(
                        ChatMessage.assistant("Welcome to Alpine Outfitters!"),
                        ChatMessage.customer("Hi"),
                        ChatMessage.customer("Do you ship to Texas?"),
                        ChatMessage.assistant("We do."),
                        ChatMessage.customer("How long does it take?")),
                ModelRequests.outdoorShop(),
                ModelRequests.TIMEOUT);

        model.generate(request, DeltaSink.IGNORE);

        List<Message> sent = server.lastRequest().messages();
        assertThat(sent).extracting(Message::role).containsExactly("user", "assistant", "user");
        assertThat(sent.get(0).blocks("text"))
                .extracting(block -> block.path("text").asString())
                .containsExactly("Hi", "Do you ship to Texas?");
        assertThat(sent.get(1).text()).isEqualTo("We do.");
        assertThat(sent.get(2).text()).isEqualTo("How long does it take?");
    }

    @Test
    void sendsToolsWithTheirJsonSchemaAsInputSchema() {
        model.generate(ask("Where is W1?").withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE);

        JsonNode tool = server.lastRequest().body().at("/tools/0");
        assertThat(tool.path("name").asString()).isEqualTo("find_order");
        assertThat(tool.path("description").asString()).isEqualTo("Looks up one of the customer's orders by its id.");
        assertThat(tool.at("/input_schema/type").asString()).isEqualTo("object");
        assertThat(tool.at("/input_schema/properties/order_id/type").asString()).isEqualTo("string");
        assertThat(tool.at("/input_schema/properties/order_id/description").asString())
                .isEqualTo("e.g. W123");
        assertThat(tool.at("/input_schema/required/0").asString()).isEqualTo("order_id");
    }

    @Test
    void sendsToolCallsAsToolUseAndTheirResultsAsToolResultsBeforeTheCustomersText() {
        var found = new ToolCall("toolu_1", "find_order", "{\"order_id\":\"W1\"}");
        var missing = new ToolCall("toolu_2", "find_order", "{\"order_id\":\"W2\"}");
        ModelRequest request = ask("Where are W1 and W2?")
                .withTools(List.of(ModelRequests.FIND_ORDER))
                .withMessages(List.of(
                        ChatMessage.customer("Where are W1 and W2?"),
                        new ChatMessage.Assistant("Let me look.", List.of(found, missing)),
                        new ChatMessage.ToolResult("toolu_1", "find_order", "{\"status\":\"shipped\"}", false),
                        new ChatMessage.ToolResult("toolu_2", "find_order", "no such order", true),
                        ChatMessage.customer("Thanks!")));

        model.generate(request, DeltaSink.IGNORE);

        List<Message> sent = server.lastRequest().messages();
        assertThat(sent).extracting(Message::role).containsExactly("user", "assistant", "user");
        Message asked = sent.get(1);
        assertThat(asked.content().get(0).path("type").asString()).isEqualTo("text");
        assertThat(asked.text()).isEqualTo("Let me look.");
        List<JsonNode> uses = asked.blocks("tool_use");
        assertThat(uses).hasSize(2);
        assertThat(uses.get(0).path("id").asString()).isEqualTo("toolu_1");
        assertThat(uses.get(0).path("name").asString()).isEqualTo("find_order");
        assertThat(uses.get(0).at("/input/order_id").asString()).isEqualTo("W1");
        assertThat(uses.get(1).at("/input/order_id").asString()).isEqualTo("W2");
        List<JsonNode> answered = sent.get(2).content();
        assertThat(answered)
                .extracting(block -> block.path("type").asString())
                .containsExactly("tool_result", "tool_result", "text");
        assertThat(answered.get(0).path("tool_use_id").asString()).isEqualTo("toolu_1");
        assertThat(answered.get(0).path("content").asString()).isEqualTo("{\"status\":\"shipped\"}");
        assertThat(answered.get(0).path("is_error").asBoolean(true)).isFalse();
        assertThat(answered.get(1).path("tool_use_id").asString()).isEqualTo("toolu_2");
        assertThat(answered.get(1).path("is_error").asBoolean(false)).isTrue();
        assertThat(answered.get(2).path("text").asString()).isEqualTo("Thanks!");
    }

    @Test
    void sendsArgumentsThatAreNotAJsonObjectAsAnEmptyInput() {
        var garbled = new ToolCall("toolu_1", "find_order", "{\"order_id\": ");
        ModelRequest request = ask("Where is W1?")
                .withMessages(List.of(
                        ChatMessage.customer("Where is W1?"),
                        new ChatMessage.Assistant("", List.of(garbled)),
                        new ChatMessage.ToolResult("toolu_1", "find_order", "bad arguments", true)));

        model.generate(request, DeltaSink.IGNORE);

        JsonNode use = server.lastRequest().messages().get(1).blocks("tool_use").getFirst();
        assertThat(use.path("input").isObject()).isTrue();
        assertThat(use.path("input").isEmpty()).isTrue();
    }

    @Test
    void streamsEachTextDeltaToTheSinkInOrder() {
        server.script(AnthropicScript.reply("Yes! We do ship").inChunks(5));
        List<String> pieces = new ArrayList<>();

        ModelReply reply = model.generate(ask("Count"), pieces::add);

        assertThat(pieces).containsExactly("Yes", "! W", "e d", "o s", "hip");
        assertThat(reply.text()).isEqualTo("Yes! We do ship");
    }

    @Test
    void deliversPiecesBeforeTheStreamEnds() throws Exception {
        server.script(AnthropicScript.reply("first second third").inChunks(3).stallAfter(2));
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
    void reportsUsageWithCachedInputAndTheModelTheProviderNamed() {
        server.script(AnthropicScript.reply("Fine.").withUsage(new AnthropicScript.Usage(100, 20, 300, 50)));

        ModelReply reply = model.generate(ask("How are you?"), DeltaSink.IGNORE);

        assertThat(reply.usage())
                .as("input = input_tokens + cache reads + cache writes")
                .isEqualTo(new ModelReply.Usage(450, 20, 300, false));
        assertThat(reply.provider()).isEqualTo("anthropic");
        assertThat(reply.model()).isEqualTo(ScriptedAnthropicServer.MODEL);
    }

    @Test
    void countsUsageWithTheTokenizerWhenTheProviderSaysNothing() {
        server.script(AnthropicScript.reply("Yes, we ship to Texas.").withoutUsage());
        ModelRequest request = ask("Do you ship to Texas?");

        ModelReply reply = model.generate(request, DeltaSink.IGNORE);

        assertThat(reply.usage().estimated()).isTrue();
        assertThat(reply.usage().outputTokens()).isEqualTo(Tokens.count("Yes, we ship to Texas."));
        assertThat(reply.usage().inputTokens()).isEqualTo(Tokens.countInput(request));
    }

    @ParameterizedTest
    @CsvSource({
        "end_turn, STOP",
        "stop_sequence, STOP",
        "max_tokens, MAX_TOKENS",
        "model_context_window_exceeded, MAX_TOKENS",
        "refusal, CONTENT_FILTERED",
        "pause_turn, OTHER"
    })
    void mapsTheStopReasonToAFinishReason(String stopReason, FinishReason expected) {
        server.script(AnthropicScript.reply("Some words here.").withStopReason(stopReason));

        assertThat(model.generate(ask("Hi"), DeltaSink.IGNORE).finishReason()).isEqualTo(expected);
    }

    @Test
    void returnsTheTextWrittenBeforeAToolCallWithTheCall() {
        server.script(AnthropicScript.toolCall("toolu_9", "find_order", "{\"order_id\":\"W9\"}")
                .withTextBefore("Let me check that order."));
        List<String> pieces = new ArrayList<>();

        ModelReply reply =
                model.generate(ask("Where is W9?").withTools(List.of(ModelRequests.FIND_ORDER)), pieces::add);

        assertThat(reply.text()).isEqualTo("Let me check that order.");
        assertThat(String.join("", pieces)).isEqualTo(reply.text());
        assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(reply.toolCalls()).containsExactly(new ToolCall("toolu_9", "find_order", "{\"order_id\":\"W9\"}"));
    }

    @Test
    void mapsTooManyRequestsToRateLimitedWithTheRetryAfterDelay() {
        server.script(AnthropicScript.rateLimited("7"));

        ModelException failure = assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.RATE_LIMITED);

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.retriable()).isTrue();
    }

    @Test
    void prefersTheRetryAfterInMillisecondsWhenBothAreSent() {
        server.script(AnthropicScript.status(
                429,
                AnthropicScript.errorBody("rate_limit_error"),
                Map.of("retry-after", "2", "retry-after-ms", "1500")));

        ModelException failure = assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.RATE_LIMITED);

        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(400, "invalid_request_error", Kind.MISCONFIGURED),
                Arguments.of(401, "authentication_error", Kind.MISCONFIGURED),
                Arguments.of(402, "billing_error", Kind.MISCONFIGURED),
                Arguments.of(403, "permission_error", Kind.MISCONFIGURED),
                Arguments.of(404, "not_found_error", Kind.MISCONFIGURED),
                Arguments.of(413, "request_too_large", Kind.MISCONFIGURED),
                Arguments.of(429, "rate_limit_error", Kind.RATE_LIMITED),
                Arguments.of(500, "api_error", Kind.UNAVAILABLE),
                Arguments.of(503, "api_error", Kind.UNAVAILABLE),
                Arguments.of(504, "timeout_error", Kind.UNAVAILABLE),
                Arguments.of(529, "overloaded_error", Kind.UNAVAILABLE));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void mapsEachErrorStatusToItsKind(int status, String errorType, Kind kind) {
        server.script(AnthropicScript.error(status, errorType));

        assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), kind);
    }

    @Test
    void mapsAnOverloadedErrorEventMidStreamToUnavailable() {
        server.script(AnthropicScript.reply("first second third").inChunks(3).errorEventAfter(1, "overloaded_error"));

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.UNAVAILABLE);
    }

    @Test
    void mapsAnyOtherErrorEventMidStreamToAnInvalidResponse() {
        server.script(AnthropicScript.reply("first second third").inChunks(3).errorEventAfter(1, "api_error"));

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    @Test
    void mapsARefusedConnectionToUnavailable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var nowhere = models.model("anthropic", URI.create("http://127.0.0.1:" + closedPort), KEY, "claude-test");

        assertFailure(() -> nowhere.generate(ask("Hi"), DeltaSink.IGNORE), Kind.UNAVAILABLE);
    }

    @Test
    void toleratesATrailingSlashInTheBaseUrl() {
        var slashed = models.model("anthropic", URI.create(server.baseUrl() + "/"), KEY, "claude-test");

        slashed.generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(server.lastRequest().path()).isEqualTo("/v1/messages");
    }

    @Test
    void timesOutWhenTheStreamStallsMidWayAfterSendingSomePieces() {
        server.script(AnthropicScript.reply("first second third").inChunks(3).stallAfter(1));
        List<String> pieces = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        assertFailure(() -> model.generate(ModelRequests.withTimeout(ask("Go"), SHORT), pieces::add), Kind.TIMEOUT);

        assertThat(pieces).containsExactly("first ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.plusSeconds(3));
    }

    @Test
    void answersTheNextCallAfterOneWasGivenUp() {
        server.script(AnthropicScript.hang());
        assertFailure(
                () -> model.generate(ModelRequests.withTimeout(ask("Go"), SHORT), DeltaSink.IGNORE), Kind.TIMEOUT);
        server.script(AnthropicScript.reply("Back again, happy to help."));

        assertThat(model.generate(ask("Again"), DeltaSink.IGNORE).text()).isEqualTo("Back again, happy to help.");
    }

    @Test
    void reportsAnInvalidResponseWhenTheStreamEndsWithoutMessageStop() {
        server.script(AnthropicScript.reply("first second third").inChunks(3).endEarlyAfter(2));

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    @Test
    void reportsAnInvalidResponseForAMalformedEvent() {
        server.script(AnthropicScript.malformedEvent());

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    @Test
    void failsOnceItsFactoryIsClosed() {
        models.close();

        assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.UNAVAILABLE);
        assertThat(server.requests()).isEmpty();
    }

    static Stream<AnthropicScript> failures() {
        return Stream.of(
                AnthropicScript.error(400, "invalid_request_error"),
                AnthropicScript.error(401, "authentication_error"),
                AnthropicScript.error(404, "not_found_error"),
                AnthropicScript.rateLimited("1"),
                AnthropicScript.error(500, "api_error"),
                AnthropicScript.overloaded(),
                AnthropicScript.reply("first second").errorEventAfter(1, "overloaded_error"),
                AnthropicScript.reply("first second").errorEventAfter(1, "api_error"),
                AnthropicScript.reply("first second").dropAfter(1),
                AnthropicScript.malformedEvent());
    }

    @ParameterizedTest
    @MethodSource("failures")
    void keepsTheKeyAndTheProvidersOwnWordsOutOfErrorMessages(AnthropicScript failure) {
        server.script(failure);

        assertThatThrownBy(() -> model.generate(ask("Hi"), DeltaSink.IGNORE))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.getMessage()).contains("anthropic");
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage()))
                                .doesNotContain("SECRET", AnthropicScript.PROVIDER_DETAIL);
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

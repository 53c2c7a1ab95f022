package io.parley.llm.gemini;

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
import io.parley.testing.GeminiScript;
import io.parley.testing.ModelRequests;
import io.parley.testing.RecordedGeminiRequest;
import io.parley.testing.RecordedGeminiRequest.Turn;
import io.parley.testing.ScriptedGeminiServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GeminiLanguageModelTest extends LanguageModelContract {

    private static final String KEY = "AIza-test-SECRET-KEY";
    private static final Duration SHORT = Duration.ofMillis(400);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScriptedGeminiServer server = ScriptedGeminiServer.start();
    private final GeminiModels models = new GeminiModels();
    private final LanguageModel model = models.model("gemini", server.baseUrl(), KEY, "gemini-test");

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
        return Optional.of(new GeminiStandIn(server));
    }

    @Test
    void streamsFromStreamGenerateContentWithTheKeyInItsOwnHeader() {
        model.generate(ask("Hello"), DeltaSink.IGNORE);

        RecordedGeminiRequest received = server.lastRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1beta/models/gemini-test:streamGenerateContent");
        assertThat(received.sse()).isTrue();
        assertThat(received.header("x-goog-api-key")).contains(KEY);
        assertThat(received.query()).doesNotContain(KEY);
        assertThat(received.header("authorization")).isEmpty();
    }

    @Test
    void sendsTheSystemPromptAndThePassagesAsTwoPartsOfTheSystemInstruction() {
        ModelRequest request = ask("Do you ship to Texas?")
                .withPassages(List.of(new Passage("p1", "Shipping", null, "We ship to Texas in 3 days.")));

        model.generate(request, DeltaSink.IGNORE);

        List<String> system = server.lastRequest().systemTexts();
        assertThat(system).hasSize(2);
        assertThat(system.get(0)).isEqualTo(ModelRequests.SYSTEM_PROMPT);
        assertThat(system.get(1)).contains("<passage id=\"p1\"", "We ship to Texas in 3 days.");
        assertThat(server.lastRequest().contents())
                .containsExactly(new Turn("user", List.of(JSON.readTree("{\"text\":\"Do you ship to Texas?\"}"))));
    }

    @Test
    void sendsOnlyTheSystemPromptWhenThereAreNoPassages() {
        model.generate(ask("Hi"), DeltaSink.IGNORE);

        assertThat(server.lastRequest().systemTexts()).containsExactly(ModelRequests.SYSTEM_PROMPT);
    }

    @Test
    void sendsTheConversationAsAlternatingUserAndModelTurns() {
        var request = ModelRequest.of(
                ModelRequests.ORGANIZATION,
                "Be helpful.",
                List.of(
                        ChatMessage.assistant("Welcome to Alpine Outfitters!"),
                        ChatMessage.customer("Hi"),
                        ChatMessage.customer("Do you ship to Texas?"),
                        ChatMessage.assistant("Yes, we do."),
                        ChatMessage.customer("How long does it take?")),
                ModelRequests.outdoorShop(),
                ModelRequests.TIMEOUT);

        model.generate(request, DeltaSink.IGNORE);

        List<Turn> turns = server.lastRequest().contents();
        assertThat(turns).extracting(Turn::role).containsExactly("user", "model", "user");
        assertThat(turns.get(0).texts()).containsExactly("Hi", "Do you ship to Texas?");
        assertThat(turns.get(1).texts()).containsExactly("Yes, we do.");
        assertThat(turns.get(2).texts()).containsExactly("How long does it take?");
    }

    @Test
    void sendsToolsAsFunctionDeclarationsWithTheirJsonSchemaAndTheOutputLimit() {
        model.generate(
                ask("Where is W1?").withTools(List.of(ModelRequests.FIND_ORDER)).withMaxOutputTokens(77),
                DeltaSink.IGNORE);

        JsonNode body = server.lastRequest().body();
        JsonNode declaration = body.at("/tools/0/functionDeclarations/0");
        assertThat(declaration.path("name").asString()).isEqualTo("find_order");
        assertThat(declaration.path("description").asString())
                .isEqualTo("Looks up one of the customer's orders by its id.");
        assertThat(declaration.path("parametersJsonSchema"))
                .isEqualTo(JSON.readTree(ModelRequests.FIND_ORDER.parameters()));
        assertThat(server.lastRequest().maxOutputTokens()).isEqualTo(77);
    }

    @Test
    void sendsNoToolsWhenTheRequestOffersNone() {
        model.generate(ask("Hi"), DeltaSink.IGNORE);

        assertThat(server.lastRequest().body().has("tools")).isFalse();
        assertThat(server.lastRequest().maxOutputTokens()).isEqualTo(ModelRequest.DEFAULT_MAX_OUTPUT_TOKENS);
    }

    @Test
    void sendsCallsAsFunctionCallPartsAndTheirResultsAsFunctionResponsePartsOfTheNextUserTurn() {
        var first = new ToolCall("call_1", "find_order", "{\"order_id\":\"W1\"}");
        var second = new ToolCall("call_2", "find_order", "{\"order_id\":\"W2\"}");
        ModelRequest request = ask("Where are W1 and W2?")
                .withTools(List.of(ModelRequests.FIND_ORDER))
                .withMessages(List.of(
                        ChatMessage.customer("Where are W1 and W2?"),
                        new ChatMessage.Assistant("Let me look.", List.of(first, second)),
                        new ChatMessage.ToolResult("call_1", "find_order", "{\"status\":\"shipped\"}", false),
                        new ChatMessage.ToolResult("call_2", "find_order", "No order W2 for this customer", true)));

        model.generate(request, DeltaSink.IGNORE);

        List<Turn> turns = server.lastRequest().contents();
        assertThat(turns).extracting(Turn::role).containsExactly("user", "model", "user");
        List<JsonNode> asked = turns.get(1).parts();
        assertThat(asked.get(0).path("text").asString()).isEqualTo("Let me look.");
        assertThat(asked.get(1).path("functionCall"))
                .isEqualTo(JSON.readTree("{\"id\":\"call_1\",\"name\":\"find_order\",\"args\":{\"order_id\":\"W1\"}}"));
        assertThat(asked.get(2).at("/functionCall/id").asString()).isEqualTo("call_2");
        assertThat(Base64.getDecoder()
                        .decode(asked.get(1).path("thoughtSignature").asString()))
                .as("the first call carries the signature Google documents for calls whose own was not kept")
                .isEqualTo("skip_thought_signature_validator".getBytes(StandardCharsets.US_ASCII));
        assertThat(asked.get(2).has("thoughtSignature")).isFalse();
        List<JsonNode> results = turns.get(2).parts();
        assertThat(results.get(0).path("functionResponse"))
                .isEqualTo(JSON.readTree(
                        "{\"id\":\"call_1\",\"name\":\"find_order\",\"response\":{\"status\":\"shipped\"}}"));
        assertThat(results.get(1).at("/functionResponse/id").asString()).isEqualTo("call_2");
        assertThat(results.get(1).at("/functionResponse/response"))
                .isEqualTo(JSON.readTree("{\"error\":\"No order W2 for this customer\"}"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            [1,2]                 | false | {"result":[1,2]}
            42                    | false | {"result":42}
            plain words           | false | {"result":"plain words"}
            "a JSON string"       | false | {"result":"a JSON string"}
            {"code":"E1"}         | true  | {"error":{"code":"E1"}}
            """)
    void wrapsToolResultsThatAreNotAnObjectAndMarksFailures(String content, boolean failed, String expected) {
        ModelRequest request = ask("Go")
                .withMessages(List.of(
                        ChatMessage.customer("Go"),
                        new ChatMessage.Assistant("", List.of(new ToolCall("c1", "find_order", "{}"))),
                        new ChatMessage.ToolResult("c1", "find_order", content, failed)));

        model.generate(request, DeltaSink.IGNORE);

        assertThat(server.lastRequest().contents().get(2).parts().getFirst().at("/functionResponse/response"))
                .isEqualTo(JSON.readTree(expected));
    }

    @Test
    void readsFunctionCallsAndInventsIdsWhenGeminiGivesNone() {
        server.script(GeminiScript.toolCalls(
                new GeminiScript.FunctionCall(null, "find_order", "{\"order_id\":\"A1\"}"),
                new GeminiScript.FunctionCall(null, "find_order", "{\"order_id\":\"B2\"}")));

        ModelReply reply = model.generate(ask("Where are A1 and B2?"), DeltaSink.IGNORE);

        assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(reply.text()).isEmpty();
        assertThat(reply.toolCalls())
                .containsExactly(
                        new ToolCall("call_0", "find_order", "{\"order_id\":\"A1\"}"),
                        new ToolCall("call_1", "find_order", "{\"order_id\":\"B2\"}"));
    }

    @Test
    void keepsTheIdGeminiGivesToACall() {
        server.script(GeminiScript.toolCall("fc-77", "find_order", "{\"order_id\":\"W7\"}"));

        ModelReply reply = model.generate(ask("Where is W7?"), DeltaSink.IGNORE);

        assertThat(reply.toolCalls()).extracting(ToolCall::id).containsExactly("fc-77");
    }

    @Test
    void reportsUsageWithCachedAndThinkingTokensAndTheModelThatAnswered() {
        server.script(GeminiScript.reply("Fine, thanks.").withUsage(new GeminiScript.Usage(120, 30, 100, 12)));

        ModelReply reply = model.generate(ask("How are you?"), DeltaSink.IGNORE);

        assertThat(reply.usage())
                .as("thinking tokens are output, as Gemini bills them")
                .isEqualTo(new ModelReply.Usage(120, 42, 100, false));
        assertThat(reply.provider()).isEqualTo("gemini");
        assertThat(reply.model()).isEqualTo(ScriptedGeminiServer.MODEL_VERSION);
    }

    @Test
    void countsUsageWithTheTokenizerWhenGeminiReportsNone() {
        server.script(GeminiScript.reply("Yes, we ship to Texas.").withoutUsage());
        ModelRequest request = ask("Do you ship to Texas?");

        ModelReply reply = model.generate(request, DeltaSink.IGNORE);

        assertThat(reply.usage().estimated()).isTrue();
        assertThat(reply.usage().outputTokens()).isEqualTo(Tokens.count("Yes, we ship to Texas."));
        assertThat(reply.usage().inputTokens()).isEqualTo(Tokens.countInput(request));
    }

    @ParameterizedTest
    @CsvSource({
        "STOP, STOP",
        "MAX_TOKENS, MAX_TOKENS",
        "SAFETY, CONTENT_FILTERED",
        "RECITATION, CONTENT_FILTERED",
        "PROHIBITED_CONTENT, CONTENT_FILTERED",
        "LANGUAGE, OTHER",
        "MALFORMED_FUNCTION_CALL, OTHER",
        "SOMETHING_NEW, OTHER"
    })
    void mapsGeminisFinishReason(String geminiReason, FinishReason expected) {
        server.script(GeminiScript.reply("Part of an answer").finishingWith(geminiReason));

        assertThat(model.generate(ask("Go"), DeltaSink.IGNORE).finishReason()).isEqualTo(expected);
    }

    @Test
    void reportsABlockedPromptAsFilteredWithoutText() {
        server.script(GeminiScript.blockedPrompt());

        ModelReply reply = model.generate(ask("Something the filter blocks"), DeltaSink.IGNORE);

        assertThat(reply.finishReason()).isEqualTo(FinishReason.CONTENT_FILTERED);
        assertThat(reply.text()).isEmpty();
        assertThat(reply.toolCalls()).isEmpty();
    }

    @Test
    void leavesThoughtSummariesOutOfTheReply() {
        String thought =
                """
                {"candidates":[{"content":{"parts":[{"text":"Thinking about Texas","thought":true}],"role":"model"},\
                "index":0}]}""";
        String answer =
                """
                {"candidates":[{"content":{"parts":[{"text":"Yes, we do."}],"role":"model"},"finishReason":"STOP",\
                "index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4,"thoughtsTokenCount":5}}""";
        server.script(GeminiScript.raw(200, "data: " + thought + "\r\n\r\ndata: " + answer + "\r\n\r\n"));
        List<String> pieces = new ArrayList<>();

        ModelReply reply = model.generate(ask("Do you ship to Texas?"), pieces::add);

        assertThat(pieces).containsExactly("Yes, we do.");
        assertThat(reply.text()).isEqualTo("Yes, we do.");
        assertThat(reply.usage()).isEqualTo(new ModelReply.Usage(9, 9, 0, false));
    }

    @Test
    void streamsEachChunkToTheSinkInOrder() {
        server.script(GeminiScript.reply("Yes! We do ship").inChunks(5));
        List<String> pieces = new ArrayList<>();

        ModelReply reply = model.generate(ask("Count"), pieces::add);

        assertThat(pieces).containsExactly("Yes", "! W", "e d", "o s", "hip");
        assertThat(reply.text()).isEqualTo("Yes! We do ship");
    }

    @Test
    void deliversPiecesBeforeTheStreamEnds() throws Exception {
        server.script(GeminiScript.reply("first second third").inChunks(3).stallAfter(2));
        var twoPieces = new CountDownLatch(2);
        var outcome = new CompletableFuture<Throwable>();
        var interruptFlagKept = new CompletableFuture<Boolean>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                model.generate(ask("Go"), piece -> twoPieces.countDown());
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
            interruptFlagKept.complete(Thread.currentThread().isInterrupted());
        });

        assertThat(twoPieces.await(5, TimeUnit.SECONDS))
                .as("pieces reached the sink while the stream was still open")
                .isTrue();
        caller.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(interruptFlagKept.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void timesOutWhenTheStreamStallsMidWayAfterSendingSomePieces() {
        server.script(GeminiScript.reply("first second third").inChunks(3).stallAfter(1));
        List<String> pieces = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        assertFailure(() -> model.generate(ModelRequests.withTimeout(ask("Go"), SHORT), pieces::add), Kind.TIMEOUT);

        assertThat(pieces).containsExactly("first ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.plusSeconds(3));
    }

    @Test
    void reportsAnInvalidResponseWhenTheStreamEndsWithoutAFinishReason() {
        server.script(GeminiScript.reply("first second third").inChunks(3).endEarlyAfter(2));

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    @Test
    void reportsAnInvalidResponseForAnErrorInsideTheStream() {
        server.script(GeminiScript.errorInStream());

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    @Test
    void reportsAnInvalidResponseForAMalformedChunk() {
        server.script(GeminiScript.malformedChunk());

        assertFailure(() -> model.generate(ask("Go"), DeltaSink.IGNORE), Kind.INVALID_RESPONSE);
    }

    static Stream<Arguments> httpErrors() {
        return Stream.of(
                Arguments.of(GeminiScript.error(400, "INVALID_ARGUMENT", "API_KEY_INVALID"), Kind.MISCONFIGURED),
                Arguments.of(GeminiScript.error(400, "INVALID_ARGUMENT"), Kind.MISCONFIGURED),
                Arguments.of(GeminiScript.error(400, "FAILED_PRECONDITION"), Kind.MISCONFIGURED),
                Arguments.of(GeminiScript.error(401, "UNAUTHENTICATED"), Kind.MISCONFIGURED),
                Arguments.of(GeminiScript.error(403, "PERMISSION_DENIED"), Kind.MISCONFIGURED),
                Arguments.of(GeminiScript.error(404, "NOT_FOUND"), Kind.MISCONFIGURED),
                Arguments.of(GeminiScript.rateLimited("20s"), Kind.RATE_LIMITED),
                Arguments.of(GeminiScript.error(500, "INTERNAL"), Kind.UNAVAILABLE),
                Arguments.of(GeminiScript.error(503, "UNAVAILABLE"), Kind.UNAVAILABLE),
                Arguments.of(GeminiScript.error(504, "DEADLINE_EXCEEDED"), Kind.UNAVAILABLE),
                Arguments.of(GeminiScript.raw(502, "<html>Bad gateway</html>"), Kind.UNAVAILABLE));
    }

    @ParameterizedTest
    @MethodSource("httpErrors")
    void mapsEachHttpErrorOnceAndMakesTheCallOnlyOnce(GeminiScript error, Kind kind) {
        server.script(error);

        assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), kind);

        assertThat(server.requests()).as("no retries of the SDK's own").hasSize(1);
    }

    @Test
    void namesTheInvalidKeyReasonInTheMessage() {
        server.script(GeminiScript.error(400, "INVALID_ARGUMENT", "API_KEY_INVALID"));

        ModelException failure = assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.MISCONFIGURED);

        assertThat(failure.getMessage()).contains("gemini", "400", "API_KEY_INVALID", "api-key");
        assertThat(failure.retriable()).isFalse();
    }

    @Test
    void takesTheRetryDelayFromGooglesRetryInfo() {
        server.script(GeminiScript.rateLimited("37s"));

        ModelException failure = assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.RATE_LIMITED);

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(37));
        assertThat(failure.retriable()).isTrue();
    }

    @Test
    void takesTheRetryDelayFromARetryAfterHeaderFirst() {
        server.script(GeminiScript.rateLimited("37s").withHeader("Retry-After", "7"));

        ModelException failure = assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.RATE_LIMITED);

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void hasNoRetryDelayWhenGoogleGivesNone() {
        server.script(GeminiScript.error(503, "UNAVAILABLE"));

        ModelException failure = assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.UNAVAILABLE);

        assertThat(failure.retryAfter()).isEmpty();
    }

    static Stream<GeminiScript> failures() {
        String body = "{\"error\":{\"code\":%d,\"message\":\"PROVIDER-DETAIL for key " + KEY
                + "\",\"status\":\"%s\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"PROVIDER-DETAIL\"}]}}";
        return Stream.of(
                GeminiScript.raw(400, body.formatted(400, "INVALID_ARGUMENT")),
                GeminiScript.raw(403, body.formatted(403, "PERMISSION_DENIED")),
                GeminiScript.raw(429, body.formatted(429, "RESOURCE_EXHAUSTED")),
                GeminiScript.raw(503, body.formatted(503, "UNAVAILABLE")),
                GeminiScript.raw(200, "data: " + body.formatted(500, "INTERNAL") + "\r\n\r\n"),
                GeminiScript.raw(
                        200, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + KEY + "\r\n\r\n"),
                GeminiScript.errorInStream(),
                GeminiScript.malformedChunk());
    }

    @ParameterizedTest
    @MethodSource("failures")
    void keepsTheKeyAndTheProvidersOwnWordsOutOfErrorMessages(GeminiScript failure) {
        server.script(failure);

        assertThatThrownBy(() -> model.generate(ask("Hi"), DeltaSink.IGNORE))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.getMessage()).contains("gemini");
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("SECRET", "PROVIDER-DETAIL");
                    }
                });
    }

    @Test
    void mapsARefusedConnectionToUnavailable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var nowhere = models.model("gemini", URI.create("http://127.0.0.1:" + closedPort), KEY, "gemini-test");

        assertFailure(() -> nowhere.generate(ask("Hi"), DeltaSink.IGNORE), Kind.UNAVAILABLE);
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
    void sharesOneConnectionPoolBetweenModelsThatEachSendTheirOwnKey() {
        LanguageModel other = models.model("gemini-pro", server.baseUrl(), "other-key", "gemini-other");

        model.generate(ask("First"), DeltaSink.IGNORE);
        other.generate(ask("Second"), DeltaSink.IGNORE);

        List<RecordedGeminiRequest> received = server.requests();
        assertThat(received.get(0).apiKey()).contains(KEY);
        assertThat(received.get(0).model()).isEqualTo("gemini-test");
        assertThat(received.get(1).apiKey()).contains("other-key");
        assertThat(received.get(1).model()).isEqualTo("gemini-other");
        assertThat(server.connections()).as("connections").isEqualTo(1);
    }

    @Test
    void createsModelsWithoutAnyNetworkCall() {
        models.model("gemini-2", server.baseUrl(), "another-key", "gemini-test");
        models.model("gemini-google", null, "another-key", GeminiModels.DEFAULT_MODEL);

        assertThat(server.requests()).isEmpty();
        assertThat(GeminiModels.baseUrlOf(null)).isEqualTo(URI.create("https://generativelanguage.googleapis.com"));
    }

    @Test
    void refusesAnEmptyKeyWithoutNamingIt() {
        assertThatThrownBy(() -> models.model("gemini", server.baseUrl(), "  ", "gemini-test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gemini");
    }

    @Test
    void failsOnceClosed() {
        models.close();

        assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.UNAVAILABLE);
        assertThatThrownBy(() -> models.model("late", server.baseUrl(), KEY, "gemini-test"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(server.requests()).isEmpty();
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

package io.parley.llm.bedrock;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelRequest;
import io.parley.testing.BedrockScript;
import io.parley.testing.ModelRequests;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Every way Bedrock fails, on both paths (ConverseStream, and Converse for Llama with tools), mapped once to a kind,
 * in messages that hold neither Bedrock's words nor the secret key.
 */
class BedrockFailuresTest {

    private static final Duration SHORT = Duration.ofMillis(400);

    private final BedrockFixture bedrock = new BedrockFixture();

    @AfterEach
    void stop() {
        Thread.interrupted();
        bedrock.close();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments(BedrockScript.accessDenied(), Kind.MISCONFIGURED),
                arguments(BedrockScript.unrecognizedClient(), Kind.MISCONFIGURED),
                arguments(BedrockScript.unknownModel(), Kind.MISCONFIGURED),
                arguments(BedrockScript.resourceNotFound(), Kind.MISCONFIGURED),
                arguments(BedrockScript.error(400, "SomethingNewException", "PROVIDER-DETAIL"), Kind.MISCONFIGURED),
                arguments(BedrockScript.throttled(), Kind.RATE_LIMITED),
                arguments(BedrockScript.error(429, "TooManyRequestsException", "PROVIDER-DETAIL"), Kind.RATE_LIMITED),
                arguments(BedrockScript.serviceUnavailable(), Kind.UNAVAILABLE),
                arguments(BedrockScript.internalServer(), Kind.UNAVAILABLE),
                arguments(BedrockScript.modelNotReady(), Kind.UNAVAILABLE),
                arguments(BedrockScript.error(502, "BadGateway", "PROVIDER-DETAIL"), Kind.UNAVAILABLE),
                arguments(BedrockScript.modelTimeout(), Kind.TIMEOUT),
                arguments(BedrockScript.malformed(), Kind.INVALID_RESPONSE),
                arguments(BedrockScript.reply("first second third").stopAfter(1), Kind.INVALID_RESPONSE),
                arguments(BedrockScript.reply("first second third").endEarlyAfter(2), Kind.INVALID_RESPONSE));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void mapsEachStreamingFailureOnceWithoutBedrocksWordsOrTheKey(BedrockScript failure, Kind kind) {
        bedrock.server.script(failure);

        assertFailure(() -> bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi"), DeltaSink.IGNORE), kind);
        assertThat(bedrock.server.requests()).as("the SDK does not retry").hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void mapsEachConverseFailureTheSameWay(BedrockScript failure, Kind kind) {
        bedrock.server.script(failure);
        ModelRequest withTools = ask("Hi").withTools(List.of(ModelRequests.FIND_ORDER));

        assertFailure(() -> bedrock.model(BedrockFixture.LLAMA).generate(withTools, DeltaSink.IGNORE), kind);
        assertThat(bedrock.server.requests()).as("the SDK does not retry").hasSize(1);
        assertThat(bedrock.server.lastRequest().operation()).isEqualTo("converse");
    }

    static Stream<Arguments> exceptionEvents() {
        return Stream.of(
                arguments("modelStreamErrorException", Kind.INVALID_RESPONSE),
                arguments("internalServerException", Kind.INVALID_RESPONSE),
                arguments("serviceUnavailableException", Kind.INVALID_RESPONSE),
                arguments("validationException", Kind.INVALID_RESPONSE),
                arguments("throttlingException", Kind.RATE_LIMITED));
    }

    @ParameterizedTest
    @MethodSource("exceptionEvents")
    void mapsAnExceptionEventInsideTheStream(String exceptionType, Kind kind) {
        bedrock.server.script(BedrockScript.exceptionInStream(exceptionType));
        List<String> pieces = new CopyOnWriteArrayList<>();

        assertFailure(() -> bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi"), pieces::add), kind);
        assertThat(pieces).as("the text before the exception event").containsExactly("Hel");
    }

    @Test
    void mapsThrottlingToRateLimitedWithTheRetryAfterDelay() {
        bedrock.server.script(BedrockScript.throttled().withHeader("Retry-After", "7"));

        ModelException failure = assertFailure(
                () -> bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi"), DeltaSink.IGNORE), Kind.RATE_LIMITED);

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.retriable()).isTrue();
    }

    @Test
    void leavesRetryAfterEmptyWhenBedrockGivesNone() {
        bedrock.server.script(BedrockScript.throttled());

        ModelException failure = assertFailure(
                () -> bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi"), DeltaSink.IGNORE), Kind.RATE_LIMITED);

        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void mapsARefusedConnectionToUnavailable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);

        assertFailure(
                () -> bedrock.models
                        .model("bedrock", nowhere, "us-east-1", BedrockFixture.CLAUDE)
                        .generate(ask("Hi"), DeltaSink.IGNORE),
                Kind.UNAVAILABLE);
        assertFailure(
                () -> bedrock.models
                        .model("bedrock", nowhere, "us-east-1", BedrockFixture.LLAMA)
                        .generate(ask("Hi").withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE),
                Kind.UNAVAILABLE);
    }

    @Test
    void mapsMissingCredentialsToMisconfigured() {
        AwsCredentialsProvider none = () -> {
            throw new IllegalStateException("Unable to load credentials from any of the providers PROVIDER-DETAIL");
        };
        try (var models = new BedrockModels(none)) {
            LanguageModel model =
                    models.model("bedrock", bedrock.server.endpoint(), "us-east-1", BedrockFixture.CLAUDE);

            ModelException failure =
                    assertFailure(() -> model.generate(ask("Hi"), DeltaSink.IGNORE), Kind.MISCONFIGURED);

            assertThat(failure.getMessage()).contains("credentials");
        }
        assertThat(bedrock.server.requests()).as("nothing unsigned was sent").isEmpty();
    }

    @Test
    void timesOutWhenTheStreamStallsMidWayAfterSendingSomePieces() {
        LanguageModel model = bedrock.model(BedrockFixture.CLAUDE);
        bedrock.server.script(
                BedrockScript.reply("first second third").inChunks(3).stallAfter(1));
        List<String> pieces = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        assertFailure(() -> model.generate(ask("Go").withTimeout(SHORT), pieces::add), Kind.TIMEOUT);

        assertThat(pieces).containsExactly("first ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.plusSeconds(3));
    }

    @Test
    void timesOutWhenConverseNeverAnswers() {
        bedrock.server.script(BedrockScript.hang());
        long start = System.nanoTime();

        assertFailure(
                () -> bedrock.model(BedrockFixture.LLAMA)
                        .generate(
                                ask("Go")
                                        .withTools(List.of(ModelRequests.FIND_ORDER))
                                        .withTimeout(SHORT),
                                DeltaSink.IGNORE),
                Kind.TIMEOUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.plusSeconds(3));
    }

    @Test
    void stopsConversePromptlyWhenAPlatformThreadCallerIsInterrupted() throws Exception {
        bedrock.server.script(BedrockScript.hang());
        LanguageModel model = bedrock.model(BedrockFixture.LLAMA);
        ModelRequest request =
                ask("Go").withTools(List.of(ModelRequests.FIND_ORDER)).withTimeout(Duration.ofMinutes(1));
        var outcome = new CompletableFuture<Throwable>();
        var interruptFlagKept = new CompletableFuture<Boolean>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                model.generate(request, DeltaSink.IGNORE);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
            interruptFlagKept.complete(Thread.currentThread().isInterrupted());
        });
        bedrock.server.awaitRequests(1, Duration.ofSeconds(5));

        caller.interrupt();

        assertThat(outcome.get(3, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(interruptFlagKept.get(3, TimeUnit.SECONDS)).isTrue();
    }

    private static ModelException assertFailure(ThrowingCallable call, Kind kind) {
        var caught = new ModelException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.getMessage()).contains("bedrock");
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage()))
                        .doesNotContain(BedrockScript.PROVIDER_DETAIL, BedrockFixture.SECRET_KEY);
            }
            caught[0] = e;
        });
        return caught[0];
    }
}

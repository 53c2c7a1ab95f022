package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.parley.testing.ModelRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link LanguageModel} contract, which every adapter's test extends: pieces in order that add up to the reply,
 * on the calling thread; usage and who answered reported; a tool call's round trip; every kind of provider failure
 * mapped, without the provider's own words; the timeout honoured; interruption obeyed. Adapters of a remote provider
 * run it against a local {@link StandIn} that speaks the provider's real wire format. The class-wide timeout turns
 * an adapter that ignores its own into a failure rather than a hung build.
 */
@Timeout(30)
public abstract class LanguageModelContract {

    /** Slack for a loaded build machine; the contract's timeouts are far shorter than a hang would be. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    /** Words every stand-in puts in its error bodies: they must never reach an exception's message. */
    public static final String PROVIDER_DETAIL = "PROVIDER-DETAIL";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A model that answers normally. */
    protected abstract LanguageModel model();

    /** The local server standing in for the model's provider; empty for engines without one (the offline one). */
    protected Optional<StandIn> standIn() {
        return Optional.empty();
    }

    /** A request the model answers with a reply of several words. */
    protected ModelRequest request() {
        return ModelRequests.ask("Hello, can I return a tent I bought last week?");
    }

    /**
     * A local server speaking a provider's wire format, scripted call by call. Unscripted calls get some reply of
     * several words.
     */
    public interface StandIn {

        /** The next call streams {@code text} in several pieces and ends normally, with usage. */
        void reply(String text);

        /** The next call asks for one tool to run, with these arguments (a JSON object). */
        void toolCall(String id, String name, String arguments);

        /** The next call fails this way; error bodies carry {@link #PROVIDER_DETAIL}. */
        void fail(Failure failure);

        /** The next call is accepted and never answered, until the stand-in closes. */
        void stall();

        /** Returns once this many calls have arrived. */
        void awaitCalls(int count);

        /** The body of the last call, as the provider received it. */
        String lastRequestBody();
    }

    /** How a provider fails, and the kind the adapter must map it to. */
    public enum Failure {
        /** The key is wrong (HTTP 401 or 403). */
        UNAUTHORIZED(ModelException.Kind.MISCONFIGURED),
        /** The model does not exist (HTTP 404, or the provider's own "unknown model" answer). */
        UNKNOWN_MODEL(ModelException.Kind.MISCONFIGURED),
        /** Too many requests (HTTP 429, or the provider's throttling answer). */
        THROTTLED(ModelException.Kind.RATE_LIMITED),
        /** The provider broke (HTTP 500 or 503). */
        SERVER_ERROR(ModelException.Kind.UNAVAILABLE),
        /** The stream starts, sends some text, then the connection drops. */
        BROKEN_STREAM(ModelException.Kind.INVALID_RESPONSE);

        private final ModelException.Kind kind;

        Failure(ModelException.Kind kind) {
            this.kind = kind;
        }

        public ModelException.Kind kind() {
            return kind;
        }
    }

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    @Test
    protected void streamsNonEmptyPiecesWhoseConcatenationIsTheReply() {
        standIn().ifPresent(s -> s.reply("Yes, within 30 days with the receipt. Bring the tent to any of our stores."));
        List<String> pieces = new CopyOnWriteArrayList<>();

        ModelReply reply = model().generate(request(), pieces::add);

        assertThat(reply.text()).isNotBlank();
        assertThat(reply.finishReason()).isEqualTo(ModelReply.FinishReason.STOP);
        assertThat(reply.toolCalls()).isEmpty();
        assertThat(pieces).allSatisfy(piece -> assertThat(piece).isNotEmpty());
        assertThat(String.join("", pieces)).isEqualTo(reply.text());
        if (model().capabilities().streaming()) {
            assertThat(pieces).hasSizeGreaterThan(1);
        }
    }

    @Test
    protected void callsTheSinkOnTheCallingThread() {
        standIn().ifPresent(s -> s.reply("Of course, happy to help with that."));
        Thread caller = Thread.currentThread();
        List<Thread> threads = new CopyOnWriteArrayList<>();

        model().generate(request(), piece -> threads.add(Thread.currentThread()));

        assertThat(threads).isNotEmpty().containsOnly(caller);
    }

    @Test
    protected void reportsUsageAndWhoAnswered() {
        standIn().ifPresent(s -> s.reply("Happy to help with your return."));

        ModelReply reply = model().generate(request(), DeltaSink.IGNORE);

        assertThat(reply.usage().inputTokens()).isPositive();
        assertThat(reply.usage().outputTokens()).isPositive();
        assertThat(reply.provider()).isEqualTo(model().id());
        assertThat(reply.model()).isNotBlank();
    }

    @Test
    protected void returnsWithinTheTimeout() {
        standIn().ifPresent(s -> s.reply("A short answer."));
        Duration timeout = Duration.ofSeconds(5);
        long start = System.nanoTime();

        model().generate(request().withTimeout(timeout), DeltaSink.IGNORE);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout);
    }

    @Test
    protected void declaresToolsOnlyWhenItCanCallThem() {
        if (!model().capabilities().tools()) {
            standIn().ifPresent(s -> s.reply("No tools here."));
            ModelReply reply = model().generate(request().withTools(List.of(ModelRequests.FIND_ORDER)), s -> {});
            assertThat(reply.toolCalls())
                    .as("a model without tools never asks for one")
                    .isEmpty();
            return;
        }
        StandIn standIn = standIn().orElseThrow(() -> new AssertionError("a model with tools needs a stand-in"));
        standIn.reply("Nothing to look up.");
        model().generate(request().withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE);
        assertThat(standIn.lastRequestBody())
                .as("the tool's name, description and schema reach the provider")
                .contains("find_order", "Looks up one of the customer's orders", "order_id");
    }

    @Test
    protected void roundTripsAToolCall() {
        StandIn standIn = assumeStandIn();
        assumeThat(model().capabilities().tools())
                .as("this model calls no tools")
                .isTrue();
        ModelRequest first = ModelRequests.ask("Where is my order W123?").withTools(List.of(ModelRequests.FIND_ORDER));
        standIn.toolCall("call_w123", "find_order", "{\"order_id\":\"W123\"}");

        ModelReply asked = model().generate(first, DeltaSink.IGNORE);

        assertThat(asked.finishReason()).isEqualTo(ModelReply.FinishReason.TOOL_CALLS);
        assertThat(asked.toolCalls()).hasSize(1);
        ToolCall call = asked.toolCalls().getFirst();
        assertThat(call.id()).isNotBlank();
        assertThat(call.name()).isEqualTo("find_order");
        assertThat(JSON.readTree(call.arguments())).isEqualTo(JSON.readTree("{\"order_id\":\"W123\"}"));

        List<ChatMessage> messages = new ArrayList<>(first.messages());
        messages.add(new ChatMessage.Assistant(asked.text(), asked.toolCalls()));
        messages.add(new ChatMessage.ToolResult(
                call.id(), call.name(), "{\"status\":\"shipped\",\"tracking\":\"TRK-777\"}", false));
        standIn.reply("Your order W123 has shipped; the tracking number is TRK-777.");
        List<String> pieces = new ArrayList<>();

        ModelReply answer = model().generate(first.withMessages(messages), pieces::add);

        assertThat(answer.text()).isEqualTo("Your order W123 has shipped; the tracking number is TRK-777.");
        assertThat(String.join("", pieces)).isEqualTo(answer.text());
        assertThat(answer.finishReason()).isEqualTo(ModelReply.FinishReason.STOP);
        assertThat(standIn.lastRequestBody())
                .as("the call and its result went back to the provider")
                .contains("find_order", "W123", "TRK-777");
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    protected void mapsEachFailureToItsKindWithoutTheProvidersWords(Failure failure) {
        StandIn standIn = assumeStandIn();
        standIn.fail(failure);

        assertThatThrownBy(() -> model().generate(request(), DeltaSink.IGNORE))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).as(e.getMessage()).isEqualTo(failure.kind());
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(PROVIDER_DETAIL);
                    }
                });
    }

    @Test
    protected void failsAtOnceWhenCalledOnAnInterruptedThread() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> model().generate(request(), DeltaSink.IGNORE)).isInstanceOf(ModelException.class);
        assertThat(Thread.currentThread().isInterrupted())
                .as("interrupt flag kept")
                .isTrue();
    }

    @Test
    protected void givesUpWithATimeoutWhenTheProviderNeverAnswers() {
        StandIn standIn = assumeStandIn();
        standIn.stall();
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();

        assertThatThrownBy(() -> model().generate(request().withTimeout(timeout), DeltaSink.IGNORE))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plus(SLACK));
    }

    @Test
    protected void stopsPromptlyWhenTheCallingThreadIsInterrupted() throws Exception {
        StandIn standIn = assumeStandIn();
        standIn.stall();
        var outcome = new CompletableFuture<Throwable>();
        var interruptFlagKept = new CompletableFuture<Boolean>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                model().generate(request().withTimeout(Duration.ofMinutes(1)), DeltaSink.IGNORE);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
            interruptFlagKept.complete(Thread.currentThread().isInterrupted());
        });
        standIn.awaitCalls(1);

        caller.interrupt();

        assertThat(outcome.get(SLACK.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(ModelException.class);
        assertThat(interruptFlagKept.get(SLACK.toMillis(), TimeUnit.MILLISECONDS))
                .as("interrupt flag kept")
                .isTrue();
    }

    private StandIn assumeStandIn() {
        Optional<StandIn> standIn = standIn();
        assumeThat(standIn).as("this engine has no provider to stand in for").isPresent();
        return standIn.get();
    }
}

package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.parley.testing.ModelRequests;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link LanguageModel} contract, which every adapter's test extends: pieces in order that add up to the reply,
 * on the calling thread; usage reported; the timeout honoured; interruption obeyed. The class-wide timeout turns
 * an adapter that ignores its own into a failure rather than a hung build.
 */
@Timeout(30)
public abstract class LanguageModelContract {

    /** Slack for a loaded build machine; the contract's timeouts are far shorter than a hang would be. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    /** A model that answers normally. */
    protected abstract LanguageModel model();

    /** A request the model answers with a reply of several words. */
    protected ModelRequest request() {
        return ModelRequests.ask("Hello, can I return a tent I bought last week?");
    }

    /** A model whose provider accepts the call and never answers; empty for engines that cannot stall. */
    protected Optional<LanguageModel> stalledModel() {
        return Optional.empty();
    }

    /** Returns once a call to the {@link #stalledModel()} has reached its provider. */
    protected void awaitStalledCallStarted() {}

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    @Test
    protected void streamsNonEmptyPiecesWhoseConcatenationIsTheReply() {
        List<String> pieces = new CopyOnWriteArrayList<>();

        ModelReply reply = model().generate(request(), pieces::add);

        assertThat(reply.text()).isNotBlank();
        assertThat(pieces).allSatisfy(piece -> assertThat(piece).isNotEmpty());
        assertThat(String.join("", pieces)).isEqualTo(reply.text());
        if (model().capabilities().streaming()) {
            assertThat(pieces).hasSizeGreaterThan(1);
        }
    }

    @Test
    protected void callsTheSinkOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new CopyOnWriteArrayList<>();

        model().generate(request(), piece -> threads.add(Thread.currentThread()));

        assertThat(threads).isNotEmpty().containsOnly(caller);
    }

    @Test
    protected void reportsUsageAndTheModelName() {
        ModelReply reply = model().generate(request(), DeltaSink.IGNORE);

        assertThat(reply.usage().inputTokens()).isPositive();
        assertThat(reply.usage().outputTokens()).isPositive();
        assertThat(reply.model()).isNotBlank();
    }

    @Test
    protected void returnsWithinTheTimeout() {
        Duration timeout = Duration.ofSeconds(5);
        long start = System.nanoTime();

        model().generate(ModelRequests.withTimeout(request(), timeout), DeltaSink.IGNORE);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout);
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
        Optional<LanguageModel> stalled = stalledModel();
        assumeThat(stalled).as("this engine cannot stall").isPresent();
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();

        assertThatThrownBy(
                        () -> stalled.get().generate(ModelRequests.withTimeout(request(), timeout), DeltaSink.IGNORE))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plus(SLACK));
    }

    @Test
    protected void stopsPromptlyWhenTheCallingThreadIsInterrupted() throws Exception {
        Optional<LanguageModel> stalled = stalledModel();
        assumeThat(stalled).as("this engine cannot stall").isPresent();
        var outcome = new CompletableFuture<Throwable>();
        var interruptFlagKept = new CompletableFuture<Boolean>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                stalled.get().generate(ModelRequests.withTimeout(request(), Duration.ofMinutes(1)), DeltaSink.IGNORE);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
            interruptFlagKept.complete(Thread.currentThread().isInterrupted());
        });
        awaitStalledCallStarted();

        caller.interrupt();

        assertThat(outcome.get(SLACK.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(ModelException.class);
        assertThat(interruptFlagKept.get(SLACK.toMillis(), TimeUnit.MILLISECONDS))
                .as("interrupt flag kept")
                .isTrue();
    }
}

package io.parley.llm.openai;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.DeltaSink;
import io.parley.llm.ModelException;
import io.parley.testing.OpenAiScript;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole contract and every request-shape test again, each called from a virtual thread, where the adapter reads
 * the stream on the caller's thread instead of handing chunks over from a thread of its own.
 */
@ExtendWith(OnVirtualThreads.class)
class OpenAiOnVirtualThreadsTest extends OpenAiLanguageModelTest {

    @Test
    void runsOnAVirtualThread() {
        assertThat(Thread.currentThread().isVirtual()).isTrue();
    }

    @Test
    void stopsPromptlyWhenACallingVirtualThreadIsInterrupted() throws Exception {
        server().script(OpenAiScript.hang());
        var outcome = new CompletableFuture<Throwable>();
        var interruptFlagKept = new CompletableFuture<Boolean>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                model().generate(ask("Hi").withTimeout(Duration.ofMinutes(1)), DeltaSink.IGNORE);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
            interruptFlagKept.complete(Thread.currentThread().isInterrupted());
        });
        server().awaitRequests(1, Duration.ofSeconds(5));

        caller.interrupt();

        assertThat(outcome.get(3, TimeUnit.SECONDS)).isInstanceOf(ModelException.class);
        assertThat(interruptFlagKept.get(3, TimeUnit.SECONDS))
                .as("interrupt flag kept")
                .isTrue();
    }
}

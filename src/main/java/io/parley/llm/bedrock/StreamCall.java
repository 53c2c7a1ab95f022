package io.parley.llm.bedrock;

import io.parley.llm.DeltaSink;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * One ConverseStream call. The SDK delivers events on its own threads; they are handed over through a queue and read
 * on the caller's thread, which is where the sink is called, in order. The call is started on a thread of its own:
 * the SDK signs the request and resolves credentials (which may mean asking an instance or container endpoint)
 * before it returns, and the caller must not wait for that past its deadline. The caller waits for each event no
 * later than the deadline; when it gives up (deadline, interrupt, a failing sink) the SDK's call is cancelled, which
 * closes its connection. Used by one thread, once.
 */
final class StreamCall {

    /** What the SDK's threads hand over. */
    private sealed interface Signal {}

    private record Event(ConverseStreamOutput event) implements Signal {}

    private record Completed() implements Signal {}

    private record Failed(Throwable error) implements Signal {}

    private final BedrockRuntimeAsyncClient client;
    private final Executor starter;
    private final BedrockFailures failures;
    private final String providerId;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    /** Set by the SDK's threads once Bedrock's HTTP response arrived, whatever its status. */
    private final AtomicBoolean answered = new AtomicBoolean();
    /** Set by the SDK's thread once the response turned out to be a stream (HTTP 200). */
    private volatile boolean started;
    /** The SDK's call, once the starter has it. */
    private final AtomicReference<CompletableFuture<Void>> call = new AtomicReference<>();
    /** Set by the caller when it stops waiting; the starter cancels a call it starts after that. */
    private volatile boolean abandoned;

    StreamCall(BedrockRuntimeAsyncClient client, Executor starter, BedrockFailures failures, String providerId) {
        this.client = client;
        this.starter = starter;
        this.failures = failures;
        this.providerId = providerId;
    }

    /** Streams the reply to {@code sink} and returns it whole; throws {@link ModelException} when it cannot. */
    Replies.Answer read(ConverseRequests parts, String modelId, Duration timeout, long deadline, DeltaSink sink) {
        try {
            starter.execute(() -> start(parts, modelId, timeout));
        } catch (RejectedExecutionException e) {
            throw new ModelException(Kind.UNAVAILABLE, prefix() + "the Bedrock client is closed");
        }
        boolean finished = false;
        boolean eventSeen = false;
        try {
            var reader = new ConverseStreamReader(sink);
            while (true) {
                switch (next(deadline)) {
                    case Event event -> {
                        eventSeen = true;
                        reader.accept(event.event());
                    }
                    case Completed completed -> {
                        finished = true;
                        return answer(reader);
                    }
                    case Failed failed -> {
                        finished = true;
                        throw failures.map(failed.error(), started || eventSeen, answered.get());
                    }
                }
            }
        } finally {
            if (!finished) {
                abandon();
            }
        }
    }

    private void start(ConverseRequests parts, String modelId, Duration timeout) {
        CompletableFuture<Void> sdkCall;
        try {
            sdkCall = client.converseStream(parts.streaming(modelId, timeout, answered), handler());
        } catch (RuntimeException e) {
            signals.add(new Failed(e));
            return;
        }
        // A failure the handler did not report (the SDK refused the call before it began) still ends the wait.
        sdkCall.whenComplete((ignored, error) -> {
            if (error != null) {
                signals.add(new Failed(error));
            }
        });
        call.set(sdkCall);
        if (abandoned) {
            sdkCall.cancel(true);
        }
    }

    /** Cancels the SDK's call whether or not the starter has begun it yet; one of the two sides sees the other. */
    private void abandon() {
        abandoned = true;
        CompletableFuture<Void> sdkCall = call.get();
        if (sdkCall != null) {
            sdkCall.cancel(true);
        }
    }

    private Signal next(long deadline) {
        long left = deadline - System.nanoTime();
        Signal signal;
        try {
            signal = left > 0 ? signals.poll(left, TimeUnit.NANOSECONDS) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(Kind.UNAVAILABLE, prefix() + "call interrupted");
        }
        if (signal == null) {
            throw new ModelException(
                    Kind.TIMEOUT, prefix() + (started ? "did not finish its reply in time" : "did not answer in time"));
        }
        return signal;
    }

    private Replies.Answer answer(ConverseStreamReader reader) {
        try {
            return reader.answer();
        } catch (IllegalStateException e) {
            throw failures.unreadable(e.getMessage());
        }
    }

    private ConverseStreamResponseHandler handler() {
        return ConverseStreamResponseHandler.builder()
                .onResponse(response -> started = true)
                .subscriber(event -> signals.add(new Event(event)))
                .onComplete(() -> signals.add(new Completed()))
                .onError(error -> signals.add(new Failed(error)))
                .build();
    }

    private String prefix() {
        return "provider '" + providerId + "': ";
    }
}

package io.parley.llm.bedrock;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * A model on Bedrock Runtime. Replies stream through ConverseStream, except when the request offers tools to a Meta
 * Llama model, which Bedrock only lets call tools through Converse ({@link ModelIds#needsConverseForTools}); that
 * reply reaches the sink in one piece.
 *
 * <p>The request's timeout covers the whole call, stream included: the SDK's own {@code apiCallTimeout} and the
 * caller's wait for each event both end at the deadline, and the call is cancelled then. Interrupting the caller
 * cancels the call and throws {@link Kind#UNAVAILABLE} with the interrupt flag kept. Thread-safe.
 */
final class BedrockLanguageModel implements LanguageModel {

    private final String id;
    private final String modelId;
    private final BedrockRuntimeAsyncClient streaming;
    private final BedrockRuntimeClient blocking;
    private final ExecutorService blockingCalls;
    private final BedrockFailures failures;

    BedrockLanguageModel(
            String id,
            String modelId,
            BedrockRuntimeAsyncClient streaming,
            BedrockRuntimeClient blocking,
            ExecutorService blockingCalls) {
        this.id = id;
        this.modelId = modelId;
        this.streaming = streaming;
        this.blocking = blocking;
        this.blockingCalls = blockingCalls;
        this.failures = new BedrockFailures(id, Clock.systemUTC());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ModelCapabilities capabilities() {
        return ModelCapabilities.STREAMING_WITH_TOOLS;
    }

    @Override
    public ModelReply generate(ModelRequest request, DeltaSink sink) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted();
        }
        ConverseRequests parts = ConverseRequests.of(request, modelId);
        Replies.Answer answer;
        if (!request.tools().isEmpty() && ModelIds.needsConverseForTools(modelId)) {
            answer = converse(parts, request.timeout(), deadline);
            if (!answer.text().isEmpty()) {
                sink.onDelta(answer.text());
            }
        } else {
            answer = new StreamCall(streaming, blockingCalls, failures, id)
                    .read(parts, modelId, request.timeout(), deadline, sink);
        }
        ModelReply.Usage usage = answer.usage() != null ? answer.usage() : Tokens.estimate(request, answer.text());
        // Bedrock does not name the model that answered; the configured id (or inference profile) is the best we know.
        return new ModelReply(answer.text(), answer.toolCalls(), answer.finishReason(), usage, id, modelId);
    }

    /**
     * Calls Converse on a virtual thread of its own and waits for it until the deadline: the blocking HTTP client
     * cannot be woken by interrupting a caller on a platform thread, so the caller only waits, and leaves promptly.
     */
    private Replies.Answer converse(ConverseRequests parts, Duration timeout, long deadline) {
        var arrived = new AtomicBoolean();
        Future<ConverseResponse> call;
        try {
            call = blockingCalls.submit(() -> blocking.converse(parts.whole(modelId, timeout, arrived)));
        } catch (RejectedExecutionException e) {
            throw new ModelException(Kind.UNAVAILABLE, prefix() + "the Bedrock client is closed");
        }
        ConverseResponse response;
        try {
            response = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted();
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ModelException(Kind.TIMEOUT, prefix() + "did not answer within " + timeout);
        } catch (ExecutionException e) {
            throw failures.map(e.getCause(), false, arrived.get());
        }
        try {
            return Replies.of(response);
        } catch (IllegalStateException e) {
            throw failures.unreadable("the answer had " + e.getMessage());
        }
    }

    private ModelException interrupted() {
        return new ModelException(Kind.UNAVAILABLE, prefix() + "call interrupted");
    }

    private String prefix() {
        return "provider '" + id + "': ";
    }
}

package io.parley.llm.anthropic;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.services.blocking.MessageService;
import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Claude model behind Anthropic's Messages API, always streamed ({@code messages().createStreaming}).
 *
 * <p>The request's timeout covers the whole call, from sending to {@code message_stop}: the caller waits for the
 * reader's pieces on a queue until the deadline and then gives the call up ({@link StreamingCall}), so neither a
 * server that never answers nor one that stalls mid-reply can hold it. Interrupting the caller gives the call up
 * the same way, with {@link ModelException.Kind#UNAVAILABLE}, and keeps its interrupt flag. The sink is called on
 * the caller's thread only. Thread-safe.
 */
final class AnthropicLanguageModel implements LanguageModel {

    /**
     * How much longer than Parley's deadline the SDK's own request timeout is: it only bounds the reader thread in
     * case giving up failed, and must never beat the caller's deadline to it.
     */
    private static final Duration BACKSTOP = Duration.ofSeconds(2);

    private final String id;
    private final String model;
    private final MessageService messages;
    private final AtomicBoolean closed;
    private final AnthropicFailures failures;

    AnthropicLanguageModel(
            String id, String model, MessageService messages, AtomicBoolean closed, AnthropicFailures failures) {
        this.id = id;
        this.model = model;
        this.messages = messages;
        this.closed = closed;
        this.failures = failures;
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
        if (Thread.currentThread().isInterrupted()) {
            throw failures.interrupted();
        }
        if (closed.get()) {
            throw failures.closed();
        }
        long deadline = System.nanoTime() + request.timeout().toNanos();
        StreamingCall call = StreamingCall.start(
                messages,
                MessagesRequest.of(model, request),
                options(request.timeout()),
                failures,
                "parley-anthropic-" + id);
        boolean finished = false;
        try {
            while (true) {
                switch (call.next(deadline - System.nanoTime())) {
                    case null -> throw failures.timeout(request.timeout());
                    case StreamingCall.Piece piece -> sink.onDelta(piece.text());
                    case StreamingCall.Failed failed -> {
                        finished = true;
                        throw failed.failure();
                    }
                    case StreamingCall.Finished done -> {
                        finished = true;
                        return reply(request, done.result());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.interrupted();
        } finally {
            if (!finished) {
                call.cancel();
            }
        }
    }

    private ModelReply reply(ModelRequest request, MessageStream.Result result) {
        Usage usage = result.usage() != null ? result.usage() : Tokens.estimate(request, result.text());
        return new ModelReply(
                result.text(),
                result.toolCalls(),
                result.finishReason(),
                usage,
                id,
                result.model() != null ? result.model() : model);
    }

    private static RequestOptions options(Duration timeout) {
        return RequestOptions.builder()
                .timeout(Timeout.builder().request(timeout.plus(BACKSTOP)).build())
                .build();
    }
}

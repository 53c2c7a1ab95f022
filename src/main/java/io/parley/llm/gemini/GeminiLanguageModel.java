package io.parley.llm.gemini;

import com.google.genai.Client;
import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Gemini model behind {@code models/{model}:streamGenerateContent?alt=sse}, always streamed.
 *
 * <p>The request's timeout covers the whole call, from sending the request to the stream's last chunk: the caller
 * waits for the stream's events with what is left of it, and at the deadline cancels the HTTP call and throws
 * {@link Kind#TIMEOUT}. Interrupting the caller cancels it likewise, with {@link Kind#UNAVAILABLE}, and keeps the
 * interrupt flag. Thread-safe.
 */
final class GeminiLanguageModel implements LanguageModel {

    private final String id;
    private final String model;
    private final Client client;
    private final ThreadFactory workers;
    private final JsonMapper json;
    private final BooleanSupplier closed;

    GeminiLanguageModel(
            String id, String model, Client client, ThreadFactory workers, JsonMapper json, BooleanSupplier closed) {
        this.id = id;
        this.model = model;
        this.client = client;
        this.workers = workers;
        this.json = json;
        this.closed = closed;
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
            throw interrupted();
        }
        if (closed.getAsBoolean()) {
            throw new ModelException(Kind.UNAVAILABLE, prefix() + "its client was closed");
        }
        long deadline = System.nanoTime() + request.timeout().toNanos();
        GeminiRequest gemini = GeminiRequest.of(request, json);
        StreamingCall call = StreamingCall.start(
                workers,
                () -> client.models.generateContentStream(model, gemini.contents(), gemini.config()),
                new ReplyAssembler(id, json));
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                StreamingCall.Event event = left > 0 ? call.next(left) : null;
                switch (event) {
                    case null ->
                        throw new ModelException(
                                Kind.TIMEOUT, prefix() + "did not finish its reply within " + request.timeout());
                    case StreamingCall.Piece piece -> sink.onDelta(piece.text());
                    case StreamingCall.Finished finished -> {
                        return reply(request, finished.result());
                    }
                    case StreamingCall.Failed failed -> throw GeminiFailures.of(id, failed.error(), failed.streaming());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        } finally {
            call.abort();
        }
    }

    private ModelReply reply(ModelRequest request, ReplyAssembler.Result result) {
        ModelReply.Usage usage = result.usage() != null ? result.usage() : Tokens.estimate(request, result.text());
        return new ModelReply(
                result.text(),
                result.toolCalls(),
                result.finishReason(),
                usage,
                id,
                result.model() != null ? result.model() : model);
    }

    private ModelException interrupted() {
        return new ModelException(Kind.UNAVAILABLE, prefix() + "call interrupted");
    }

    private String prefix() {
        return "provider '" + id + "': ";
    }
}

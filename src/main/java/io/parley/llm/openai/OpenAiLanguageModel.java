package io.parley.llm.openai;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A model behind an OpenAI-compatible {@code POST /chat/completions}, always streamed, through the SDK's blocking
 * client.
 *
 * <p>A caller on a virtual thread (as Parley's are) reads the stream itself: interrupting a virtual thread closes the
 * socket it is blocked on, and OkHttp's call timeout, set to the request's, closes the stream at the deadline. On a
 * platform thread, whose blocking reads OkHttp does not let an interrupt stop, the SDK reads on a virtual thread of
 * its own and hands each chunk over through a queue; the caller takes them, calls the sink and waits no longer than
 * the request's timeout, and when it gives up, at the deadline or when interrupted, it interrupts the reading
 * thread. OkHttp's call timeout, a second later there, is only a backstop. Either way the sink is called on the
 * caller's thread, and interrupting the caller aborts the call with {@link Kind#UNAVAILABLE} and keeps its interrupt
 * flag. Thread-safe.
 */
final class OpenAiLanguageModel implements LanguageModel {

    /** Lets Parley's own deadline fire first, so the timeout is always reported as ours. */
    private static final Duration BACKSTOP = Duration.ofSeconds(1);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final OpenAIClient client;
    private final String model;
    private final JsonMapper json;
    private final Clock clock;

    OpenAiLanguageModel(String id, OpenAIClient client, String model, JsonMapper json, Clock clock) {
        this.id = id;
        this.client = client;
        this.model = model;
        this.json = json;
        this.clock = clock;
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
        long deadline = System.nanoTime() + request.timeout().toNanos();
        ChatCompletionCreateParams params = ChatParams.of(model, request, json);
        if (Thread.currentThread().isVirtual()) {
            return generateHere(request, params, sink, deadline);
        }
        var reading = new Reading(params, options(request.timeout(), BACKSTOP));
        Thread reader = Thread.ofVirtual().name("parley-openai-sdk-reader").start(reading);
        var reply = new StreamedReply(sink);
        boolean ended = false;
        try {
            while (true) {
                Event event = reading.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                switch (event) {
                    case null ->
                        throw new ModelException(
                                Kind.TIMEOUT, prefix() + "did not finish its reply within " + request.timeout());
                    case Event.Chunk chunk -> reply.accept(chunk.chunk());
                    case Event.Failed failed -> throw failure(failed, deadline);
                    case Event.End end -> {
                        ended = true;
                        return finish(request, reply);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        } finally {
            if (!ended) {
                reader.interrupt();
            }
        }
    }

    /**
     * Reads the stream on the caller's own virtual thread, saving the hand-over: an interrupt closes a virtual
     * thread's socket, so the blocking read stops as the contract asks, and OkHttp's call timeout, set to the
     * request's, closes the stream at the deadline.
     */
    private ModelReply generateHere(
            ModelRequest request, ChatCompletionCreateParams params, DeltaSink sink, long deadline) {
        var reply = new StreamedReply(piece -> {
            try {
                sink.onDelta(piece);
            } catch (RuntimeException e) {
                throw new SinkFailed(e);
            }
        });
        boolean answered = false;
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params, options(request.timeout(), Duration.ZERO))) {
            answered = true;
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (chunks.hasNext()) {
                reply.accept(chunks.next());
            }
        } catch (SinkFailed e) {
            throw e.failure;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted();
            }
            throw failure(new Event.Failed(e, answered), deadline);
        }
        return finish(request, reply);
    }

    /** Carries the sink's own failure past the SDK's, to be rethrown as it was. */
    private static final class SinkFailed extends RuntimeException {
        final RuntimeException failure;

        SinkFailed(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private ModelReply finish(ModelRequest request, StreamedReply reply) {
        if (!reply.finished()) {
            throw new ModelException(
                    Kind.INVALID_RESPONSE, prefix() + "the stream ended before the reply was complete");
        }
        if (reply.hasNamelessCall()) {
            throw new ModelException(Kind.INVALID_RESPONSE, prefix() + "a tool call came without a name");
        }
        StreamedReply.Result result = reply.result();
        Usage usage = result.usage() != null ? result.usage() : Tokens.estimate(request, result.text());
        return new ModelReply(
                result.text(),
                result.toolCalls(),
                result.finishReason(),
                usage,
                id,
                result.model() != null ? result.model() : model);
    }

    /** Whole-call timeouts {@code slack} past Parley's deadline; the connect timeout no longer than the call's. */
    private static RequestOptions options(Duration timeout, Duration slack) {
        Duration backstop = timeout.plus(slack);
        return RequestOptions.builder()
                .timeout(Timeout.builder()
                        .connect(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT)
                        .read(backstop)
                        .write(backstop)
                        .request(backstop)
                        .build())
                .build();
    }

    /** Maps what the reading thread caught; the SDK's exception itself is dropped (its message quotes the server). */
    private ModelException failure(Event.Failed failed, long deadline) {
        Throwable e = failed.error();
        if (e instanceof Error error) {
            throw error;
        }
        if (deadline - System.nanoTime() <= 0) {
            return new ModelException(Kind.TIMEOUT, prefix() + "did not finish its reply in time");
        }
        return switch (e) {
            case OpenAIServiceException service -> SdkFailures.forService(id, service, clock);
            case OpenAIInvalidDataException invalid ->
                new ModelException(Kind.INVALID_RESPONSE, prefix() + "a chunk could not be read");
            case OpenAIIoException io
            when !failed.answered() -> new ModelException(Kind.UNAVAILABLE, prefix() + "could not be reached");
            case OpenAIIoException io -> new ModelException(Kind.INVALID_RESPONSE, prefix() + "the stream broke off");
            default ->
                failed.answered()
                        ? new ModelException(Kind.INVALID_RESPONSE, prefix() + "the reply could not be read")
                        : new ModelException(Kind.UNAVAILABLE, prefix() + "the call failed before an answer");
        };
    }

    private ModelException interrupted() {
        return new ModelException(Kind.UNAVAILABLE, prefix() + "call interrupted");
    }

    private String prefix() {
        return "provider '" + id + "': ";
    }

    /** What the reading thread hands to the caller's. */
    private sealed interface Event {
        record Chunk(ChatCompletionChunk chunk) implements Event {}

        /** The stream ended ({@code [DONE]} and the end of the body, or just the end). */
        record End() implements Event {}

        /**
         * @param answered true when the server had answered 200 before it failed
         */
        record Failed(Throwable error, boolean answered) implements Event {}
    }

    /** One call's stream, read on its own virtual thread. */
    private final class Reading implements Runnable {
        private final ChatCompletionCreateParams params;
        private final RequestOptions options;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        Reading(ChatCompletionCreateParams params, RequestOptions options) {
            this.params = params;
            this.options = options;
        }

        @Override
        public void run() {
            boolean answered = false;
            try (StreamResponse<ChatCompletionChunk> stream =
                    client.chat().completions().createStreaming(params, options)) {
                answered = true;
                stream.stream().forEach(chunk -> events.add(new Event.Chunk(chunk)));
                events.add(new Event.End());
            } catch (Throwable e) {
                events.add(new Event.Failed(e, answered));
            }
        }
    }
}

package io.parley.llm.openai;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model behind an OpenAI-compatible {@code POST /chat/completions}, always streamed.
 *
 * <p>The request's timeout covers the whole call: the wait for the response headers (the HTTP client's own request
 * timeout) and then the stream, which a timer closes at the deadline so that a server stalling mid-reply cannot
 * hold the caller. Interrupting the caller aborts the call with {@link Kind#UNAVAILABLE} and keeps its interrupt
 * flag. Thread-safe.
 */
final class OpenAiLanguageModel implements LanguageModel {

    private final String id;
    private final URI endpoint;
    private final @Nullable String apiKey;
    private final String model;
    private final HttpClient http;
    private final ScheduledExecutorService deadlines;
    private final JsonMapper json;
    private final Clock clock;

    OpenAiLanguageModel(
            String id,
            URI endpoint,
            @Nullable String apiKey,
            String model,
            HttpClient http,
            ScheduledExecutorService deadlines,
            JsonMapper json,
            Clock clock) {
        this.id = id;
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.model = model;
        this.http = http;
        this.deadlines = deadlines;
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
        long deadline = System.nanoTime() + request.timeout().toNanos();
        HttpResponse<InputStream> response = send(request);
        InputStream body = response.body();
        ChatCompletionStream.Result result;
        try {
            if (response.statusCode() != 200) {
                throw HttpFailures.forStatus(id, response.statusCode(), response.headers(), clock);
            }
            result = readBefore(deadline, body, sink);
        } catch (RuntimeException e) {
            closeQuietly(body);
            throw e;
        }
        release(body);
        Usage usage = result.usage() != null ? result.usage() : Tokens.estimate(request, result.text());
        return new ModelReply(
                result.text(),
                result.toolCalls(),
                result.finishReason(),
                usage,
                id,
                result.model() != null ? result.model() : model);
    }

    /**
     * Reads what follows {@code [DONE]} (the end of the chunked body, already on its way) before closing, so the
     * connection goes back to the pool for the next call: closed while that last chunk is in flight, it would be
     * dropped. A server that keeps the body open after {@code [DONE]} is cut off after a moment.
     */
    private void release(InputStream body) {
        ScheduledFuture<?> cutOff = deadlines.schedule(() -> closeQuietly(body), 200, TimeUnit.MILLISECONDS);
        try (body) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // The server ended badly after a complete reply: the connection is simply not reused.
        } finally {
            cutOff.cancel(false);
        }
    }

    private HttpResponse<InputStream> send(ModelRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(request.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        json.writeValueAsBytes(ChatRequest.streaming(model, request))));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new ModelException(Kind.UNAVAILABLE, prefix() + "could not connect in time", null, e);
        } catch (HttpTimeoutException e) {
            throw new ModelException(Kind.TIMEOUT, prefix() + "did not answer within " + request.timeout(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw new ModelException(Kind.UNAVAILABLE, prefix() + "could not be reached", null, e);
        }
    }

    /** Reads the stream, closing it from the timer at the deadline; a read that fails then is a timeout. */
    private ChatCompletionStream.Result readBefore(long deadline, InputStream body, DeltaSink sink) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = deadlines.schedule(
                () -> {
                    expired.set(true);
                    closeQuietly(body);
                },
                deadline - System.nanoTime(),
                TimeUnit.NANOSECONDS);
        try {
            var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            return new ChatCompletionStream(json, sink, id).read(reader);
        } catch (IOException | ModelException e) {
            if (expired.get()) {
                throw new ModelException(Kind.TIMEOUT, prefix() + "did not finish its reply in time", null, e);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            if (e instanceof ModelException failure) {
                throw failure;
            }
            throw new ModelException(Kind.INVALID_RESPONSE, prefix() + "the stream broke off", null, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private ModelException interrupted(Exception cause) {
        return new ModelException(Kind.UNAVAILABLE, prefix() + "call interrupted", null, cause);
    }

    private String prefix() {
        return "provider '" + id + "': ";
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // Closing only releases the connection; there is nothing left to report.
        }
    }
}

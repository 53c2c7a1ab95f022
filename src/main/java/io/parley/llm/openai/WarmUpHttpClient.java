package io.parley.llm.openai;

import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Answers requests marked {@link #WARM_UP} with a canned stream, locally, so that one call at startup loads and links
 * what the SDK needs on every call (its Kotlin reflection, its Jackson modules, the SSE reader): without it the first
 * customer after a restart waits about two seconds longer. Every other request passes through untouched.
 */
final class WarmUpHttpClient implements HttpClient {

    static final String WARM_UP = "X-Parley-Warm-Up";

    private static final String CHUNK =
            "data: {\"id\":\"warm-up\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"warm-up\",";
    private static final byte[] STREAM = (CHUNK
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "\"finish_reason\":null}]}\n\n"
                    + CHUNK
                    + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_0\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"warm_up\",\"arguments\":\"{}\"}}]},"
                    + "\"finish_reason\":\"tool_calls\"}]}\n\n"
                    + CHUNK
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\n"
                    + "data: [DONE]\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpClient delegate;

    WarmUpHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        return isWarmUp(request) ? canned() : delegate.execute(request, options);
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        return isWarmUp(request)
                ? CompletableFuture.completedFuture(canned())
                : delegate.executeAsync(request, options);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static boolean isWarmUp(HttpRequest request) {
        if (!request.headers().names().contains(WARM_UP)) {
            return false;
        }
        // The SDK writes the body lazily; writing it here warms its serializers as a real call would.
        if (request.body() != null) {
            request.body().writeTo(java.io.OutputStream.nullOutputStream());
        }
        return true;
    }

    private static HttpResponse canned() {
        var body = new ByteArrayInputStream(STREAM);
        return new HttpResponse() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public Headers headers() {
                return Headers.builder()
                        .put("Content-Type", "text/event-stream")
                        .build();
            }

            @Override
            public InputStream body() {
                return body;
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }
}

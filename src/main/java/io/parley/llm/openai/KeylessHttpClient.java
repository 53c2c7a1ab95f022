package io.parley.llm.openai;

import com.openai.core.RequestOptions;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Lets a model go without an {@code Authorization} header. The SDK requires a credential and always sends it as a
 * bearer token, but a local Ollama, vLLM or llama.cpp server runs without a key, and a key must not be invented for
 * it. A model without a key marks its requests with {@link #NO_KEY}; this strips the marker and the placeholder token
 * before the request leaves.
 */
final class KeylessHttpClient implements HttpClient {

    static final String NO_KEY = "X-Parley-No-Key";

    private final HttpClient delegate;

    KeylessHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        return delegate.execute(strip(request), options);
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        return delegate.executeAsync(strip(request), options);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static HttpRequest strip(HttpRequest request) {
        if (!request.headers().names().contains(NO_KEY)) {
            return request;
        }
        return request.toBuilder()
                .removeHeaders(NO_KEY)
                .removeHeaders("Authorization")
                .build();
    }
}

package io.parley.llm.gemini;

import com.google.genai.Client;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import io.parley.llm.LanguageModel;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates models served by Google's Gemini Developer API (an API key, never Vertex AI or Google credentials) through
 * Google's Gen AI SDK. Every model shares one HTTP client, so one connection pool (one HTTP/2 connection to Google);
 * each model still gets its own SDK {@code Client}, because the SDK binds the key to the client, but that is a handful
 * of small objects and no network. Thread-safe. Close it when the application stops; the models it created fail
 * afterwards.
 */
public final class GeminiModels implements AutoCloseable {

    /**
     * Gemini 3.1 Flash-Lite: Google's low-cost, low-latency model with function calling
     * (https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-lite); the 2.0 and 2.5 Flash models it replaces
     * have been shut down. Operators name a newer one with {@code parley.llm.providers.<id>.model}.
     */
    public static final String DEFAULT_MODEL = "gemini-3.1-flash-lite";

    static final URI GOOGLE_BASE_URL = URI.create("https://generativelanguage.googleapis.com");

    /** The API version that has {@code systemInstruction}, tools with {@code parametersJsonSchema}, and SSE streams. */
    private static final String API_VERSION = "v1beta";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One attempt, and no status worth retrying: the SDK would otherwise try five times and, even with one attempt,
     * sleep about a second after a 429 or 5xx before returning it. Parley retries, falls back and breaks circuits itself.
     */
    private static final HttpRetryOptions NO_RETRIES = HttpRetryOptions.builder()
            .attempts(1)
            .httpStatusCodes(List.of())
            .initialDelay(0.0)
            .build();

    private final OkHttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ThreadFactory workers =
            Thread.ofVirtual().name("parley-gemini-", 0).factory();
    private final AtomicBoolean closed = new AtomicBoolean();

    public GeminiModels() {
        http = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                // Each request's own timeout bounds the whole call; a read timeout would also cut off a model that
                // thinks quietly for a while before its first token.
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .followRedirects(false)
                .followSslRedirects(false)
                // Application interceptors run in the order added and before the ones the SDK adds to its copy.
                .addInterceptor(new CallTracker())
                .addInterceptor(new ErrorResponses(json, Clock.systemUTC()))
                .build();
    }

    /**
     * A model of the Gemini Developer API.
     *
     * @param id the provider id, for messages and {@link LanguageModel#id()}
     * @param baseUrl overrides https://generativelanguage.googleapis.com (tests, proxies); null for Google's own
     * @param apiKey the Gemini API key, sent as {@code x-goog-api-key}; never logged
     * @param model e.g. gemini-2.0-flash
     */
    public LanguageModel model(String id, @Nullable URI baseUrl, String apiKey, String model) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("provider '" + id + "': the Gemini API key is empty");
        }
        if (closed.get()) {
            throw new IllegalStateException("the Gemini models were closed");
        }
        // An explicit key and vertexAI(false) keep the SDK on the Developer API: it then never reads the
        // GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_API_KEY or base-URL variables, nor looks for application default
        // credentials. The explicit base URL and version likewise win over GOOGLE_GEMINI_BASE_URL and
        // GOOGLE_GENAI_API_VERSION.
        Client client = Client.builder()
                .apiKey(apiKey)
                .vertexAI(false)
                .httpOptions(HttpOptions.builder()
                        .baseUrl(baseUrlOf(baseUrl).toString())
                        .apiVersion(API_VERSION)
                        .retryOptions(NO_RETRIES)
                        .build())
                .clientOptions(ClientOptions.builder().customHttpClient(http).build())
                .build();
        // The client is never closed on its own: its close() would shut down the pool all models share.
        return new GeminiLanguageModel(id, model, client, workers, json, closed::get);
    }

    static URI baseUrlOf(@Nullable URI baseUrl) {
        return baseUrl != null ? baseUrl : GOOGLE_BASE_URL;
    }

    /** Ends calls under way, and makes every model created here fail from now on. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.dispatcher().cancelAll();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}

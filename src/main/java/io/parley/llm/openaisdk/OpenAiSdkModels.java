package io.parley.llm.openaisdk;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import com.openai.core.ObjectMappers;
import com.openai.core.Timeout;
import io.parley.llm.LanguageModel;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Creates models for OpenAI-compatible chat-completions servers (OpenAI, Ollama, vLLM, llama.cpp server) on OpenAI's
 * official Java SDK, the alternative to the hand-written {@code io.parley.llm.openai.OpenAiClient} with the same
 * meaning. All models share one SDK client and so one OkHttp connection pool; each model is a cheap
 * {@code withOptions} view with its own base URL and key. Thread-safe. Close it when the application stops; the models
 * it created fail afterwards.
 */
public final class OpenAiSdkModels implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The SDK insists on a credential; each model replaces it with its key, or strips it when it has none. */
    private static final String NO_KEY_PLACEHOLDER = "none";

    private final OpenAIClient client;
    private final JsonMapper json = ObjectMappers.jsonMapper();

    public OpenAiSdkModels() {
        var http = new KeylessHttpClient(OkHttpClient.builder()
                .timeout(Timeout.builder().connect(CONNECT_TIMEOUT).build())
                .build());
        // Parley retries, falls back and breaks circuits itself: the SDK's own retries would hide failures from it.
        client = new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(http)
                .apiKey(NO_KEY_PLACEHOLDER)
                .maxRetries(0)
                .build());
    }

    /**
     * A model served at {@code baseUrl}.
     *
     * @param id the provider id, for messages and {@link LanguageModel#id()}
     * @param baseUrl the server's OpenAI-compatible root, e.g. {@code http://localhost:11434/v1}; a trailing slash
     *     is fine
     * @param apiKey sent as a bearer token; null sends no Authorization header
     * @param model the model name as the server knows it
     */
    public LanguageModel model(String id, URI baseUrl, @Nullable String apiKey, String model) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        String root = baseUrl.toString().replaceAll("/+$", "");
        OpenAIClient forModel = client.withOptions(options -> {
            options.baseUrl(root);
            // In SDK 4.8.0, withOptions copies the base client's finished headers, Authorization included, and lets
            // them override the new credential's: without this removal every model would send the placeholder.
            options.removeHeaders("Authorization");
            if (apiKey != null) {
                options.apiKey(apiKey);
            } else {
                options.putHeader(KeylessHttpClient.NO_KEY, "true");
            }
        });
        return new OpenAiSdkLanguageModel(id, forModel, model, json, Clock.systemUTC());
    }

    @Override
    public void close() {
        client.close();
    }
}

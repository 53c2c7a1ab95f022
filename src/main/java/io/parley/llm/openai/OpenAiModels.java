package io.parley.llm.openai;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import com.openai.core.ObjectMappers;
import com.openai.core.Timeout;
import io.parley.llm.ChatMessage;
import io.parley.llm.DeltaSink;
import io.parley.llm.Grounding;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tool;
import io.parley.tenant.OrganizationId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates models for OpenAI-compatible chat-completions servers (OpenAI, Ollama, vLLM, llama.cpp server) on OpenAI's
 * official Java SDK. (It replaced Parley's own HTTP client, which was not faster to the first delta: see
 * docs/benchmarks.md.) All models share one SDK client and so one OkHttp connection pool; each model is a cheap
 * {@code withOptions} view with its own base URL and key. Creating it starts a local warm-up call in the background
 * (see {@link WarmUpHttpClient}). Thread-safe. Close it when the application stops; the models
 * it created fail afterwards.
 */
public final class OpenAiModels implements AutoCloseable {

    public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");
    /** Ollama's OpenAI-compatible endpoint on its default port. */
    public static final URI OLLAMA_BASE_URL = URI.create("http://localhost:11434/v1");

    private static final Logger log = LoggerFactory.getLogger(OpenAiModels.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The SDK insists on a credential; each model replaces it with its key, or strips it when it has none. */
    private static final String NO_KEY_PLACEHOLDER = "none";

    private final OpenAIClient client;
    private final JsonMapper json = ObjectMappers.jsonMapper();

    public OpenAiModels() {
        var http = new WarmUpHttpClient(new KeylessHttpClient(OkHttpClient.builder()
                .timeout(Timeout.builder().connect(CONNECT_TIMEOUT).build())
                .build()));
        // Parley retries, falls back and breaks circuits itself: the SDK's own retries would hide failures from it.
        client = new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(http)
                .apiKey(NO_KEY_PLACEHOLDER)
                .maxRetries(0)
                .build());
        Thread.ofVirtual().name("parley-openai-sdk-warm-up").start(this::warmUp);
    }

    /**
     * One call answered locally by {@link WarmUpHttpClient}, never over the network; true when it went through.
     */
    boolean warmUp() {
        OpenAIClient local = client.withOptions(options -> options.putHeader(WarmUpHttpClient.WARM_UP, "true"));
        var warm = new OpenAiLanguageModel("warm-up", local, "warm-up", json, Clock.systemUTC());
        var request = new ModelRequest(
                new OrganizationId("warm-up"),
                "Warm up.",
                List.of(ChatMessage.customer("Hi")),
                List.of(new Tool("warm_up", "Warms up.", "{\"type\":\"object\"}", Tool.Kind.READ)),
                List.of(),
                new Grounding("warm-up", null, List.of(), List.of(), List.of(), null, "-"),
                1,
                Duration.ofSeconds(30));
        try {
            warm.generate(request, DeltaSink.IGNORE);
            return true;
        } catch (RuntimeException e) {
            // A warm-up that fails costs the first real call its speed, nothing more.
            log.debug("The OpenAI SDK's warm-up call failed", e);
            return false;
        }
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
        return new OpenAiLanguageModel(id, forModel, model, json, Clock.systemUTC());
    }

    @Override
    public void close() {
        client.close();
    }
}

package io.parley.llm.openai;

import io.parley.llm.LanguageModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates models for OpenAI-compatible chat-completions servers (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio),
 * all sharing one HTTP client and one timer thread. Thread-safe. Close it when the application stops; the models
 * it created fail afterwards.
 */
public final class OpenAiClient implements AutoCloseable {

    public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");
    /** Ollama's OpenAI-compatible endpoint on its default port. */
    public static final URI OLLAMA_BASE_URL = URI.create("http://localhost:11434/v1");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ScheduledThreadPoolExecutor deadlines;
    private final JsonMapper json = JsonMapper.builder().build();

    public OpenAiClient() {
        // HTTP/1.1: plain-http servers such as Ollama do not speak h2c, and an upgrade attempt costs a round trip.
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        deadlines = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("parley-llm-deadline").factory());
        deadlines.setRemoveOnCancelPolicy(true);
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
        URI endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/chat/completions");
        return new OpenAiLanguageModel(id, endpoint, apiKey, model, http, deadlines, json, Clock.systemUTC());
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.shutdownNow();
    }
}

package io.parley.llm.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.LogLevel;
import io.parley.llm.LanguageModel;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Creates Claude models on Anthropic's Messages API (or a proxy speaking it), all sharing one SDK client: one
 * OkHttp connection pool and one set of SDK threads. Each model is a view of that client with its own base URL and
 * key ({@code withOptions}), so making one is cheap. Making the factory starts loading the SDK's classes on a
 * thread of its own ({@link SdkWarmUp}), so that the first call does not pay for all of it. Thread-safe. Close it when
 * the application stops; the models it created fail afterwards.
 */
public final class AnthropicModels implements AutoCloseable {

    /**
     * Claude Haiku 4.5, through its alias: Anthropic's fastest and cheapest current model ($1 / $5 per million input /
     * output tokens), which is plenty for support answers. Not {@code claude-3-5-haiku-latest}: Anthropic retired
     * Claude 3.5 Haiku on 19 February 2026 and its model deprecations page names Haiku 4.5 as the replacement.
     */
    public static final String DEFAULT_MODEL = "claude-haiku-4-5";

    /** Anthropic's own API root. */
    public static final URI ANTHROPIC_BASE_URL = URI.create("https://api.anthropic.com");

    private final AnthropicClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    public AnthropicModels() {
        // No credential here: each model sends its own key. The environment is not read (no fromEnv), retries are
        // Parley's (fallback chain, circuit breaker), and the SDK logs nothing, since at its debug level it would
        // log request bodies (ANTHROPIC_LOG is otherwise honoured).
        client = AnthropicOkHttpClient.builder()
                .maxRetries(0)
                .logLevel(LogLevel.OFF)
                .build();
        // A platform thread: a virtual thread that waits for a class another virtual thread is initialising holds
        // its carrier, and with two cores a virtual warm-up could starve the first calls of carriers.
        Thread.ofPlatform().daemon().name("parley-anthropic-warm-up").start(SdkWarmUp::run);
    }

    /**
     * A model served at {@code baseUrl}.
     *
     * @param id the provider id, for messages and {@link LanguageModel#id()}
     * @param baseUrl overrides https://api.anthropic.com (tests, proxies); null for Anthropic's own
     * @param apiKey the x-api-key; never logged
     * @param model e.g. claude-3-5-haiku-latest, claude-sonnet-4-5
     */
    public LanguageModel model(String id, @Nullable URI baseUrl, String apiKey, String model) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        String root =
                (baseUrl != null ? baseUrl : ANTHROPIC_BASE_URL).toString().replaceAll("/+$", "");
        // The SDK would send a key of its own as "Authorization: Bearer"; Anthropic documents x-api-key, and the SDK
        // adds no credential of its own to a request that already has that header.
        AnthropicClient scoped =
                client.withOptions(options -> options.baseUrl(root).putHeader("x-api-key", apiKey));
        return new AnthropicLanguageModel(
                id, model, scoped.messages(), closed, new AnthropicFailures(id, Clock.systemUTC()));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }
}

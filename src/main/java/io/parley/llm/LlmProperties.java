package io.parley.llm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * Server-wide language model settings ({@code parley.llm.*}). Immutable; blank values count as unset.
 *
 * <p>Only the shape is checked here. Whether the ids and types fit together (an unknown default, a type this
 * version cannot run) is checked by {@link ProviderRegistry} at startup, where the adapters are known.
 *
 * @param defaultProvider the id of the provider that answers ({@code parley.llm.default}); {@value #BUILTIN} when
 *     unset
 * @param providers the configured providers by id, in configuration order; never null
 * @param fallback provider ids tried in order when the default fails before replying; never null
 * @param timeout the longest a customer waits for a reply; 30 seconds when unset
 * @param maxOutputTokens the longest reply a model may write, in tokens; {@value ModelRequest#DEFAULT_MAX_OUTPUT_TOKENS}
 *     when unset
 * @param prices price per million tokens by model name, in US dollars, over the defaults of {@link Prices}; model
 *     names hold dots, so properties spell them in brackets: {@code parley.llm.prices[gpt-4o-mini].input=0.15}
 * @param breaker when a provider's circuit opens and for how long; never null
 */
@Validated
@ConfigurationProperties(prefix = "parley.llm")
public record LlmProperties(
        @Name("default") String defaultProvider,
        Map<String, @Valid @NotNull Provider> providers,
        List<String> fallback,
        Duration timeout,
        Integer maxOutputTokens,
        Map<String, @Valid @NotNull Price> prices,
        @Valid Breaker breaker) {

    /** The id of the built-in offline engine, available even when no provider declares it. */
    public static final String BUILTIN = "builtin";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public LlmProperties {
        defaultProvider = blankToNull(defaultProvider) == null ? BUILTIN : defaultProvider.strip();
        // LinkedHashMap keeps the configuration order for the startup log; the copy stays unmodifiable.
        providers = providers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        fallback = fallback == null
                ? List.of()
                : fallback.stream()
                        .map(LlmProperties::blankToNull)
                        .filter(Objects::nonNull)
                        .map(String::strip)
                        .toList();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("parley.llm.timeout must be positive");
        }
        maxOutputTokens = maxOutputTokens == null ? ModelRequest.DEFAULT_MAX_OUTPUT_TOKENS : maxOutputTokens;
        if (maxOutputTokens < 16) {
            throw new IllegalArgumentException("parley.llm.max-output-tokens must be at least 16");
        }
        prices = prices == null ? Map.of() : Map.copyOf(prices);
        breaker = breaker == null ? Breaker.DEFAULTS : breaker;
    }

    /** Settings with nothing configured: the built-in engine and a 30-second timeout. */
    public static LlmProperties defaults() {
        return of(null, null, null);
    }

    /** These providers, default and fallback, with every other setting at its default. */
    public static LlmProperties of(String defaultProvider, Map<String, Provider> providers, List<String> fallback) {
        return new LlmProperties(defaultProvider, providers, fallback, null, null, null, null);
    }

    /**
     * What a model costs, in US dollars per million tokens.
     *
     * @param input per million input tokens not served from a cache
     * @param output per million output tokens
     * @param cachedInput per million input tokens served from the provider's prompt cache; the input price when unset
     */
    public record Price(
            @NotNull @PositiveOrZero BigDecimal input,
            @NotNull @PositiveOrZero BigDecimal output,
            @Nullable @PositiveOrZero BigDecimal cachedInput) {

        public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        public Price {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            cachedInput = cachedInput == null ? input : cachedInput;
        }

        public static Price of(String input, String output, String cachedInput) {
            return new Price(new BigDecimal(input), new BigDecimal(output), new BigDecimal(cachedInput));
        }
    }

    /**
     * A provider's circuit breaker ({@code parley.llm.breaker.*}): once {@code failureRate} percent of the last
     * {@code window} calls (at least {@code minimumCalls}) failed for the provider's sake (unreachable, 5xx, timeouts,
     * broken streams), the provider is not called for {@code openFor}; then {@code probes} calls test it again.
     */
    public record Breaker(
            @Positive Integer failureRate,
            @Positive Integer window,
            @Positive Integer minimumCalls,
            Duration openFor,
            @Positive Integer probes) {

        public static final Breaker DEFAULTS = new Breaker(50, 20, 5, Duration.ofSeconds(30), 2);

        public Breaker {
            failureRate = failureRate == null ? 50 : failureRate;
            window = window == null ? 20 : window;
            minimumCalls = minimumCalls == null ? Math.min(5, window) : minimumCalls;
            openFor = openFor == null || !openFor.isPositive() ? Duration.ofSeconds(30) : openFor;
            probes = probes == null ? 2 : probes;
            if (failureRate > 100 || minimumCalls > window) {
                throw new IllegalArgumentException(
                        "parley.llm.breaker: failure-rate is a percentage and minimum-calls at most window");
            }
        }
    }

    /** The kinds of provider a configuration may name; see {@link ProviderRegistry} for those this version runs. */
    public enum ProviderType {
        OPENAI,
        BEDROCK,
        ANTHROPIC,
        GEMINI,
        OLLAMA,
        LLAMACPP,
        BUILTIN;

        /** The spelling used in configuration, e.g. {@code openai}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One provider ({@code parley.llm.providers.<id>.*}). Which fields matter depends on the type.
     *
     * @param type the kind of provider; required
     * @param baseUrl the endpoint, for OpenAI-compatible servers or to override a provider's default
     * @param apiKey the secret; never part of {@link #toString()}
     * @param model the model name as the provider spells it
     * @param region the cloud region (bedrock)
     * @param modelPath a local GGUF file (llamacpp)
     */
    public record Provider(
            @NotNull ProviderType type,
            @Nullable URI baseUrl,
            @Nullable String apiKey,
            @Nullable String model,
            @Nullable String region,
            @Nullable Path modelPath) {

        public Provider {
            apiKey = blankToNull(apiKey);
            model = blankToNull(model);
            region = blankToNull(region);
        }

        @Override
        public String toString() {
            return "Provider[type=%s, baseUrl=%s, apiKey=%s, model=%s, region=%s, modelPath=%s]"
                    .formatted(type, baseUrl, apiKey == null ? null : "******", model, region, modelPath);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

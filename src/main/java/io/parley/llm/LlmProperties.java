package io.parley.llm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
 */
@Validated
@ConfigurationProperties(prefix = "parley.llm")
public record LlmProperties(
        @Name("default") String defaultProvider,
        Map<String, @Valid @NotNull Provider> providers,
        List<String> fallback,
        Duration timeout) {

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
    }

    /** Settings with nothing configured: the built-in engine and a 30-second timeout. */
    public static LlmProperties defaults() {
        return new LlmProperties(null, null, null, null);
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

package io.parley.llm;

import io.parley.llm.LlmProperties.Provider;
import io.parley.llm.LlmProperties.ProviderType;
import io.parley.llm.builtin.BuiltinLanguageModel;
import io.parley.llm.openai.OpenAiClient;
import io.parley.tenant.OrganizationId;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * The language models this server can use, built once at startup from {@link LlmProperties}.
 *
 * <p>The built-in offline engine is always available under the id {@value LlmProperties#BUILTIN}, so it can be the
 * default or the last fallback without being declared. Settings that cannot work (an unknown default or fallback
 * id, a type this version does not run, a missing model) fail startup with an
 * {@link InvalidConfigurationPropertyValueException} naming the property, which Spring Boot reports without a
 * stack trace. Thread-safe; closing it releases the HTTP clients.
 */
@Component
public class ProviderRegistry implements AutoCloseable {

    /** The provider types this version can run; the others are recognised but refused at startup. */
    private static final Set<ProviderType> SUPPORTED_TYPES =
            EnumSet.of(ProviderType.OPENAI, ProviderType.OLLAMA, ProviderType.BUILTIN);

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

    private final @Nullable OpenAiClient openAi;
    private final LanguageModel defaultModel;
    private final LanguageModel chain;

    public ProviderRegistry(LlmProperties properties) {
        Objects.requireNonNull(properties, "properties");
        // Everything is checked before anything is built, so a bad setting leaves no HTTP client behind.
        properties.providers().forEach(ProviderRegistry::check);
        Set<String> ids = new LinkedHashSet<>(properties.providers().keySet());
        ids.add(LlmProperties.BUILTIN);
        checkKnown(ids, "parley.llm.default", properties.defaultProvider());
        properties.fallback().forEach(id -> checkKnown(ids, "parley.llm.fallback", id));

        openAi = properties.providers().values().stream().anyMatch(p -> isOpenAiCompatible(p.type()))
                ? new OpenAiClient()
                : null;
        Map<String, LanguageModel> models = new LinkedHashMap<>();
        properties.providers().forEach((id, provider) -> models.put(id, create(id, provider)));
        if (!models.containsKey(LlmProperties.BUILTIN)) {
            models.put(LlmProperties.BUILTIN, builtin(LlmProperties.BUILTIN));
        }

        defaultModel = models.get(properties.defaultProvider());
        Set<LanguageModel> ordered = new LinkedHashSet<>();
        ordered.add(defaultModel);
        properties.fallback().forEach(id -> ordered.add(models.get(id)));
        chain = ordered.size() == 1 ? defaultModel : new FallbackLanguageModel(new ArrayList<>(ordered));
        log.info(
                "LLM default: {}{}{}",
                defaultModel.id(),
                offline() ? " (offline: answers quote the organization's profile, no language model runs)" : "",
                ordered.size() > 1 ? "; fallback: " + properties.fallback() : "");
    }

    /**
     * The model that answers the organization's customers: today the default, wrapped with the fallback chain when
     * {@code parley.llm.fallback} is set. Never null.
     */
    public LanguageModel modelFor(OrganizationId organization) {
        Objects.requireNonNull(organization, "organization");
        return chain;
    }

    /** The default provider's own model ({@code parley.llm.default}), without the fallback chain. */
    public LanguageModel defaultModel() {
        return defaultModel;
    }

    /** True when the default is the built-in engine: replies quote the profile and no language model runs. */
    public boolean offline() {
        return defaultModel.capabilities().offline();
    }

    @Override
    public void close() {
        if (openAi != null) {
            openAi.close();
        }
    }

    private LanguageModel create(String id, Provider provider) {
        return switch (provider.type()) {
            case OPENAI -> openAi(id, provider, OpenAiClient.OPENAI_BASE_URL);
            case OLLAMA -> openAi(id, provider, OpenAiClient.OLLAMA_BASE_URL);
            case BUILTIN -> builtin(id);
            default -> throw new IllegalStateException("type " + provider.type() + " passed the startup check");
        };
    }

    private LanguageModel openAi(String id, Provider provider, URI defaultBaseUrl) {
        URI baseUrl = provider.baseUrl() != null ? provider.baseUrl() : defaultBaseUrl;
        log.info(
                "LLM provider {}: type={}, model={}, host={}, api key {}",
                id,
                provider.type().configName(),
                provider.model(),
                baseUrl.getHost(),
                provider.apiKey() != null ? "set" : "not set");
        return Objects.requireNonNull(openAi)
                .model(id, baseUrl, provider.apiKey(), Objects.requireNonNull(provider.model()));
    }

    private static LanguageModel builtin(String id) {
        log.info("LLM provider {}: type=builtin, model={}, in-process", id, BuiltinLanguageModel.MODEL);
        return new BuiltinLanguageModel(id);
    }

    private static void check(String id, Provider provider) {
        if (!SUPPORTED_TYPES.contains(provider.type())) {
            throw new InvalidConfigurationPropertyValueException(
                    property(id, "type"),
                    provider.type().configName(),
                    "provider '%s' has type %s, which this version of Parley does not support yet; supported types: %s"
                            .formatted(id, provider.type().configName(), supportedTypes()));
        }
        if (!isOpenAiCompatible(provider.type())) {
            return;
        }
        if (provider.model() == null) {
            throw new InvalidConfigurationPropertyValueException(
                    property(id, "model"),
                    null,
                    "provider '%s' (type %s) needs a model name, e.g. gpt-4o-mini or llama3.2"
                            .formatted(id, provider.type().configName()));
        }
        URI baseUrl = provider.baseUrl();
        if (baseUrl != null && (!List.of("http", "https").contains(baseUrl.getScheme()) || baseUrl.getHost() == null)) {
            throw new InvalidConfigurationPropertyValueException(
                    property(id, "base-url"),
                    baseUrl,
                    "provider '%s' needs an http or https URL, e.g. http://localhost:11434/v1".formatted(id));
        }
    }

    private static void checkKnown(Set<String> ids, String property, String id) {
        if (!ids.contains(id)) {
            throw new InvalidConfigurationPropertyValueException(
                    property,
                    id,
                    "no provider '%s' is configured; known providers: %s (or declare parley.llm.providers.%s.type)"
                            .formatted(id, String.join(", ", ids), id));
        }
    }

    private static boolean isOpenAiCompatible(ProviderType type) {
        return type == ProviderType.OPENAI || type == ProviderType.OLLAMA;
    }

    private static String supportedTypes() {
        return SUPPORTED_TYPES.stream().map(ProviderType::configName).collect(Collectors.joining(", "));
    }

    private static String property(String id, String field) {
        return "parley.llm.providers." + id + "." + field;
    }
}

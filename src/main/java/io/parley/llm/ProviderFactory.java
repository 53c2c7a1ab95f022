package io.parley.llm;

import io.parley.llm.LlmProperties.Provider;
import io.parley.llm.LlmProperties.ProviderType;
import io.parley.llm.anthropic.AnthropicModels;
import io.parley.llm.bedrock.BedrockModels;
import io.parley.llm.builtin.BuiltinLanguageModel;
import io.parley.llm.gemini.GeminiModels;
import io.parley.llm.openai.OpenAiClient;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds each provider type's adapter, sharing one client (and its connection pool) per type across all the models
 * made of it. Clients are created on first use, so a server that offers no Anthropic model never starts Anthropic's
 * HTTP client. Thread-safe; closing it closes the clients, and the models made fail afterwards.
 */
final class ProviderFactory implements AutoCloseable {

    /** The provider types this version can run; the others are recognised but refused at startup. */
    static final Set<ProviderType> SUPPORTED = EnumSet.of(
            ProviderType.OPENAI,
            ProviderType.OLLAMA,
            ProviderType.BEDROCK,
            ProviderType.ANTHROPIC,
            ProviderType.GEMINI,
            ProviderType.BUILTIN);

    private @Nullable OpenAiClient openAi;
    private @Nullable BedrockModels bedrock;
    private @Nullable AnthropicModels anthropic;
    private @Nullable GeminiModels gemini;

    /** Whether an organization may bring its own key for this type (Bedrock signs with AWS credentials instead). */
    static boolean acceptsOwnKey(ProviderType type) {
        return switch (type) {
            case OPENAI, ANTHROPIC, GEMINI -> true;
            default -> false;
        };
    }

    /** Whether the operator must set {@code api-key}: these providers refuse every call without one. */
    static boolean needsKey(ProviderType type) {
        return type == ProviderType.ANTHROPIC || type == ProviderType.GEMINI;
    }

    /** The model used when neither the operator nor the organization names one; null when one must be named. */
    static @Nullable String defaultModel(ProviderType type) {
        return switch (type) {
            case BUILTIN -> BuiltinLanguageModel.MODEL;
            case BEDROCK -> BedrockModels.DEFAULT_MODEL;
            case ANTHROPIC -> AnthropicModels.DEFAULT_MODEL;
            case GEMINI -> GeminiModels.DEFAULT_MODEL;
            default -> null;
        };
    }

    /**
     * A new adapter for one model of a configured provider.
     *
     * @param model the model to use (the operator's or an organization's)
     * @param apiKey the key to use (the operator's or an organization's); null for none
     */
    synchronized LanguageModel create(String id, Provider provider, String model, @Nullable String apiKey) {
        return switch (provider.type()) {
            case OPENAI -> openAi().model(id, baseUrl(provider, OpenAiClient.OPENAI_BASE_URL), apiKey, model);
            case OLLAMA -> openAi().model(id, baseUrl(provider, OpenAiClient.OLLAMA_BASE_URL), apiKey, model);
            case BEDROCK -> bedrock().model(id, provider.baseUrl(), provider.region(), model);
            case ANTHROPIC -> anthropic().model(id, provider.baseUrl(), requireKey(apiKey), model);
            case GEMINI -> gemini().model(id, provider.baseUrl(), requireKey(apiKey), model);
            case BUILTIN -> new BuiltinLanguageModel(id);
            default -> throw new IllegalStateException("type " + provider.type() + " passed the startup check");
        };
    }

    private static String requireKey(@Nullable String apiKey) {
        if (apiKey == null) {
            throw new IllegalStateException("checked at startup: this provider needs an api-key");
        }
        return apiKey;
    }

    private BedrockModels bedrock() {
        if (bedrock == null) {
            bedrock = new BedrockModels();
        }
        return bedrock;
    }

    private AnthropicModels anthropic() {
        if (anthropic == null) {
            anthropic = new AnthropicModels();
        }
        return anthropic;
    }

    private GeminiModels gemini() {
        if (gemini == null) {
            gemini = new GeminiModels();
        }
        return gemini;
    }

    private OpenAiClient openAi() {
        if (openAi == null) {
            openAi = new OpenAiClient();
        }
        return openAi;
    }

    private static URI baseUrl(Provider provider, URI otherwise) {
        return provider.baseUrl() != null ? provider.baseUrl() : otherwise;
    }

    @Override
    public synchronized void close() {
        if (openAi != null) {
            openAi.close();
        }
        if (bedrock != null) {
            bedrock.close();
        }
        if (anthropic != null) {
            anthropic.close();
        }
        if (gemini != null) {
            gemini.close();
        }
    }
}

package io.parley.llm;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An organization's choice of language model: one of the providers the operator offers, perhaps another of that
 * provider's models, perhaps the organization's own API key (sealed with the server's {@code SecretBox}; it is opened
 * only to build the model).
 *
 * @param provider the provider id ({@code parley.llm.providers.<id>}) or {@value LlmProperties#BUILTIN}
 * @param model the model name as the provider spells it; null for the one the operator configured
 * @param sealedApiKey the organization's own key, encrypted; null to use the operator's
 */
public record ModelChoice(String provider, @Nullable String model, @Nullable String sealedApiKey) {

    public ModelChoice {
        Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String toString() {
        return "ModelChoice[provider=%s, model=%s, apiKey=%s]"
                .formatted(provider, model, sealedApiKey == null ? "operator's" : "own");
    }
}

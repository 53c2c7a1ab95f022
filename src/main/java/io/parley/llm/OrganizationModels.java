package io.parley.llm;

import io.parley.llm.ProviderRegistry.OfferedProvider;
import io.parley.security.SecretBox;
import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an organization's members see and change of its language model: the providers on offer, its choice (the key
 * write-only), whether that choice answers, and a test call that says in plain words what is wrong. Thread-safe.
 */
public class OrganizationModels {

    /** Letters, digits and the punctuation providers use in model names and Bedrock ids ({@code meta.x-v1:0}). */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}");

    private static final int MAX_KEY_LENGTH = 500;
    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(15);

    private final ProviderRegistry registry;
    private final ModelChoiceStore store;
    private final SecretBox secrets;
    private final Clock clock;

    public OrganizationModels(ProviderRegistry registry, ModelChoiceStore store, SecretBox secrets, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * An organization's model as its members see it.
     *
     * @param provider the provider id answering (its choice, or the server's default)
     * @param model the model that provider uses for it
     * @param apiKeySet whether the organization's own key is stored (the key itself is never shown)
     * @param chosen false while the organization has not chosen and gets the server's default
     */
    public record Settings(String provider, String model, boolean apiKeySet, boolean chosen, ModelStatus status) {}

    /** A choice that cannot be saved; {@code field} names the input at fault, the message says why in plain words. */
    public static final class InvalidChoiceException extends RuntimeException {
        private final String field;

        InvalidChoiceException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The outcome of a test call: the model that answered and how long it took, or why it did not. */
    public record TestResult(boolean ok, String provider, String model, long latencyMs, @Nullable String problem) {}

    public List<OfferedProvider> offered() {
        return registry.offered();
    }

    public Settings settings(OrganizationId organization) {
        Optional<ModelChoice> choice = store.find(organization);
        String provider =
                choice.map(ModelChoice::provider).orElse(registry.defaultModel().id());
        String model = choice.map(ModelChoice::model)
                .or(() -> registry.offered(provider).map(OfferedProvider::model))
                .orElse("");
        return new Settings(
                provider,
                model,
                choice.map(c -> c.sealedApiKey() != null).orElse(false),
                choice.isPresent(),
                registry.statusOf(organization));
    }

    /**
     * Saves the organization's choice.
     *
     * @param model another of the provider's models; null or blank for the one the operator configured
     * @param apiKey the organization's own key: null keeps the stored one (if the provider stays the same), blank
     *     removes it
     * @throws InvalidChoiceException for an unknown provider, a malformed model name, or a key the provider does not take
     */
    public Settings choose(
            OrganizationId organization, String provider, @Nullable String model, @Nullable String apiKey) {
        OfferedProvider offered = registry.offered(provider == null ? "" : provider.strip())
                .orElseThrow(() -> new InvalidChoiceException(
                        "provider",
                        "This server offers no provider '%s'. Choose one of: %s."
                                .formatted(
                                        provider,
                                        String.join(
                                                ", ",
                                                registry.offered().stream()
                                                        .map(OfferedProvider::id)
                                                        .toList()))));
        String modelName = model == null || model.isBlank() ? null : model.strip();
        if (modelName != null && offered.offline()) {
            throw new InvalidChoiceException("model", "The offline engine has no other models.");
        }
        if (modelName != null && !MODEL_NAME.matcher(modelName).matches()) {
            throw new InvalidChoiceException(
                    "model", "A model name is up to 200 letters, digits and . _ : / @ + - (like gpt-4o-mini).");
        }
        String sealedKey = sealedKey(organization, offered, apiKey);
        store.save(organization, new ModelChoice(offered.id(), modelName, sealedKey), clock.instant());
        registry.forget(organization);
        return settings(organization);
    }

    private @Nullable String sealedKey(OrganizationId organization, OfferedProvider offered, @Nullable String apiKey) {
        if (apiKey == null) {
            return store.find(organization)
                    .filter(previous -> previous.provider().equals(offered.id()))
                    .map(ModelChoice::sealedApiKey)
                    .orElse(null);
        }
        String key = apiKey.strip();
        if (key.isEmpty()) {
            return null;
        }
        if (!offered.acceptsOwnKey()) {
            throw new InvalidChoiceException(
                    "apiKey", "The provider '%s' does not take an organization's own key.".formatted(offered.id()));
        }
        if (key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new InvalidChoiceException("apiKey", "An API key is up to 500 printable characters without spaces.");
        }
        return secrets.seal(key);
    }

    /** Calls the organization's model (its choice alone, without the fallback behind it) with a tiny request. */
    public TestResult test(OrganizationId organization) {
        LanguageModel model = registry.chosenModel(organization).orElseGet(registry::defaultModel);
        ModelRequest request = ModelRequest.of(
                        organization,
                        "This is a connection test. Reply with the single word OK.",
                        List.of(ChatMessage.customer("Are you there?")),
                        new Grounding("Connection test", null, List.of(), List.of(), List.of(), null, "OK"),
                        TEST_TIMEOUT)
                .withMaxOutputTokens(16);
        long start = System.nanoTime();
        try {
            ModelReply reply = model.generate(request, DeltaSink.IGNORE);
            return new TestResult(
                    true,
                    reply.provider(),
                    reply.model(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    null);
        } catch (ModelException e) {
            return new TestResult(
                    false,
                    model.id(),
                    "",
                    Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    Plainly.why(e));
        }
    }
}

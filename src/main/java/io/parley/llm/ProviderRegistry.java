package io.parley.llm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.llm.LlmProperties.Provider;
import io.parley.llm.LlmProperties.ProviderType;
import io.parley.security.SecretBox;
import io.parley.tenant.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The language models this server offers, and which one answers each organization.
 *
 * <p>The operator configures providers ({@code parley.llm.providers.*}), a default and a fallback chain; the built-in
 * offline engine is always there under the id {@value LlmProperties#BUILTIN}. Each organization may choose one of
 * those providers, another of its models, and its own key ({@link ModelChoice}); {@link #modelFor} answers with that
 * choice first and the server's chain behind it, so a misconfigured choice still gets customers answered (and
 * {@link #statusOf} says why). Every provider sits behind its own circuit breaker ({@link ProviderHealth}).
 *
 * <p>Settings that cannot work (an unknown default or fallback id, a type this version does not run, a missing model)
 * fail startup with an {@link InvalidConfigurationPropertyValueException} naming the property. Organizations' choices
 * are cached for 30 seconds and refreshed at once on this node when they change ({@link #forget}); on other nodes
 * within those 30 seconds. Thread-safe; closing it releases the providers' HTTP clients.
 */
public class ProviderRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);
    private static final Duration CHOICE_CACHE = Duration.ofSeconds(30);

    /** What this server offers: a configured provider, as organizations and the console see it. */
    public record OfferedProvider(
            String id, ProviderType type, String model, boolean offline, boolean tools, boolean acceptsOwnKey) {}

    /** How one organization is answered right now: its chosen model (if any) first, then the server's chain. */
    private record Routing(LanguageModel chain, @Nullable LanguageModel chosen, @Nullable String problem) {}

    /** One model of one provider with one key; the key is kept as a digest so the cache's keys hold no secret. */
    private record ModelKey(String provider, String model, @Nullable String keyDigest) {}

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, ProviderHealth> health = new LinkedHashMap<>();
    private final Map<String, LanguageModel> operatorModels = new LinkedHashMap<>();
    private final ProviderFactory factory = new ProviderFactory();
    private final ModelChoiceStore choices;
    private final @Nullable SecretBox secrets;
    private final MeterRegistry meters;
    private final LanguageModel defaultModel;
    private final List<LanguageModel> serverChain;
    private final LanguageModel serverModel;
    private final Cache<ModelKey, LanguageModel> chosenModels = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final LoadingCache<OrganizationId, Routing> routing;
    private final Map<OrganizationId, ModelException> refusedChoices = new ConcurrentHashMap<>();

    /** The server's providers only, for tools and tests: organizations cannot choose. */
    public ProviderRegistry(LlmProperties properties) {
        this(properties, ModelChoiceStore.NONE, null, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    public ProviderRegistry(
            LlmProperties properties,
            ModelChoiceStore choices,
            @Nullable SecretBox secrets,
            MeterRegistry meters,
            Clock clock) {
        Objects.requireNonNull(properties, "properties");
        // Everything is checked before anything is built, so a bad setting leaves no HTTP client behind.
        properties.providers().forEach(ProviderRegistry::check);
        Set<String> ids = new LinkedHashSet<>(properties.providers().keySet());
        ids.add(LlmProperties.BUILTIN);
        checkKnown(ids, "parley.llm.default", properties.defaultProvider());
        properties.fallback().forEach(id -> checkKnown(ids, "parley.llm.fallback", id));

        this.choices = choices;
        this.secrets = secrets;
        this.meters = meters;
        providers.putAll(properties.providers());
        providers.putIfAbsent(LlmProperties.BUILTIN, new Provider(ProviderType.BUILTIN, null, null, null, null, null));
        providers.forEach((id, provider) -> {
            health.put(id, new ProviderHealth(id, properties.breaker(), clock));
            try {
                operatorModels.put(id, guarded(id, provider, operatorModel(provider), provider.apiKey(), true));
            } catch (IllegalArgumentException e) {
                factory.close();
                throw new InvalidConfigurationPropertyValueException(
                        property(id, provider.type() == ProviderType.BEDROCK ? "region" : "model"),
                        null,
                        "provider '%s' cannot start: %s".formatted(id, e.getMessage()));
            }
            log.info(
                    "LLM provider {}: type={}, model={}{}, api key {}",
                    id,
                    provider.type().configName(),
                    operatorModel(provider),
                    provider.baseUrl() == null
                            ? ""
                            : ", host=" + provider.baseUrl().getHost(),
                    provider.apiKey() != null ? "set" : "not set");
        });

        defaultModel = operatorModels.get(properties.defaultProvider());
        Set<LanguageModel> ordered = new LinkedHashSet<>();
        ordered.add(defaultModel);
        properties.fallback().forEach(id -> ordered.add(operatorModels.get(id)));
        serverChain = List.copyOf(ordered);
        serverModel = chain(serverChain);
        routing = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(CHOICE_CACHE)
                .build(this::route);
        log.info(
                "LLM default: {}{}{}",
                defaultModel.id(),
                offline() ? " (offline: answers quote the organization's profile, no language model runs)" : "",
                ordered.size() > 1 ? "; fallback: " + properties.fallback() : "");
    }

    /**
     * The model that answers the organization's customers: its chosen model with the server's chain behind it, or
     * the server's chain when it chose none. Never null.
     */
    public LanguageModel modelFor(OrganizationId organization) {
        Objects.requireNonNull(organization, "organization");
        return routing.get(organization).chain();
    }

    /**
     * The organization's own choice without the chain behind it, to test it; empty when it chose none or chose a
     * provider the server no longer offers.
     */
    public Optional<LanguageModel> chosenModel(OrganizationId organization) {
        return Optional.ofNullable(routing.get(organization).chosen());
    }

    /** Whether the organization's choice answers, and if not, why and who answers instead. */
    public ModelStatus statusOf(OrganizationId organization) {
        Routing current = routing.get(organization);
        if (current.problem() != null) {
            return new ModelStatus(
                    ModelStatus.State.MISCONFIGURED,
                    current.problem()
                            + " Replies come from the server's default (%s) until you choose another."
                                    .formatted(defaultModel.id()));
        }
        LanguageModel answering = current.chosen() != null ? current.chosen() : defaultModel;
        ModelException refused = refusedChoices.get(organization);
        if (current.chosen() != null && refused != null) {
            return new ModelStatus(
                    ModelStatus.State.MISCONFIGURED,
                    Plainly.why(refused) + " Replies come from the server's fallback until this is fixed.");
        }
        ProviderHealth.Status provider = health.get(answering.id()).status();
        return switch (provider.state()) {
            case CIRCUIT_OPEN ->
                new ModelStatus(
                        ModelStatus.State.CIRCUIT_OPEN,
                        "The provider '%s' is failing: %s. The fallback answers meanwhile."
                                .formatted(answering.id(), provider.why()));
            case MISCONFIGURED ->
                new ModelStatus(
                        ModelStatus.State.MISCONFIGURED,
                        "The provider '%s' refused the server's settings: %s"
                                .formatted(answering.id(), provider.why()));
            case UP -> new ModelStatus(ModelStatus.State.READY, "Replies come from " + answering.id() + ".");
        };
    }

    /** Drops what this node cached of the organization's choice: it just changed. */
    public void forget(OrganizationId organization) {
        refusedChoices.remove(organization);
        routing.invalidate(organization);
    }

    /** The server's default provider's own model ({@code parley.llm.default}), without the fallback chain. */
    public LanguageModel defaultModel() {
        return defaultModel;
    }

    /** The built-in offline engine, for organizations past their budget. */
    public LanguageModel offlineModel() {
        return operatorModels.get(LlmProperties.BUILTIN);
    }

    /** True when the server's default is the built-in engine: replies quote the profile and no language model runs. */
    public boolean offline() {
        return defaultModel.capabilities().offline();
    }

    /** Whether the organization is answered by the offline engine (it chose it, or the server's default is it). */
    public boolean offline(OrganizationId organization) {
        LanguageModel chosen = routing.get(organization).chosen();
        return chosen != null ? chosen.capabilities().offline() : offline();
    }

    /** The providers organizations may choose from, in configuration order, the built-in engine last. */
    public List<OfferedProvider> offered() {
        List<OfferedProvider> offered = new ArrayList<>();
        providers.forEach((id, provider) -> {
            ModelCapabilities capabilities = operatorModels.get(id).capabilities();
            offered.add(new OfferedProvider(
                    id,
                    provider.type(),
                    operatorModel(provider),
                    capabilities.offline(),
                    capabilities.tools(),
                    ProviderFactory.acceptsOwnKey(provider.type())));
        });
        return offered;
    }

    public Optional<OfferedProvider> offered(String id) {
        return offered().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Each provider's state for {@code /actuator/health}, in configuration order. */
    public Map<String, ProviderHealth.Status> health() {
        Map<String, ProviderHealth.Status> states = new LinkedHashMap<>();
        health.forEach((id, provider) -> states.put(id, provider.status()));
        return states;
    }

    @Override
    public void close() {
        factory.close();
    }

    private Routing route(OrganizationId organization) {
        Optional<ModelChoice> choice = choices.find(organization);
        if (choice.isEmpty()) {
            return new Routing(serverModel, null, null);
        }
        Provider provider = providers.get(choice.get().provider());
        if (provider == null) {
            return new Routing(
                    serverModel,
                    null,
                    "This server no longer offers the provider '%s'."
                            .formatted(choice.get().provider()));
        }
        String id = choice.get().provider();
        String model = choice.get().model() != null ? choice.get().model() : operatorModel(provider);
        String ownKey = choice.get().sealedApiKey() == null || secrets == null
                ? null
                : secrets.open(choice.get().sealedApiKey());
        LanguageModel chosen;
        try {
            chosen = ownKey == null && model.equals(operatorModel(provider))
                    ? operatorModels.get(id)
                    : chosenModels.get(
                            new ModelKey(id, model, digest(ownKey)),
                            key -> guarded(id, provider, model, ownKey != null ? ownKey : provider.apiKey(), false));
        } catch (IllegalArgumentException e) {
            // The adapter refused the model before any call (a malformed Bedrock model id, say); its words are ours.
            return new Routing(serverModel, null, "The provider '%s' cannot use the model '%s'.".formatted(id, model));
        }
        List<LanguageModel> chain = new ArrayList<>();
        chain.add(new WatchedChoice(chosen, organization));
        serverChain.stream().filter(m -> m != chosen).forEach(chain::add);
        return new Routing(chain(chain), chosen, null);
    }

    private LanguageModel guarded(
            String id, Provider provider, String model, @Nullable String apiKey, boolean operatorSettings) {
        return new GuardedLanguageModel(
                factory.create(id, provider, model, apiKey), health.get(id), operatorSettings, meters);
    }

    private static LanguageModel chain(List<LanguageModel> models) {
        return models.size() == 1 ? models.getFirst() : new FallbackLanguageModel(models);
    }

    private static String operatorModel(Provider provider) {
        return provider.model() != null
                ? provider.model()
                : Objects.requireNonNull(ProviderFactory.defaultModel(provider.type()), "checked at startup");
    }

    private static @Nullable String digest(@Nullable String key) {
        if (key == null) {
            return null;
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** The organization's chosen model, remembering when it was refused so that the console can say why. */
    private final class WatchedChoice implements LanguageModel {
        private final LanguageModel chosen;
        private final OrganizationId organization;

        WatchedChoice(LanguageModel chosen, OrganizationId organization) {
            this.chosen = chosen;
            this.organization = organization;
        }

        @Override
        public String id() {
            return chosen.id();
        }

        @Override
        public ModelCapabilities capabilities() {
            return chosen.capabilities();
        }

        @Override
        public ModelReply generate(ModelRequest request, DeltaSink sink) {
            try {
                ModelReply reply = chosen.generate(request, sink);
                refusedChoices.remove(organization);
                return reply;
            } catch (ModelException e) {
                if (e.kind() == ModelException.Kind.MISCONFIGURED) {
                    refusedChoices.put(organization, e);
                }
                throw e;
            }
        }
    }

    private static void check(String id, Provider provider) {
        if (!ProviderFactory.SUPPORTED.contains(provider.type())) {
            throw new InvalidConfigurationPropertyValueException(
                    property(id, "type"),
                    provider.type().configName(),
                    "provider '%s' has type %s, which this version of Parley does not support yet; supported types: %s"
                            .formatted(id, provider.type().configName(), supportedTypes()));
        }
        if (provider.apiKey() == null && ProviderFactory.needsKey(provider.type())) {
            throw new InvalidConfigurationPropertyValueException(
                    property(id, "api-key"),
                    null,
                    "provider '%s' (type %s) needs the server's api-key (organizations may add their own on top)"
                            .formatted(id, provider.type().configName()));
        }
        if (provider.model() == null && ProviderFactory.defaultModel(provider.type()) == null) {
            throw new InvalidConfigurationPropertyValueException(
                    property(id, "model"),
                    null,
                    "provider '%s' (type %s) needs a model name, e.g. gpt-4o-mini or llama3.2"
                            .formatted(id, provider.type().configName()));
        }
        var baseUrl = provider.baseUrl();
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

    private static String supportedTypes() {
        return ProviderFactory.SUPPORTED.stream().map(ProviderType::configName).collect(Collectors.joining(", "));
    }

    private static String property(String id, String field) {
        return "parley.llm.providers." + id + "." + field;
    }
}

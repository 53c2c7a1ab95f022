package io.parley.llm;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.llm.LlmProperties.Provider;
import io.parley.llm.LlmProperties.ProviderType;
import io.parley.llm.builtin.BuiltinLanguageModel;
import io.parley.security.SecretBox;
import io.parley.tenant.OrganizationId;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ScriptedOpenAiServer;
import io.parley.testing.TestSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which model answers each organization: its own choice first, the server's chain behind it, breakers around both. */
class OrganizationRoutingTest {

    private final ScriptedOpenAiServer gpt = ScriptedOpenAiServer.start();
    private final ScriptedOpenAiServer other = ScriptedOpenAiServer.start();
    private final SecretBox secrets = TestSecrets.box();
    private final Choices choices = new Choices();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OrganizationId alpine = OrganizationId.generate();
    private final OrganizationId tiny = OrganizationId.generate();
    private final ProviderRegistry registry = new ProviderRegistry(
            new LlmProperties(
                    "gpt",
                    Map.of(
                            "gpt",
                                    new Provider(
                                            ProviderType.OPENAI,
                                            gpt.baseUrl(),
                                            "sk-OPERATOR",
                                            "gpt-server",
                                            null,
                                            null),
                            "other",
                                    new Provider(
                                            ProviderType.OPENAI,
                                            other.baseUrl(),
                                            "sk-OTHER",
                                            "other-server",
                                            null,
                                            null)),
                    List.of("builtin"),
                    null,
                    null,
                    null,
                    new LlmProperties.Breaker(50, 10, 4, Duration.ofMinutes(5), 1)),
            choices,
            secrets,
            meters,
            Clock.systemUTC());

    @AfterEach
    void stop() {
        registry.close();
        gpt.close();
        other.close();
    }

    @Test
    void answersAnOrganizationThatChoseNothingWithTheServersDefault() {
        ModelReply reply = registry.modelFor(alpine).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(reply.provider()).isEqualTo("gpt");
        assertThat(gpt.lastRequest().model()).isEqualTo("gpt-server");
        assertThat(gpt.lastRequest().authorization()).contains("Bearer sk-OPERATOR");
    }

    @Test
    void answersEachOrganizationWithItsOwnProviderModelAndKey() {
        choose(alpine, new ModelChoice("other", "other-large", secrets.seal("sk-ALPINE-OWN")));

        ModelReply alpineReply = registry.modelFor(alpine).generate(ask("Hello"), DeltaSink.IGNORE);
        ModelReply tinyReply = registry.modelFor(tiny).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(alpineReply.provider()).isEqualTo("other");
        assertThat(other.lastRequest().model()).isEqualTo("other-large");
        assertThat(other.lastRequest().authorization()).contains("Bearer sk-ALPINE-OWN");
        assertThat(tinyReply.provider()).isEqualTo("gpt");
        assertThat(other.requests()).hasSize(1);
        assertThat(registry.statusOf(alpine).state()).isEqualTo(ModelStatus.State.READY);
    }

    @Test
    void fallsBackAndSaysWhyWhenAnOrganizationsOwnKeyIsRefused() {
        choose(alpine, new ModelChoice("other", null, secrets.seal("sk-WRONG")));
        other.script(OpenAiScript.status(401, "{\"error\":{\"message\":\"bad key\"}}"));

        ModelReply reply = registry.modelFor(alpine).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(reply.provider()).isEqualTo("gpt");
        ModelStatus status = registry.statusOf(alpine);
        assertThat(status.state()).isEqualTo(ModelStatus.State.MISCONFIGURED);
        assertThat(status.detail()).contains("refused the API key").doesNotContain("sk-WRONG", "bad key");
        assertThat(registry.health().get("other").state())
                .as("an organization's key says nothing about the operator's settings")
                .isEqualTo(ProviderHealth.State.UP);
    }

    @Test
    void answersWithTheServersDefaultWhenTheChosenProviderIsNoLongerOffered() {
        choose(alpine, new ModelChoice("retired", null, null));

        ModelReply reply = registry.modelFor(alpine).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(reply.provider()).isEqualTo("gpt");
        assertThat(registry.statusOf(alpine).detail()).contains("no longer offers the provider 'retired'");
        assertThat(registry.chosenModel(alpine)).isEmpty();
    }

    @Test
    void seesANewChoiceAtOnceAfterForget() {
        registry.modelFor(alpine).generate(ask("Hello"), DeltaSink.IGNORE);
        choose(alpine, new ModelChoice("other", null, null));

        registry.forget(alpine);
        ModelReply reply = registry.modelFor(alpine).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(reply.provider()).isEqualTo("other");
    }

    @Test
    void stopsCallingADeadProviderOnceItsCircuitOpensAndTheFallbackAnswersMeanwhile() {
        gpt.respondWith(request -> OpenAiScript.status(503, "{}"));

        for (int i = 0; i < 20; i++) {
            ModelReply reply = registry.modelFor(alpine).generate(ask("Hello " + i), DeltaSink.IGNORE);
            assertThat(reply.model()).isEqualTo(BuiltinLanguageModel.MODEL);
        }

        assertThat(gpt.requests()).as("calls that reached the dead provider").hasSize(4);
        assertThat(registry.health().get("gpt").state()).isEqualTo(ProviderHealth.State.CIRCUIT_OPEN);
        assertThat(registry.statusOf(alpine).state()).isEqualTo(ModelStatus.State.CIRCUIT_OPEN);
        assertThat(meters.counter("parley.llm.failures", "provider", "gpt", "kind", "unavailable")
                        .count())
                .isEqualTo(4);
        assertThat(meters.counter("parley.llm.calls.refused", "provider", "gpt", "reason", "circuit_open")
                        .count())
                .isEqualTo(16);
    }

    @Test
    void countsAFailureAgainstTheProviderThatFailedNotTheFirstOfTheChain() {
        choose(alpine, new ModelChoice("other", null, null));
        other.script(OpenAiScript.status(500, "{}"));

        ModelReply reply = registry.modelFor(alpine).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(reply.provider()).isEqualTo("gpt");
        assertThat(meters.counter("parley.llm.failures", "provider", "other", "kind", "unavailable")
                        .count())
                .isEqualTo(1);
        assertThat(meters.find("parley.llm.failures").tag("provider", "gpt").counter())
                .isNull();
    }

    @Test
    void reportsTheOperatorsMisconfigurationInHealthWithoutTheProvidersWords() {
        gpt.script(OpenAiScript.status(401, "{\"error\":{\"message\":\"PROVIDER-DETAIL\"}}"));

        registry.modelFor(alpine).generate(ask("Hello"), DeltaSink.IGNORE);

        ProviderHealth.Status status = registry.health().get("gpt");
        assertThat(status.state()).isEqualTo(ProviderHealth.State.MISCONFIGURED);
        assertThat(status.why()).isEqualTo("The provider refused the API key.");
    }

    @Test
    void offersEveryConfiguredProviderAndTheOfflineEngine() {
        assertThat(registry.offered())
                .extracting(ProviderRegistry.OfferedProvider::id, ProviderRegistry.OfferedProvider::acceptsOwnKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("gpt", true),
                        org.assertj.core.groups.Tuple.tuple("other", true),
                        org.assertj.core.groups.Tuple.tuple("builtin", false));
    }

    private void choose(OrganizationId organization, ModelChoice choice) {
        choices.save(organization, choice, Instant.now());
    }

    /** Choices in memory. */
    private static final class Choices implements ModelChoiceStore {
        private final Map<OrganizationId, ModelChoice> saved = new HashMap<>();

        @Override
        public synchronized Optional<ModelChoice> find(OrganizationId organization) {
            return Optional.ofNullable(saved.get(organization));
        }

        @Override
        public synchronized void save(OrganizationId organization, ModelChoice choice, Instant at) {
            saved.put(organization, choice);
        }
    }
}

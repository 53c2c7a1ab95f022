package io.parley.llm;

import static io.parley.testing.ModelRequests.ORGANIZATION;
import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.llm.LlmProperties.Provider;
import io.parley.llm.LlmProperties.ProviderType;
import io.parley.llm.builtin.BuiltinLanguageModel;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ScriptedOpenAiServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class ProviderRegistryTest {

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    private final List<ProviderRegistry> registries = new ArrayList<>();

    @AfterEach
    void stop() {
        registries.forEach(ProviderRegistry::close);
        server.close();
    }

    private ProviderRegistry registry(String defaultId, Map<String, Provider> providers, List<String> fallback) {
        var registry = new ProviderRegistry(LlmProperties.of(defaultId, providers, fallback));
        registries.add(registry);
        return registry;
    }

    private Provider scripted() {
        return new Provider(ProviderType.OPENAI, server.baseUrl(), "sk-test", "gpt-test", null, null);
    }

    @Test
    void usesTheBuiltinEngineWhenNothingIsConfigured() {
        var registry = new ProviderRegistry(LlmProperties.defaults());
        registries.add(registry);

        assertThat(registry.offline()).isTrue();
        assertThat(registry.defaultModel().id()).isEqualTo("builtin");
        assertThat(registry.modelFor(ORGANIZATION)
                        .generate(ask("Hello"), DeltaSink.IGNORE)
                        .model())
                .isEqualTo(BuiltinLanguageModel.MODEL);
    }

    @Test
    void usesAConfiguredOpenAiProviderAsTheDefault() {
        var registry = registry("gpt", Map.of("gpt", scripted()), List.of());

        ModelReply reply = registry.modelFor(ORGANIZATION).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(reply.text()).isEqualTo(OpenAiScript.echoOf("Hello"));
        assertThat(registry.offline()).isFalse();
        assertThat(registry.defaultModel().id()).isEqualTo("gpt");
        assertThat(server.lastRequest().model()).isEqualTo("gpt-test");
    }

    @Test
    void runsAnOllamaProviderThroughTheOpenAiCompatibleAdapter() {
        var ollama = new Provider(ProviderType.OLLAMA, server.baseUrl(), null, "llama3.2", null, null);
        var registry = registry("local", Map.of("local", ollama), List.of());

        registry.modelFor(ORGANIZATION).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(server.lastRequest().model()).isEqualTo("llama3.2");
        assertThat(server.lastRequest().authorization()).isEmpty();
    }

    @Test
    void failsWithAClearMessageForAnUnknownDefault() {
        assertThatThrownBy(() -> registry("claude", Map.of("gpt", scripted()), List.of()))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("parley.llm.default")
                .hasMessageContaining("no provider 'claude' is configured")
                .hasMessageContaining("known providers: gpt, builtin");
    }

    @Test
    void failsWithAClearMessageForAnUnknownFallback() {
        assertThatThrownBy(() -> registry("gpt", Map.of("gpt", scripted()), List.of("builtin", "backup")))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("parley.llm.fallback")
                .hasMessageContaining("no provider 'backup' is configured");
    }

    @Test
    void failsWithAClearMessageForATypeThisVersionDoesNotRun() {
        var local = new Provider(ProviderType.LLAMACPP, null, null, null, null, java.nio.file.Path.of("/m.gguf"));

        assertThatThrownBy(() -> registry("local", Map.of("local", local), List.of()))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("parley.llm.providers.local.type")
                .hasMessageContaining("provider 'local' has type llamacpp")
                .hasMessageContaining("supported types: openai, bedrock, anthropic, gemini, ollama, builtin");
    }

    @Test
    void failsWithAClearMessageWhenAKeyedProviderHasNoKeyOrBedrockNoRegion() {
        var claude = new Provider(ProviderType.ANTHROPIC, null, null, null, null, null);
        var bedrock = new Provider(ProviderType.BEDROCK, URI.create("http://127.0.0.1:1"), null, null, null, null);

        assertThatThrownBy(() -> registry("claude", Map.of("claude", claude), List.of()))
                .hasMessageContaining("parley.llm.providers.claude.api-key");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
                "this machine names a default AWS region");
        assertThatThrownBy(() -> registry("aws", Map.of("aws", bedrock), List.of()))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("parley.llm.providers.aws.region");
    }

    @Test
    void runsEveryProviderTypeWithItsDefaultModel() {
        var providers = Map.of(
                "aws",
                        new Provider(
                                ProviderType.BEDROCK, URI.create("http://127.0.0.1:1"), null, null, "us-east-1", null),
                "claude",
                        new Provider(
                                ProviderType.ANTHROPIC, URI.create("http://127.0.0.1:1"), "sk-a", null, null, null),
                "gemini",
                        new Provider(ProviderType.GEMINI, URI.create("http://127.0.0.1:1"), "g-key", null, null, null));

        var registry = registry("aws", providers, List.of("claude", "gemini"));

        assertThat(registry.offered())
                .extracting(ProviderRegistry.OfferedProvider::id, ProviderRegistry.OfferedProvider::model)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("aws", "meta.llama3-3-70b-instruct-v1:0"),
                        org.assertj.core.groups.Tuple.tuple("claude", "claude-haiku-4-5"),
                        org.assertj.core.groups.Tuple.tuple("gemini", "gemini-3.1-flash-lite"));
        assertThat(registry.offered("aws").orElseThrow().acceptsOwnKey()).isFalse();
        assertThat(registry.offered("claude").orElseThrow().tools()).isTrue();
    }

    @Test
    void failsWhenAnOpenAiCompatibleProviderHasNoModelOrAnUnusableUrl() {
        var noModel = new Provider(ProviderType.OPENAI, null, "sk", null, null, null);
        var badUrl = new Provider(ProviderType.OLLAMA, URI.create("localhost:11434"), null, "llama3.2", null, null);

        assertThatThrownBy(() -> registry("gpt", Map.of("gpt", noModel), List.of()))
                .hasMessageContaining("parley.llm.providers.gpt.model");
        assertThatThrownBy(() -> registry("local", Map.of("local", badUrl), List.of()))
                .hasMessageContaining("parley.llm.providers.local.base-url")
                .hasMessageContaining("http or https");
    }

    @Test
    void fallsBackWhenTheDefaultFailsBeforeReplying() {
        server.script(OpenAiScript.status(500, "{}"));
        var registry = registry("gpt", Map.of("gpt", scripted()), List.of("builtin"));

        ModelReply reply = registry.modelFor(ORGANIZATION).generate(ask("Hello"), DeltaSink.IGNORE);

        assertThat(reply.model()).isEqualTo(BuiltinLanguageModel.MODEL);
        assertThat(server.requests()).hasSize(1);
        assertThat(registry.defaultModel().id()).isEqualTo("gpt");
    }

    @Test
    void restartsTheReplyWithTheFallbackWhenTheDefaultBreaksOffHalfWay() {
        server.script(
                OpenAiScript.reply("Partial answer that breaks").inChunks(4).stopAfter(1));
        var registry = registry("gpt", Map.of("gpt", scripted()), List.of("builtin"));
        List<String> pieces = new ArrayList<>();
        DeltaSink sink = new DeltaSink() {
            @Override
            public void onDelta(String text) {
                pieces.add(text);
            }

            @Override
            public void discard() {
                pieces.clear();
            }
        };

        ModelReply reply = registry.modelFor(ORGANIZATION).generate(ask("Hello"), sink);

        assertThat(reply.provider()).isEqualTo("builtin");
        assertThat(String.join("", pieces)).isEqualTo(reply.text());
    }
}

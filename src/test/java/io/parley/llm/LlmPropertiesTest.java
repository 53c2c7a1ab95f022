package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.LlmProperties.Provider;
import io.parley.llm.LlmProperties.ProviderType;
import io.parley.testing.ModelRequests;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ScriptedOpenAiServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binding {@code parley.llm.*} as Spring Boot does at startup, with validation, and wiring the registry. */
class LlmPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LlmProperties.class)
    static class Llm {
        @Bean
        ProviderRegistry providerRegistry(LlmProperties properties) {
            return new ProviderRegistry(properties);
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Llm.class);

    @Test
    void bindsEveryDocumentedSetting() {
        context.withPropertyValues(
                        "parley.llm.default=local",
                        "parley.llm.providers.local.type=ollama",
                        "parley.llm.providers.local.base-url=http://gpu-box:11434/v1/",
                        "parley.llm.providers.local.model=llama3.2",
                        "parley.llm.providers.cloud.type=openai",
                        "parley.llm.providers.cloud.api-key=sk-SECRET",
                        "parley.llm.providers.cloud.model=gpt-4o-mini",
                        "parley.llm.providers.cloud.region=eu-west-1",
                        "parley.llm.providers.cloud.model-path=/models/x.gguf",
                        "parley.llm.fallback=cloud, builtin",
                        "parley.llm.timeout=45s")
                .run(started -> {
                    LlmProperties properties = started.getBean(LlmProperties.class);
                    assertThat(properties.defaultProvider()).isEqualTo("local");
                    assertThat(properties.providers().get("local"))
                            .isEqualTo(new Provider(
                                    ProviderType.OLLAMA,
                                    URI.create("http://gpu-box:11434/v1/"),
                                    null,
                                    "llama3.2",
                                    null,
                                    null));
                    assertThat(properties.providers().get("cloud"))
                            .isEqualTo(new Provider(
                                    ProviderType.OPENAI,
                                    null,
                                    "sk-SECRET",
                                    "gpt-4o-mini",
                                    "eu-west-1",
                                    Path.of("/models/x.gguf")));
                    assertThat(properties.fallback()).containsExactly("cloud", "builtin");
                    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(started.getBean(ProviderRegistry.class)
                                    .defaultModel()
                                    .id())
                            .isEqualTo("local");
                });
    }

    @Test
    void defaultsToTheBuiltinEngineAndThirtySeconds() {
        context.run(started -> {
            LlmProperties properties = started.getBean(LlmProperties.class);
            assertThat(properties.defaultProvider()).isEqualTo("builtin");
            assertThat(properties.providers()).isEmpty();
            assertThat(properties.fallback()).isEmpty();
            assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(started.getBean(ProviderRegistry.class).offline()).isTrue();
        });
    }

    @Test
    void makesTheScriptedServerTheDefaultWithItsSpringProperties() {
        try (var server = ScriptedOpenAiServer.start()) {
            context.withPropertyValues(server.springProperties("scripted").entrySet().stream()
                            .map(property -> property.getKey() + "=" + property.getValue())
                            .toArray(String[]::new))
                    .run(started -> {
                        LanguageModel model =
                                started.getBean(ProviderRegistry.class).modelFor(ModelRequests.ORGANIZATION);
                        assertThat(model.generate(ModelRequests.ask("Hi"), DeltaSink.IGNORE)
                                        .text())
                                .isEqualTo(OpenAiScript.echoOf("Hi"));
                    });
        }
    }

    @Test
    void neverShowsTheApiKey() {
        var provider = new Provider(ProviderType.OPENAI, null, "sk-SECRET", "gpt", null, null);

        assertThat(provider.toString()).doesNotContain("sk-SECRET").contains("apiKey=******");
        assertThat(LlmProperties.of(null, Map.of("p", provider), List.of()).toString())
                .doesNotContain("sk-SECRET");
    }

    @Test
    void failsStartupNamingThePropertyForATypeThisVersionDoesNotRun() {
        context.withPropertyValues(
                        "parley.llm.default=local",
                        "parley.llm.providers.local.type=llamacpp",
                        "parley.llm.providers.local.api-key=sk-SECRET")
                .run(started -> assertThat(started.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("parley.llm.providers.local.type")
                        .hasMessageContaining("supported types: openai, bedrock, anthropic, gemini, ollama, builtin")
                        .hasMessageNotContaining("sk-SECRET"));
    }

    @Test
    void failsStartupForAnUnknownType() {
        context.withPropertyValues("parley.llm.providers.x.type=gpt5", "parley.llm.providers.x.model=m")
                .run(started ->
                        assertThat(started.getStartupFailure()).hasStackTraceContaining("parley.llm.providers.x.type"));
    }

    @Test
    void failsStartupWhenAProviderHasNoType() {
        context.withPropertyValues("parley.llm.providers.x.model=m")
                .run(started -> assertThat(started.getStartupFailure())
                        .hasStackTraceContaining("providers[x].type")
                        .extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING)
                        .isNotBlank());
    }

    @Test
    void rejectsANonPositiveTimeout() {
        context.withPropertyValues("parley.llm.timeout=0s").run(started -> assertThat(started.getStartupFailure())
                .hasStackTraceContaining("parley.llm.timeout must be positive"));
    }
}

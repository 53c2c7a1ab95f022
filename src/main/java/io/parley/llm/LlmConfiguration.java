package io.parley.llm;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.security.SecretBox;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the language-model feature: the operator's providers, the organizations' choices, prices. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

    @Bean
    ProviderRegistry providerRegistry(
            LlmProperties properties, ModelChoiceStore choices, SecretBox secrets, MeterRegistry meters, Clock clock) {
        return new ProviderRegistry(properties, choices, secrets, meters, clock);
    }

    @Bean
    OrganizationModels organizationModels(
            ProviderRegistry registry, ModelChoiceStore store, SecretBox secrets, Clock clock) {
        return new OrganizationModels(registry, store, secrets, clock);
    }

    @Bean
    Prices prices(LlmProperties properties) {
        return new Prices(properties);
    }
}

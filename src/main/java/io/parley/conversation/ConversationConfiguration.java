package io.parley.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.llm.LlmProperties;
import io.parley.llm.ProviderRegistry;
import io.parley.tenant.Organizations;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the chat engine to the tenant feature, the model registry and the store. */
@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

    @Bean(destroyMethod = "")
    ChatEngine chatEngine(
            ConversationStore store,
            Organizations organizations,
            ProviderRegistry models,
            ChatSettings settings,
            LlmProperties llm,
            Clock clock,
            MeterRegistry meters) {
        return new ChatEngine(
                store, organizations::currentProfile, models::modelFor, settings, llm.timeout(), clock, meters);
    }

    /**
     * Stops the engine before the web server: replies being written still reach their customers, and every message
     * handed over is stored before the process ends.
     */
    @Bean
    SmartLifecycle chatEngineLifecycle(
            ChatEngine engine, @Value("${spring.lifecycle.timeout-per-shutdown-phase:20s}") Duration timeout) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                engine.close(timeout);
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}

package io.parley.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.audit.AuditEntry;
import io.parley.audit.AuditLog;
import io.parley.llm.LlmProperties;
import io.parley.llm.ProviderRegistry;
import io.parley.sentiment.SentimentAnalyzer;
import io.parley.tenant.Organizations;
import io.parley.usage.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the chat engine to the tenant feature, the model registry and the store. */
@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

    /**
     * The engine answers each organization with its chosen model, or with the offline engine once the organization's
     * monthly budget is spent; every call it makes goes into the usage ledger. What customers write is masked as the
     * organization's redaction settings say.
     */
    @Bean(destroyMethod = "")
    ChatEngine chatEngine(
            ConversationStore store,
            Organizations organizations,
            ProviderRegistry models,
            UsageLedger ledger,
            ChatSettings settings,
            LlmProperties llm,
            Clock clock,
            MeterRegistry meters,
            ConversationEvents events,
            ObjectProvider<HandoffPolicy> handoffs,
            SentimentAnalyzer sentiment,
            ObjectProvider<KnowledgeBase> knowledge,
            Toolbox toolbox,
            ToolLedger toolLedger,
            ObjectProvider<Redaction> redaction) {
        ModelRouting routing =
                organization -> ledger.overBudget(organization) ? models.offlineModel() : models.modelFor(organization);
        UsageRecorder usage = (organization, conversation, message, purpose, reply, latency) -> ledger.record(
                        organization,
                        conversation == null ? null : conversation.value(),
                        message == null ? null : message.value(),
                        purpose,
                        reply,
                        latency)
                .cost();
        return new ChatEngine(
                store,
                organizations::currentProfile,
                routing,
                usage,
                settings,
                llm.timeout(),
                llm.maxOutputTokens(),
                clock,
                meters,
                events,
                handoffs.getIfAvailable(() -> HandoffPolicy.NEVER),
                text -> sentiment.score(text).compound(),
                knowledge.getIfAvailable(() -> KnowledgeBase.NONE),
                toolbox,
                toolLedger,
                redaction.getIfAvailable(() -> Redaction.NONE));
    }

    /** Every tool the features offer (the retail store, the business's actions), each call within the time limit. */
    @Bean
    Toolbox toolbox(
            ObjectProvider<ToolSource> sources,
            @Value("${parley.tools.timeout:10s}") Duration timeout,
            MeterRegistry meters) {
        return new Toolbox(sources.orderedStream().toList(), timeout, meters);
    }

    @Bean
    CustomerData customerData(
            ChatEngine engine,
            ConversationStore store,
            ToolLedger ledger,
            org.springframework.context.ApplicationEventPublisher events,
            Clock clock) {
        return new CustomerData(engine, store, ledger, events, clock);
    }

    /** What each run erased goes into the organization's audit log, in the platform's name. */
    @Bean
    Retention retention(RetentionStore store, CustomerData customers, Clock clock, AuditLog audit) {
        return new Retention(
                store,
                customers,
                clock,
                (organization, details) -> audit.record(new AuditEntry(
                        java.util.UUID.randomUUID().toString(),
                        organization,
                        clock.instant(),
                        null,
                        "Parley",
                        "retention: erase conversations past the retention period",
                        "",
                        details,
                        200)));
    }

    /** VADER over its published lexicon: a few microseconds per message, in-process. */
    @Bean
    SentimentAnalyzer sentimentAnalyzer() {
        return new SentimentAnalyzer();
    }

    /** Events stay on this node; a broker-backed implementation would replace this bean. */
    @Bean
    ConversationEvents conversationEvents() {
        return new LocalConversationEvents();
    }

    /**
     * Stops the engine before the web server: replies being written still reach their customers, and every message
     * handed over is stored before the process ends.
     */
    @Bean
    SmartLifecycle chatEngineLifecycle(
            ChatEngine engine,
            UsageLedger ledger,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:20s}") Duration timeout) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                engine.close(timeout);
                ledger.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}

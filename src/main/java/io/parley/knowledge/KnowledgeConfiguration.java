package io.parley.knowledge;

import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationsErased;
import io.parley.knowledge.index.OrganizationIndex;
import io.parley.knowledge.jdbc.JdbcKnowledgeStore;
import io.parley.knowledge.text.Chunker;
import io.parley.knowledge.text.TextExtractor;
import io.parley.outbound.SafeHttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the knowledge base: store, embeddings, indexes, background ingestion and sync, and the engine's port. */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    @Bean
    KnowledgeStore knowledgeStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        return new JdbcKnowledgeStore(jdbc, template, transactions);
    }

    /** A customer's erased conversations take the questions they asked (the unanswered-question list) with them. */
    @Bean
    ApplicationListener<PayloadApplicationEvent<ConversationsErased>> gapsOfErasedConversations(KnowledgeStore store) {
        return ApplicationListener.forPayload(erased -> store.deleteGaps(
                erased.organization(),
                erased.conversations().stream().map(ConversationId::value).toList()));
    }

    @Bean
    Embeddings embeddings() {
        return new Embeddings();
    }

    @Bean(destroyMethod = "close")
    KnowledgeIndexes knowledgeIndexes(
            KnowledgeProperties properties, KnowledgeStore store, @Value("${parley.data-dir}") Path dataDir) {
        Path root = properties.indexDir() != null ? properties.indexDir() : dataDir.resolve("knowledge-index");
        return new KnowledgeIndexes(root, store, OrganizationIndex.Fusion.DEFAULT, 500);
    }

    @Bean
    KnowledgeWrites knowledgeWrites() {
        return new KnowledgeWrites();
    }

    @Bean
    Retrieval retrieval(KnowledgeIndexes indexes, Embeddings embeddings, KnowledgeStore store) {
        return new Retrieval(indexes, embeddings, store);
    }

    @Bean(destroyMethod = "close")
    Ingestion ingestion(
            KnowledgeStore store,
            KnowledgeIndexes indexes,
            Embeddings embeddings,
            KnowledgeWrites writes,
            Retrieval retrieval,
            KnowledgeProperties properties,
            Clock clock) {
        TextExtractor extractor = new TextExtractor(new TextExtractor.Limits(
                properties.maxFileSize().toBytes(),
                TextExtractor.Limits.DEFAULT.maxCharacters(),
                TextExtractor.Limits.DEFAULT.maxTime()));
        return new Ingestion(store, indexes, embeddings, extractor, new Chunker(), writes, clock, retrieval::forget);
    }

    @Bean
    Knowledge knowledge(
            KnowledgeStore store,
            Ingestion ingestion,
            KnowledgeIndexes indexes,
            Retrieval retrieval,
            KnowledgeWrites writes,
            KnowledgeProperties properties,
            Clock clock) {
        return new Knowledge(
                store,
                ingestion,
                indexes,
                retrieval,
                writes,
                clock,
                properties.maxFileSize().toBytes(),
                properties.minSimilarity());
    }

    @Bean
    KnowledgeGrounding knowledgeGrounding(
            Retrieval retrieval, KnowledgeStore store, KnowledgeProperties properties, Clock clock) {
        return new KnowledgeGrounding(
                retrieval,
                store,
                new KnowledgeGrounding.Confidence(
                        properties.minSimilarity(), properties.maxPassages(), properties.passageMargin()),
                clock,
                Executors.newVirtualThreadPerTaskExecutor());
    }

    @Bean(destroyMethod = "close")
    KnowledgeSources knowledgeSources(
            KnowledgeStore store,
            Knowledge knowledge,
            SafeHttpClient http,
            KnowledgeProperties properties,
            Clock clock) {
        KnowledgeSources sync = new KnowledgeSources(store, knowledge, http, properties.maxSitemapPages(), clock);
        // Each node re-syncs on its own; a sync that finds nothing changed changes nothing.
        sync.scheduleEvery(properties.syncInterval());
        return sync;
    }

    /** Documents a restart left half-processed are processed again once the server is up. */
    @EventListener(ApplicationReadyEvent.class)
    void resume(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(Knowledge.class).resumeLeftovers();
    }
}

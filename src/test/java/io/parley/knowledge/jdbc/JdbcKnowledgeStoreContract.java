package io.parley.knowledge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.KnowledgeDocument;
import io.parley.knowledge.KnowledgeGap;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.StoredChunk;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The knowledge store on a real database, migrated by Flyway; subclasses choose which. */
abstract class JdbcKnowledgeStoreContract {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private TestDatabase database;
    private JdbcClient jdbc;
    private JdbcKnowledgeStore store;
    private OrganizationId org;

    protected abstract TestDatabase database();

    @BeforeEach
    void open() {
        database = database();
        jdbc = JdbcClient.create(database.dataSource());
        store = new JdbcKnowledgeStore(
                jdbc,
                new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())));
        org = TestDatabases.newOrganization(jdbc);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void keepsTheOriginalContentAndTheChunksWithTheirEmbeddingsExactly() {
        byte[] content = "# Shipping\n\nFive to eight days.".getBytes(StandardCharsets.UTF_8);
        KnowledgeDocument doc = document(org, null);
        store.addDocument(doc, content);
        float[] embedding = new float[384];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = (float) Math.sin(i) / 7f;
        }

        store.saveChunks(
                doc,
                "Shipping",
                List.of(new StoredChunk(
                        "c1", doc.id(), 0, "Shipping", null, "", "Five to" + " eight days.", embedding)),
                NOW);

        assertThat(store.content(doc.id())).hasValue(content);
        KnowledgeDocument ready = store.document(org, doc.id()).orElseThrow();
        assertThat(ready.status()).isEqualTo(KnowledgeDocument.Status.READY);
        assertThat(ready.chunks()).isEqualTo(1);
        List<StoredChunk> chunks = new ArrayList<>();
        store.forEachChunk(org, chunks::addAll);
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.embedding()).containsExactly(embedding);
            assertThat(c.title()).isEqualTo("Shipping");
            assertThat(c.body()).isEqualTo("Five to eight days.");
        });
        assertThat(store.chunkCount(org)).isEqualTo(1);
    }

    @Test
    void aFailedDocumentHasNoChunksAndAnotherOrganizationCannotReadOrDeleteIt() {
        KnowledgeDocument doc = document(org, null);
        store.addDocument(doc, new byte[] {1});
        store.saveChunks(
                doc, "t", List.of(new StoredChunk("c1", doc.id(), 0, "t", null, "", "b", new float[384])), NOW);
        store.markFailed(doc.id(), "the PDF is damaged or not a PDF", NOW);

        assertThat(store.document(org, doc.id()).orElseThrow().error()).isEqualTo("the PDF is damaged or not a PDF");
        assertThat(store.chunkCount(org)).isZero();
        OrganizationId other = TestDatabases.newOrganization(jdbc);
        assertThat(store.document(other, doc.id())).isEmpty();
        assertThat(store.deleteDocument(other, doc.id())).isFalse();
        assertThat(store.documents(other)).isEmpty();
        assertThat(store.deleteDocument(org, doc.id())).isTrue();
        assertThat(store.documents(org)).isEmpty();
    }

    @Test
    void aSourceOwnsItsPagesAndDeletingItDeletesThem() {
        KnowledgeSource source = new KnowledgeSource(
                "s1",
                org,
                KnowledgeSource.Type.SITEMAP,
                "https://example.com/sitemap.xml",
                KnowledgeSource.Status.SYNCING,
                null,
                0,
                NOW,
                null);
        store.addSource(source);
        store.addDocument(document(org, "s1"), new byte[] {1});
        store.updateSource("s1", KnowledgeSource.Status.READY, null, 1, NOW);

        assertThat(store.source(org, "s1").orElseThrow().syncedAt()).isEqualTo(NOW);
        assertThat(store.documentsOf("s1")).hasSize(1);
        assertThat(store.source(TestDatabases.newOrganization(jdbc), "s1")).isEmpty();
        assertThat(store.deleteSource(org, "s1")).isTrue();
        assertThat(store.documents(org)).isEmpty();
    }

    @Test
    void gapsAreGroupedByQuestionMostAskedFirstWithinThePeriod() {
        store.addGap(org, "c9", "Do you ship to Mexico?", "do you ship to mexico", 0.1, NOW.minusSeconds(60));
        store.addGap(org, "c2", "do you ship to mexico", "do you ship to mexico", 0.2, NOW);
        store.addGap(org, "c3", "Gift cards?", "gift cards", 0.05, NOW.minusSeconds(30));
        store.addGap(org, "c4", "Old question", "old question", 0.05, NOW.minus(40, ChronoUnit.DAYS));

        List<KnowledgeGap> gaps = store.gaps(org, NOW.minus(30, ChronoUnit.DAYS), NOW.plusSeconds(1), 10);

        assertThat(gaps).extracting(KnowledgeGap::count).containsExactly(2, 1);
        assertThat(gaps.getFirst().askedAt()).isEqualTo(NOW);
        assertThat(gaps.getFirst().conversationId()).isEqualTo("c2");
        assertThat(gaps.getFirst().bestScore()).isEqualTo(0.2);
        assertThat(store.gaps(TestDatabases.newOrganization(jdbc), NOW.minusSeconds(3600), NOW.plusSeconds(1), 10))
                .isEmpty();
    }

    private static KnowledgeDocument document(OrganizationId org, String sourceId) {
        return new KnowledgeDocument(
                UUID.randomUUID().toString(),
                org,
                sourceId,
                KnowledgeDocument.Origin.TEXT,
                "Shipping",
                null,
                null,
                "text/plain",
                "hash",
                KnowledgeDocument.Status.PROCESSING,
                null,
                0,
                NOW,
                NOW);
    }
}

package io.parley.knowledge.jdbc;

import io.parley.knowledge.KnowledgeDocument;
import io.parley.knowledge.KnowledgeGap;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.KnowledgeStore;
import io.parley.knowledge.StoredChunk;
import io.parley.knowledge.index.Vectors;
import io.parley.tenant.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link KnowledgeStore} on H2 or PostgreSQL. Embeddings are 384 little-endian floats in a binary column. */
public class JdbcKnowledgeStore implements KnowledgeStore {

    private static final String DOCUMENT_COLUMNS = "id, organization_id, source_id, origin, title, url, file_name,"
            + " content_type, content_hash, status, error, chunks, created_at, updated_at";
    private static final String SOURCE_COLUMNS =
            "id, organization_id, type, url, status, error, pages, created_at, synced_at";
    /** Chunks read per page during a rebuild: a few MB of text and vectors at a time. */
    private static final int CHUNK_PAGE = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;

    public JdbcKnowledgeStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
    }

    @Override
    public void addDocument(KnowledgeDocument d, byte[] content) {
        jdbc.sql("INSERT INTO knowledge_documents (" + DOCUMENT_COLUMNS + ", content)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        d.id(),
                        d.organization().value(),
                        d.sourceId(),
                        d.origin().wireName(),
                        d.title(),
                        d.url(),
                        d.fileName(),
                        d.contentType(),
                        d.contentHash(),
                        d.status().wireName(),
                        d.error(),
                        d.chunks(),
                        time(d.createdAt()),
                        time(d.updatedAt()),
                        content)
                .update();
    }

    @Override
    public Optional<KnowledgeDocument> document(OrganizationId organization, String id) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM knowledge_documents WHERE id = ? AND organization_id = ?")
                .params(id, organization.value())
                .query(DOCUMENT)
                .optional();
    }

    @Override
    public List<KnowledgeDocument> documents(OrganizationId organization) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM knowledge_documents WHERE organization_id = ?"
                        + " ORDER BY created_at DESC, id DESC")
                .param(organization.value())
                .query(DOCUMENT)
                .list();
    }

    @Override
    public Optional<byte[]> content(String documentId) {
        return jdbc.sql("SELECT content FROM knowledge_documents WHERE id = ?")
                .param(documentId)
                .query((rs, row) -> rs.getBytes(1))
                .optional();
    }

    @Override
    public void replaceContent(
            String documentId, String title, @Nullable String contentType, byte[] content, String hash, Instant at) {
        jdbc.sql("UPDATE knowledge_documents SET title = ?, content_type = ?, content = ?, content_hash = ?,"
                        + " status = 'processing', error = NULL, updated_at = ? WHERE id = ?")
                .params(title, contentType, content, hash, time(at), documentId)
                .update();
    }

    @Override
    public void saveChunks(KnowledgeDocument document, String title, List<StoredChunk> chunks, Instant at) {
        List<Object[]> rows = chunks.stream()
                .map(c -> new Object[] {
                    c.id(),
                    document.id(),
                    document.organization().value(),
                    c.ordinal(),
                    c.section(),
                    c.body(),
                    Vectors.toBytes(c.embedding())
                })
                .toList();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM knowledge_chunks WHERE document_id = ?")
                    .param(document.id())
                    .update();
            template.batchUpdate(
                    "INSERT INTO knowledge_chunks (id, document_id, organization_id, ordinal, section, body, embedding)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows);
            jdbc.sql("UPDATE knowledge_documents SET status = 'ready', error = NULL, chunks = ?, title = ?,"
                            + " updated_at = ? WHERE id = ?")
                    .params(chunks.size(), title, time(at), document.id())
                    .update();
        });
    }

    @Override
    public void markFailed(String documentId, String error, Instant at) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM knowledge_chunks WHERE document_id = ?")
                    .param(documentId)
                    .update();
            jdbc.sql("UPDATE knowledge_documents SET status = 'failed', error = ?, chunks = 0, updated_at = ?"
                            + " WHERE id = ?")
                    .params(error, time(at), documentId)
                    .update();
        });
    }

    @Override
    public boolean deleteDocument(OrganizationId organization, String id) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            jdbc.sql("DELETE FROM knowledge_chunks WHERE document_id = ? AND organization_id = ?")
                    .params(id, organization.value())
                    .update();
            return jdbc.sql("DELETE FROM knowledge_documents WHERE id = ? AND organization_id = ?")
                            .params(id, organization.value())
                            .update()
                    > 0;
        }));
    }

    @Override
    public List<KnowledgeDocument> processing() {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM knowledge_documents WHERE status = 'processing'"
                        + " ORDER BY created_at")
                .query(DOCUMENT)
                .list();
    }

    @Override
    public void forEachChunk(OrganizationId organization, Consumer<List<StoredChunk>> sink) {
        String after = "";
        while (true) {
            List<StoredChunk> page = jdbc.sql("SELECT c.id, c.document_id, c.ordinal, c.section, c.body, c.embedding,"
                            + " d.title, d.url FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id"
                            + " WHERE c.organization_id = ? AND d.status = 'ready' AND c.id > ? ORDER BY c.id LIMIT ?")
                    .params(organization.value(), after, CHUNK_PAGE)
                    .query(CHUNK)
                    .list();
            if (page.isEmpty()) {
                return;
            }
            sink.accept(page);
            after = page.getLast().id();
        }
    }

    @Override
    public int chunkCount(OrganizationId organization) {
        return jdbc.sql("SELECT COUNT(*) FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id"
                        + " WHERE c.organization_id = ? AND d.status = 'ready'")
                .param(organization.value())
                .query(Integer.class)
                .single();
    }

    @Override
    public void addSource(KnowledgeSource s) {
        jdbc.sql("INSERT INTO knowledge_sources (" + SOURCE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        s.id(),
                        s.organization().value(),
                        s.type().wireName(),
                        s.url(),
                        s.status().wireName(),
                        s.error(),
                        s.pages(),
                        time(s.createdAt()),
                        s.syncedAt() == null ? null : time(s.syncedAt()))
                .update();
    }

    @Override
    public Optional<KnowledgeSource> source(OrganizationId organization, String id) {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM knowledge_sources WHERE id = ? AND organization_id = ?")
                .params(id, organization.value())
                .query(SOURCE)
                .optional();
    }

    @Override
    public List<KnowledgeSource> sources(OrganizationId organization) {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM knowledge_sources WHERE organization_id = ?"
                        + " ORDER BY created_at DESC, id DESC")
                .param(organization.value())
                .query(SOURCE)
                .list();
    }

    @Override
    public List<KnowledgeSource> allSources() {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM knowledge_sources ORDER BY created_at")
                .query(SOURCE)
                .list();
    }

    @Override
    public void updateSource(
            String id, KnowledgeSource.Status status, @Nullable String error, int pages, @Nullable Instant syncedAt) {
        jdbc.sql("UPDATE knowledge_sources SET status = ?, error = ?, pages = ?,"
                        + " synced_at = COALESCE(?, synced_at) WHERE id = ?")
                .params(status.wireName(), error, pages, syncedAt == null ? null : time(syncedAt), id)
                .update();
    }

    @Override
    public List<KnowledgeDocument> documentsOf(String sourceId) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM knowledge_documents WHERE source_id = ? ORDER BY url")
                .param(sourceId)
                .query(DOCUMENT)
                .list();
    }

    @Override
    public boolean deleteSource(OrganizationId organization, String id) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            jdbc.sql("DELETE FROM knowledge_chunks WHERE document_id IN"
                            + " (SELECT id FROM knowledge_documents WHERE source_id = ? AND organization_id = ?)")
                    .params(id, organization.value())
                    .update();
            jdbc.sql("DELETE FROM knowledge_documents WHERE source_id = ? AND organization_id = ?")
                    .params(id, organization.value())
                    .update();
            return jdbc.sql("DELETE FROM knowledge_sources WHERE id = ? AND organization_id = ?")
                            .params(id, organization.value())
                            .update()
                    > 0;
        }));
    }

    @Override
    public void addGap(
            OrganizationId organization,
            @Nullable String conversationId,
            String question,
            String normalized,
            double bestScore,
            Instant at) {
        jdbc.sql("INSERT INTO knowledge_gaps (id, organization_id, conversation_id, question, normalized, best_score,"
                        + " asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        io.parley.ids.TimeOrderedIds.next(),
                        organization.value(),
                        conversationId,
                        question,
                        normalized,
                        bestScore,
                        time(at))
                .update();
    }

    @Override
    public List<KnowledgeGap> gaps(OrganizationId organization, Instant from, Instant to, int limit) {
        // One line per question (as folded): how often in the period, and its latest asking (wording, conversation).
        List<Object[]> rows = jdbc.sql("SELECT g.normalized, g.question, g.conversation_id, g.asked_at, g.best_score,"
                        + " n.times FROM knowledge_gaps g JOIN (SELECT normalized, COUNT(*) AS times, MAX(asked_at) AS"
                        + " latest FROM knowledge_gaps WHERE organization_id = ? AND asked_at >= ? AND asked_at < ?"
                        + " GROUP BY normalized) n ON g.normalized = n.normalized AND g.asked_at = n.latest"
                        + " WHERE g.organization_id = ? ORDER BY n.times DESC, n.latest DESC, g.id DESC LIMIT ?")
                .params(organization.value(), time(from), time(to), organization.value(), limit)
                .query((rs, row) -> new Object[] {
                    rs.getString("normalized"),
                    new KnowledgeGap(
                            rs.getString("question"),
                            rs.getString("conversation_id"),
                            instant(rs, "asked_at"),
                            rs.getDouble("best_score"),
                            rs.getInt("times"))
                })
                .list();
        // Two askings in the same microsecond would both be the latest: one line each question all the same.
        Map<String, KnowledgeGap> byQuestion = new LinkedHashMap<>();
        rows.forEach(row -> byQuestion.putIfAbsent((String) row[0], (KnowledgeGap) row[1]));
        return List.copyOf(byQuestion.values());
    }

    private static final RowMapper<KnowledgeDocument> DOCUMENT = (rs, row) -> new KnowledgeDocument(
            rs.getString("id"),
            new OrganizationId(rs.getString("organization_id")),
            rs.getString("source_id"),
            KnowledgeDocument.Origin.valueOf(rs.getString("origin").toUpperCase(Locale.ROOT)),
            rs.getString("title"),
            rs.getString("url"),
            rs.getString("file_name"),
            rs.getString("content_type"),
            rs.getString("content_hash"),
            KnowledgeDocument.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
            rs.getString("error"),
            rs.getInt("chunks"),
            instant(rs, "created_at"),
            instant(rs, "updated_at"));

    private static final RowMapper<KnowledgeSource> SOURCE = (rs, row) -> new KnowledgeSource(
            rs.getString("id"),
            new OrganizationId(rs.getString("organization_id")),
            KnowledgeSource.Type.valueOf(rs.getString("type").toUpperCase(Locale.ROOT)),
            rs.getString("url"),
            KnowledgeSource.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
            rs.getString("error"),
            rs.getInt("pages"),
            instant(rs, "created_at"),
            rs.getObject("synced_at") == null ? null : instant(rs, "synced_at"));

    private static final RowMapper<StoredChunk> CHUNK = (rs, row) -> new StoredChunk(
            rs.getString("id"),
            rs.getString("document_id"),
            rs.getInt("ordinal"),
            rs.getString("title"),
            rs.getString("url"),
            rs.getString("section"),
            rs.getString("body"),
            Vectors.fromBytes(rs.getBytes("embedding")));

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time.toInstant();
    }

    @Override
    public int deleteGaps(OrganizationId organization, List<String> conversationIds) {
        int deleted = 0;
        for (String id : conversationIds) {
            deleted += jdbc.sql("DELETE FROM knowledge_gaps WHERE organization_id = ? AND conversation_id = ?")
                    .params(organization.value(), id)
                    .update();
        }
        return deleted;
    }
}

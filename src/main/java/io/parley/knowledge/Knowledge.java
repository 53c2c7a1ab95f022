package io.parley.knowledge;

import io.parley.ids.TimeOrderedIds;
import io.parley.knowledge.index.Hit;
import io.parley.knowledge.index.SearchMode;
import io.parley.tenant.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * An organization's knowledge base as the API and the console use it: add documents (they are processed in the
 * background), list them with their progress, delete them (gone from search at once), search, and read the gaps.
 */
public final class Knowledge {

    private final KnowledgeStore store;
    private final Ingestion ingestion;
    private final KnowledgeIndexes indexes;
    private final Retrieval retrieval;
    private final KnowledgeWrites writes;
    private final Clock clock;
    private final long maxFileBytes;
    private final double minSimilarity;

    Knowledge(
            KnowledgeStore store,
            Ingestion ingestion,
            KnowledgeIndexes indexes,
            Retrieval retrieval,
            KnowledgeWrites writes,
            Clock clock,
            long maxFileBytes,
            double minSimilarity) {
        this.store = store;
        this.ingestion = ingestion;
        this.indexes = indexes;
        this.retrieval = retrieval;
        this.writes = writes;
        this.clock = clock;
        this.maxFileBytes = maxFileBytes;
        this.minSimilarity = minSimilarity;
    }

    /** A document with how far its processing is (0–100) while it is processing on this node. */
    public record Listed(KnowledgeDocument document, OptionalInt progress) {}

    /**
     * Stores an uploaded file and queues it. A file over the size limit is kept as a failed document with the reason,
     * so the business sees what happened to it in the list.
     */
    public KnowledgeDocument addFile(
            OrganizationId organization, String fileName, @Nullable String contentType, byte[] content) {
        String name = fileName.isBlank() ? "upload" : fileName.strip();
        String title = titleFromFileName(name);
        KnowledgeDocument document =
                newDocument(organization, null, KnowledgeDocument.Origin.FILE, title, null, name, contentType, content);
        if (content.length > maxFileBytes) {
            store.addDocument(document, new byte[0]);
            store.markFailed(
                    document.id(),
                    "the file is larger than " + (maxFileBytes / (1024 * 1024)) + " MB",
                    clock.instant());
            return store.document(organization, document.id()).orElseThrow();
        }
        return queued(document, content);
    }

    /** Stores pasted text (Markdown headings are honoured) or a FAQ entry (title = question) and queues it. */
    public KnowledgeDocument addText(
            OrganizationId organization, String title, String content, @Nullable String url, boolean faq) {
        KnowledgeDocument.Origin origin = faq ? KnowledgeDocument.Origin.FAQ : KnowledgeDocument.Origin.TEXT;
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return queued(
                newDocument(
                        organization,
                        null,
                        origin,
                        title.replace("\u0000", "").strip(),
                        url,
                        null,
                        "text/plain",
                        bytes),
                bytes);
    }

    KnowledgeDocument addPage(
            OrganizationId organization, String sourceId, String url, @Nullable String contentType, byte[] content) {
        return queued(
                newDocument(
                        organization, sourceId, KnowledgeDocument.Origin.PAGE, url, url, null, contentType, content),
                content);
    }

    /** A page that could not be fetched: listed, failed, so the business sees why. */
    KnowledgeDocument addFailedPage(OrganizationId organization, String sourceId, String url) {
        KnowledgeDocument document =
                newDocument(organization, sourceId, KnowledgeDocument.Origin.PAGE, url, url, null, null, new byte[0]);
        store.addDocument(document, new byte[0]);
        return document;
    }

    /** A fetched page changed: its new content replaces the old and is processed again. */
    void updatePage(KnowledgeDocument page, @Nullable String contentType, byte[] content) {
        store.replaceContent(page.id(), page.title(), contentType, content, sha256(content), clock.instant());
        store.document(page.organization(), page.id()).ifPresent(ingestion::submit);
    }

    /** Completes once the document is ready or failed. */
    public java.util.concurrent.CompletableFuture<Void> whenProcessed(String documentId) {
        return ingestion.whenProcessed(documentId);
    }

    public List<Listed> documents(OrganizationId organization) {
        return store.documents(organization).stream()
                .map(d -> new Listed(d, ingestion.progress(d.id())))
                .toList();
    }

    public Optional<Listed> document(OrganizationId organization, String id) {
        return store.document(organization, id).map(d -> new Listed(d, ingestion.progress(d.id())));
    }

    /** Deletes the document; it is no longer found by any search once this returns. */
    public boolean delete(OrganizationId organization, String id) {
        boolean[] deleted = {false};
        writes.locked(() -> {
            deleted[0] = store.deleteDocument(organization, id);
            if (deleted[0]) {
                indexes.of(organization).delete(id);
            }
        });
        retrieval.forget(organization);
        return deleted[0];
    }

    /** Deletes a page a source no longer lists. */
    void deletePage(KnowledgeDocument page) {
        delete(page.organization(), page.id());
    }

    public List<Hit> search(OrganizationId organization, String query, int k, SearchMode mode) {
        return retrieval.search(organization, query, k, mode, 1);
    }

    /** Whether a reply would answer from this search result (the grounding's threshold). */
    public boolean confident(Hit hit) {
        return hit.similarity() >= minSimilarity;
    }

    public List<KnowledgeGap> gaps(OrganizationId organization, Instant from, Instant to, int limit) {
        return store.gaps(organization, from, to, limit);
    }

    /** Rebuilds the organization's index from the database (an operator's repair; results do not change). */
    public void rebuildIndex(OrganizationId organization) {
        writes.locked(() -> indexes.rebuild(organization));
    }

    /** Queues what a restart left processing. */
    void resumeLeftovers() {
        store.processing().forEach(ingestion::submit);
    }

    /** This node made the document ready: searches see it from now on. */
    void changed(OrganizationId organization) {
        retrieval.forget(organization);
    }

    private KnowledgeDocument queued(KnowledgeDocument document, byte[] content) {
        store.addDocument(document, content);
        ingestion.submit(document);
        return document;
    }

    private KnowledgeDocument newDocument(
            OrganizationId organization,
            @Nullable String sourceId,
            KnowledgeDocument.Origin origin,
            String title,
            @Nullable String url,
            @Nullable String fileName,
            @Nullable String contentType,
            byte[] content) {
        Instant now = clock.instant();
        return new KnowledgeDocument(
                TimeOrderedIds.next(),
                organization,
                sourceId,
                origin,
                clip(title.isBlank() ? "Untitled" : title, 500),
                url,
                fileName == null ? null : clip(fileName, 500),
                contentType == null ? null : clip(contentType, 200),
                sha256(content),
                KnowledgeDocument.Status.PROCESSING,
                null,
                0,
                now,
                now);
    }

    /** "Size guide.pdf" → "Size guide": until the file's own title is read. */
    static String titleFromFileName(String fileName) {
        String base = fileName.replaceAll(".*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        String title = dot > 0 ? base.substring(0, dot) : base;
        return title.replace('_', ' ').replace('-', ' ').strip();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}

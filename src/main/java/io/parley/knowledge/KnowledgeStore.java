package io.parley.knowledge;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Where knowledge bases are kept: the source of truth the search index is built from. */
public interface KnowledgeStore {

    void addDocument(KnowledgeDocument document, byte[] content);

    Optional<KnowledgeDocument> document(OrganizationId organization, String id);

    /** The organization's documents, newest first. */
    List<KnowledgeDocument> documents(OrganizationId organization);

    /** A document's content as it came in; empty when the document is gone. */
    Optional<byte[]> content(String documentId);

    /** Replaces a document's content (a changed page) and sets it processing again. */
    void replaceContent(
            String documentId, String title, @Nullable String contentType, byte[] content, String hash, Instant at);

    /** Stores the document's chunks in place of any earlier ones and marks it ready, in one transaction. */
    void saveChunks(KnowledgeDocument document, String title, List<StoredChunk> chunks, Instant at);

    void markFailed(String documentId, String error, Instant at);

    /** Deletes a document and its chunks; false when the organization has no such document. */
    boolean deleteDocument(OrganizationId organization, String id);

    /** Documents left processing (by a restart): their ingestion starts again. */
    List<KnowledgeDocument> processing();

    /** Passes every chunk of the organization's ready documents to {@code sink}, in pages, for a rebuild. */
    void forEachChunk(OrganizationId organization, Consumer<List<StoredChunk>> sink);

    int chunkCount(OrganizationId organization);

    void addSource(KnowledgeSource source);

    Optional<KnowledgeSource> source(OrganizationId organization, String id);

    List<KnowledgeSource> sources(OrganizationId organization);

    /** Every source, for the scheduled re-sync. */
    List<KnowledgeSource> allSources();

    void updateSource(
            String id, KnowledgeSource.Status status, @Nullable String error, int pages, @Nullable Instant syncedAt);

    /** The pages a source brought in. */
    List<KnowledgeDocument> documentsOf(String sourceId);

    /** Deletes a source and its pages; false when the organization has no such source. */
    boolean deleteSource(OrganizationId organization, String id);

    void addGap(
            OrganizationId organization,
            @Nullable String conversationId,
            String question,
            String normalized,
            double bestScore,
            Instant at);

    /** Forgets the questions asked in these conversations (they were erased); how many were. */
    int deleteGaps(OrganizationId organization, List<String> conversationIds);

    /** Questions asked in [from, to), grouped, most often asked first. */
    List<KnowledgeGap> gaps(OrganizationId organization, Instant from, Instant to, int limit);
}

package io.parley.knowledge;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A document of an organization's knowledge base, without its content.
 *
 * @param sourceId the web source a fetched page belongs to; null otherwise
 * @param fileName the uploaded file's name; null for pasted text, FAQ entries and pages
 * @param contentHash SHA-256 of the content, hex
 * @param chunks how many chunks it is searchable as (0 until ready)
 * @param error why it failed, in words for the business; null unless failed
 */
public record KnowledgeDocument(
        String id,
        OrganizationId organization,
        @Nullable String sourceId,
        Origin origin,
        String title,
        @Nullable String url,
        @Nullable String fileName,
        @Nullable String contentType,
        String contentHash,
        Status status,
        @Nullable String error,
        int chunks,
        Instant createdAt,
        Instant updatedAt) {

    /** How a document came in. */
    public enum Origin {
        FILE,
        TEXT,
        FAQ,
        PAGE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Status {
        PROCESSING,
        READY,
        FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

package io.parley.knowledge;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Web pages imported together: one address, or every page a sitemap lists (up to the configured cap). Each page is
 * a {@link KnowledgeDocument} of origin {@code page} that belongs to the source.
 *
 * @param pages how many pages the last sync found
 * @param error why the last sync failed as a whole (the sitemap could not be read); null otherwise
 */
public record KnowledgeSource(
        String id,
        OrganizationId organization,
        Type type,
        String url,
        Status status,
        @Nullable String error,
        int pages,
        Instant createdAt,
        @Nullable Instant syncedAt) {

    public enum Type {
        URL,
        SITEMAP;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Status {
        SYNCING,
        READY,
        FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

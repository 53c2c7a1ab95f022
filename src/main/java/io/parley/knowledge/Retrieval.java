package io.parley.knowledge;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.parley.knowledge.index.Hit;
import io.parley.knowledge.index.SearchMode;
import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches an organization's knowledge base. An organization without one costs a cached lookup: no embedding, no index
 * opened. Thread-safe.
 */
public final class Retrieval {

    private final KnowledgeIndexes indexes;
    private final Embeddings embeddings;
    private final LoadingCache<OrganizationId, Boolean> hasKnowledge;

    Retrieval(KnowledgeIndexes indexes, Embeddings embeddings, KnowledgeStore store) {
        this.indexes = indexes;
        this.embeddings = embeddings;
        // Another node's changes show within half a minute, this node's at once (forget()). A turn never waits for
        // the database to re-check: the known answer serves while it is refreshed in the background, so a database
        // outage does not hold every turn for a connection timeout.
        this.hasKnowledge = Caffeine.newBuilder()
                .maximumSize(100_000)
                .refreshAfterWrite(Duration.ofSeconds(30))
                .expireAfterWrite(Duration.ofHours(1))
                .build(organization -> store.chunkCount(organization) > 0);
    }

    /**
     * The best chunks for the text, best first.
     *
     * @param perDocument at most this many chunks of one document (a long document must not crowd out the rest)
     */
    public List<Hit> search(OrganizationId organization, String text, int limit, SearchMode mode, int perDocument) {
        if (text.isBlank() || !hasKnowledge.get(organization)) {
            return List.of();
        }
        float[] vector = mode == SearchMode.KEYWORD ? new float[Embeddings.DIMENSIONS] : embeddings.embed(text);
        List<Hit> hits = indexes.of(organization).search(text, vector, Math.max(limit * 4, 20), mode);
        List<Hit> kept = new ArrayList<>();
        Map<String, Integer> perDoc = new HashMap<>();
        for (Hit hit : hits) {
            if (kept.size() == limit) {
                break;
            }
            if (perDoc.merge(hit.documentId(), 1, Integer::sum) <= perDocument) {
                kept.add(hit);
            }
        }
        return kept;
    }

    /** Whether the organization has anything searchable (cached). */
    boolean hasKnowledge(OrganizationId organization) {
        return hasKnowledge.get(organization);
    }

    /** This node changed the organization's knowledge base: look again next time. */
    void forget(OrganizationId organization) {
        hasKnowledge.invalidate(organization);
    }
}

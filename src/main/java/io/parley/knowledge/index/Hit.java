package io.parley.knowledge.index;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * One chunk a search found, with why. Part of the knowledge feature's "search" interface, with {@link SearchMode}:
 * other features (the console) show what a search found.
 *
 * @param score the fused score it was ranked by (higher is better; comparable within one search)
 * @param similarity the cosine similarity of its embedding to the question's, -1 to 1 (0 when not computed)
 * @param keywordScore its BM25 score for the question's words (0 when none matched)
 */
@NamedInterface("search")
public record Hit(
        String chunkId,
        String documentId,
        String title,
        @Nullable String url,
        String section,
        String body,
        double score,
        double similarity,
        double keywordScore) {

    Hit withScore(double fused) {
        return new Hit(chunkId, documentId, title, url, section, body, fused, similarity, keywordScore);
    }
}

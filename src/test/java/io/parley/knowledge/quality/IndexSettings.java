package io.parley.knowledge.quality;

import io.parley.knowledge.index.IndexedChunk;
import io.parley.knowledge.index.OrganizationIndex.Fusion;
import io.parley.knowledge.text.Chunker;
import java.util.Locale;

/**
 * Everything that decides what retrieval finds, as one value to try: how documents are cut into chunks, which of a
 * chunk's texts is embedded, and how keyword and vector results are fused. {@link #PRODUCTION} is what the server
 * uses.
 */
public record IndexSettings(
        int targetTokens, int maxTokens, int overlapTokens, EmbeddedText embeddedText, Fusion fusion) {

    /** What a chunk's embedding is computed from (keywords always search the title, section and body). */
    public enum EmbeddedText {
        /** {@link IndexedChunk#searchText}: the document's title, the chunk's section path and its body. */
        TITLE_SECTION_BODY,
        TITLE_BODY,
        SECTION_BODY,
        BODY;

        String of(String title, String section, String body) {
            return switch (this) {
                case TITLE_SECTION_BODY -> IndexedChunk.searchText(title, section, body);
                case TITLE_BODY -> IndexedChunk.searchText(title, "", body);
                case SECTION_BODY -> section.isBlank() ? body : section + "\n" + body;
                case BODY -> body;
            };
        }
    }

    public static final IndexSettings PRODUCTION = new IndexSettings(
            Chunker.DEFAULT_TARGET_TOKENS,
            Chunker.DEFAULT_MAX_TOKENS,
            Chunker.DEFAULT_OVERLAP_TOKENS,
            EmbeddedText.TITLE_SECTION_BODY,
            Fusion.DEFAULT);

    public IndexSettings withFusion(Fusion other) {
        return new IndexSettings(targetTokens, maxTokens, overlapTokens, embeddedText, other);
    }

    public IndexSettings withChunks(int target, int max, int overlap) {
        return new IndexSettings(target, max, overlap, embeddedText, fusion);
    }

    public IndexSettings withEmbeddedText(EmbeddedText text) {
        return new IndexSettings(targetTokens, maxTokens, overlapTokens, text, fusion);
    }

    public Chunker chunker() {
        return new Chunker(targetTokens, maxTokens, overlapTokens);
    }

    /** The part that needs the documents chunked and embedded again when it changes. */
    String corpusKey() {
        return targetTokens + "/" + maxTokens + "/" + overlapTokens + " " + embeddedText;
    }

    /** One line for tables: "chunks 250/350/40, embed TITLE_SECTION_BODY, WEIGHTED_SCORE v1.0 k0.3 c50". */
    public String label() {
        return "chunks " + targetTokens + "/" + maxTokens + "/" + overlapTokens + ", embed " + embeddedText + ", "
                + fusionLabel(fusion);
    }

    public static String fusionLabel(Fusion f) {
        return f.method() == Fusion.Method.RECIPROCAL_RANK
                ? String.format(
                        Locale.ROOT,
                        "RRF k=%d v%.2f kw%.2f c%d",
                        f.rankConstant(),
                        f.vectorWeight(),
                        f.keywordWeight(),
                        f.candidates())
                : String.format(
                        Locale.ROOT, "weighted v%.2f kw%.2f c%d", f.vectorWeight(), f.keywordWeight(), f.candidates());
    }
}

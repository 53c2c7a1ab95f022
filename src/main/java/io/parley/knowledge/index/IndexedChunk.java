package io.parley.knowledge.index;

import org.jspecify.annotations.Nullable;

/**
 * A chunk as the search index holds it: what is searched (the document's title, the chunk's section and body), what
 * is shown, and its embedding.
 */
public record IndexedChunk(
        String chunkId,
        String documentId,
        String title,
        @Nullable String url,
        String section,
        String body,
        float[] embedding) {

    /** The text searched by keywords and embedded: the title and headings carry a chunk's topic into it. */
    public static String searchText(String title, String section, String body) {
        StringBuilder text = new StringBuilder(title);
        if (!section.isBlank()) {
            text.append('\n').append(section);
        }
        return text.append('\n').append(body).toString();
    }
}

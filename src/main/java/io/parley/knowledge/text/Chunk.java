package io.parley.knowledge.text;

import java.util.Objects;

/**
 * One passage of a document, the unit that is embedded, searched and shown to the model.
 *
 * @param ordinal its place in the document, counting from 0 without gaps
 * @param section the headings it sits under, outermost first, joined by {@code " > "} ("Returns > Refunds"); empty
 *     when the text comes before any heading
 * @param body its text: whole paragraphs (or, for a paragraph too long for one passage, whole sentences), separated by
 *     blank lines; may begin with the last sentences of the previous passage of the same section, so that a fact
 *     spanning the cut is found in one piece
 */
public record Chunk(int ordinal, String section, String body) {

    public Chunk {
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal is 0 or more");
        }
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(body, "body");
        if (body.isBlank()) {
            throw new IllegalArgumentException("a chunk has text");
        }
    }
}

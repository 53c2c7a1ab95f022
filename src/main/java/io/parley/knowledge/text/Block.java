package io.parley.knowledge.text;

import java.util.Objects;

/**
 * One piece of a document's structure, in reading order: a heading or a paragraph. Every supported format is reduced
 * to these two so that chunking and search treat a PDF, a Word file and a web page alike; list items and table rows
 * arrive as paragraphs of their own. Text is trimmed and never blank; a paragraph may contain line breaks where the
 * source had them (list lines, preformatted text).
 */
public sealed interface Block {

    String text();

    /** A heading; {@code level} 1 is the outermost, as in HTML's h1..h6. */
    record Heading(int level, String text) implements Block {
        public Heading {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException("a heading's level is 1 to 6, not " + level);
            }
            text = requireText(text);
        }
    }

    record Paragraph(String text) implements Block {
        public Paragraph {
            text = requireText(text);
        }
    }

    /** Its text without NUL characters (a binary file's text may hold them; PostgreSQL refuses them in text). */
    private static String requireText(String text) {
        String trimmed =
                Objects.requireNonNull(text, "text").replace("\u0000", "").strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a block has text");
        }
        return trimmed;
    }
}

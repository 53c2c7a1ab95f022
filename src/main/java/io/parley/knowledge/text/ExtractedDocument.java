package io.parley.knowledge.text;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a file says, as structure: its own title and its blocks in reading order.
 *
 * @param title the title the file gives itself (HTML {@code <title>} or first h1, PDF/Word metadata or first heading,
 *     Markdown's first {@code # } heading), trimmed; null when it gives none, so that the caller can fall back to the
 *     file name
 * @param blocks never empty: a file with no text is refused before it becomes a document
 */
public record ExtractedDocument(@Nullable String title, List<Block> blocks) {

    public ExtractedDocument {
        title = title == null || title.replace("\u0000", "").isBlank()
                ? null
                : title.replace("\u0000", "").strip();
        blocks = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a document has at least one block");
        }
    }
}

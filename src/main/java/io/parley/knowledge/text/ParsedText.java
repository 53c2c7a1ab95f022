package io.parley.knowledge.text;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one format's reader found, before the checks every format shares (no text at all, a missing title). */
record ParsedText(@Nullable String title, List<Block> blocks) {

    ParsedText {
        blocks = List.copyOf(blocks);
    }
}

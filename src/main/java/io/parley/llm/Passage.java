package io.parley.llm;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A piece of reference text for the model to answer from, such as a retrieved part of the business's knowledge base.
 * Passages travel apart from the system prompt's instructions and are shown to the model as data ({@link
 * PassageBlock}), so that text inside a document cannot give orders.
 *
 * @param id how the reply may cite it
 * @param title the document's title
 * @param url where customers can read it, or null
 * @param text the passage itself
 */
public record Passage(String id, String title, @Nullable String url, String text) {

    public Passage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}

package io.parley.conversation;

import org.jspecify.annotations.Nullable;

/**
 * A source a reply used: a passage of the organization's knowledge base.
 *
 * @param ref the marker that points at it in the reply's text ({@code [1]}), so a reader can tell which sentence came
 *     from where
 * @param documentId the knowledge base document it is from, or null when that document is gone
 * @param title the document's title
 * @param url where customers can read it, or null
 * @param snippet the start of the passage
 */
public record Citation(String ref, @Nullable String documentId, String title, @Nullable String url, String snippet) {}

package io.parley.knowledge.text;

/**
 * Thrown from deep inside a parser's callbacks to stop a document that grew past a limit. Unchecked so that it can
 * leave a jsoup visitor; callers find it in the cause chain (parsers wrap what their handlers throw) and turn its
 * reason into an {@link UnreadableDocumentException}.
 */
final class ExtractionStopped extends RuntimeException {

    ExtractionStopped(String reason) {
        super(reason, null, false, false);
    }

    static ExtractionStopped tooMuchText(int maxCharacters) {
        return new ExtractionStopped(
                "the document has too much text (more than %,d characters); split it into smaller files"
                        .formatted(maxCharacters));
    }

    static ExtractionStopped tooSlow() {
        return new ExtractionStopped("reading the document took too long; it may be damaged or too complex");
    }

    String reason() {
        return getMessage();
    }

    /** The stop somewhere in {@code failure}'s causes, if a limit is why the parser failed. */
    static ExtractionStopped in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExtractionStopped stopped) {
                return stopped;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}

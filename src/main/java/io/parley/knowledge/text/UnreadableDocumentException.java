package io.parley.knowledge.text;

import java.util.Objects;

/**
 * A file that cannot become knowledge, with the reason in words a business owner reads in the console ("the PDF is
 * damaged or not a PDF"). The message is always such a sentence fragment, never a class name or a parser's own text,
 * so the caller may show it as is; the underlying failure, if any, is the cause, for logs only.
 */
public final class UnreadableDocumentException extends Exception {

    public UnreadableDocumentException(String reason) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
    }

    public UnreadableDocumentException(String reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause, false, false);
    }
}

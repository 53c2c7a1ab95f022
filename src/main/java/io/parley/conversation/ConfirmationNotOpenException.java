package io.parley.conversation;

/**
 * A customer's decision names no open confirmation of their conversation: unknown, another conversation's, already
 * decided, or expired because they wrote instead.
 */
public final class ConfirmationNotOpenException extends RuntimeException {

    public ConfirmationNotOpenException() {
        super("no open confirmation with this id in this conversation", null, false, false);
    }
}

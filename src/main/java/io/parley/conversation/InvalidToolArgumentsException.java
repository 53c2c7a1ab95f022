package io.parley.conversation;

/** A tool call's arguments do not fit its schema; the message says how. */
public final class InvalidToolArgumentsException extends RuntimeException {

    public InvalidToolArgumentsException(String message) {
        super(message, null, false, false);
    }
}

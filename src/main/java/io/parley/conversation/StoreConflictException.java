package io.parley.conversation;

/** A write that can never succeed as it is, such as a seq already taken. */
public class StoreConflictException extends RuntimeException {

    public StoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

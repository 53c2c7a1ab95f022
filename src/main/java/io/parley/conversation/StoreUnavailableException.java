package io.parley.conversation;

/** The store could not be reached or failed for a reason that may pass: trying again later may succeed. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.parley.store;

/** A tool's own failure ("Order not found"), raised before it changes anything; the model hears the message. */
final class Refusal extends RuntimeException {

    Refusal(String message) {
        super(message, null, false, false);
    }
}

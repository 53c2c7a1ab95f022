package io.parley.tenant;

/** A signup with an email that already belongs to a member. */
public class EmailTakenException extends RuntimeException {

    public EmailTakenException() {
        super("email already registered", null, false, false);
    }
}

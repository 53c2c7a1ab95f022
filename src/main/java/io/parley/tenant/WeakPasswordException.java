package io.parley.tenant;

/** A password that does not meet the policy; the message says which rule, safe to show. */
public class WeakPasswordException extends RuntimeException {

    public WeakPasswordException(String reason) {
        super(reason, null, false, false);
    }
}

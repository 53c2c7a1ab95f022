package io.parley.tenant;

/** A sign-in with an unknown email or a wrong password: deliberately the same failure for both. */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException() {
        super("invalid credentials", null, false, false);
    }
}

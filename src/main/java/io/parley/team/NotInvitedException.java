package io.parley.team;

/**
 * Someone signed in through the OpenID Connect issuer whom no organization knows: their verified email is neither a
 * member's nor that of a pending invitation (or the issuer did not verify it).
 */
public class NotInvitedException extends RuntimeException {

    private final boolean emailVerified;

    public NotInvitedException(boolean emailVerified) {
        super("not invited", null, false, false);
        this.emailVerified = emailVerified;
    }

    /** False when the issuer gave no verified email, so nothing could be matched. */
    public boolean emailVerified() {
        return emailVerified;
    }
}

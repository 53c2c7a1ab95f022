package io.parley.team;

/** An invitation or password-reset link that does not work; {@link #reason()} says why, safe to show. */
public class LinkException extends RuntimeException {

    /** Why a link does not work. */
    public enum Reason {
        /** No such link: mistyped, cut short, or withdrawn. */
        UNKNOWN,
        /** Past its time. */
        EXPIRED,
        /** Already used once. */
        USED
    }

    private final Reason reason;

    public LinkException(Reason reason) {
        super("link " + reason.name().toLowerCase(java.util.Locale.ROOT), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package io.parley.team;

/** An invitation for an email that already has an account: one email belongs to one organization. */
public class AlreadyMemberException extends RuntimeException {

    private final boolean sameOrganization;

    public AlreadyMemberException(boolean sameOrganization) {
        super("already a member", null, false, false);
        this.sameOrganization = sameOrganization;
    }

    /** Whether the account is in the inviting organization (rather than another one). */
    public boolean sameOrganization() {
        return sameOrganization;
    }
}

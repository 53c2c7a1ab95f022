package io.parley.team;

import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where invitations and password-reset links are kept. Tokens are never given to the store, only their hashes.
 * Implementations are thread-safe; each method is one transaction.
 */
public interface TeamStore {

    /** Saves a new invitation; earlier pending invitations of the same email to the same organization are dropped. */
    void saveInvitation(Invitation invitation, String tokenHash);

    /** The organization's invitations that are neither accepted nor expired at {@code now}, newest first. */
    List<Invitation> pendingInvitations(OrganizationId organization, Instant now);

    Optional<Invitation> invitationByTokenHash(String tokenHash);

    /**
     * The newest pending invitation (neither accepted nor expired at {@code now}) of an email, from any organization.
     *
     * @param email normalized (trimmed, lower case)
     */
    Optional<Invitation> pendingInvitationFor(String email, Instant now);

    /** The member an OpenID Connect issuer's subject was linked to, if it still exists. */
    Optional<LinkedMember> memberByIssuerSubject(String issuer, String subject);

    /**
     * Links an issuer's subject to a member, replacing the member's earlier subject at that issuer and the subject's
     * earlier member.
     */
    void linkIssuerSubject(String issuer, String subject, OrganizationId organization, MemberId member, Instant at);

    /** A member found through an issuer's subject, with their organization. */
    record LinkedMember(OrganizationId organization, MemberId member) {}

    /**
     * Marks the invitation accepted, once.
     *
     * @return false when it was already accepted
     */
    boolean markAccepted(InvitationId id, Instant at);

    /**
     * Withdraws an invitation that was not accepted yet; its link stops working.
     *
     * @return false when the organization has no such pending invitation
     */
    boolean deleteInvitation(OrganizationId organization, InvitationId id);

    void saveReset(String tokenHash, PasswordReset reset);

    Optional<PasswordReset> resetByTokenHash(String tokenHash);

    /**
     * Uses a reset link, once, if it has not expired at {@code at}; the member's other unused links stop working too.
     *
     * @return false when it was already used or has expired
     */
    boolean useReset(String tokenHash, MemberId member, Instant at);
}

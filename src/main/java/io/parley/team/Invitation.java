package io.parley.team;

import io.parley.tenant.MemberId;
import io.parley.tenant.MemberRole;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.Objects;

/**
 * An owner's invitation for a person to join the organization with a role. Its link carries a secret token that is
 * stored only as a hash; it works once, until {@code expiresAt}.
 *
 * @param email normalized (trimmed, lower case)
 * @param acceptedAt null until accepted
 */
public record Invitation(
        InvitationId id,
        OrganizationId organization,
        String email,
        MemberRole role,
        MemberId invitedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt) {

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean accepted() {
        return acceptedAt != null;
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Invitation[id=" + id + ", organization=" + organization + ", role=" + role + "]";
    }
}

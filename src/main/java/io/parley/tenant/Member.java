package io.parley.tenant;

import java.time.Instant;
import java.util.Objects;

/** A person of a business with a console account. {@code passwordHash} is never shown or logged. */
public record Member(
        MemberId id,
        OrganizationId organization,
        String email,
        String passwordHash,
        MemberRole role,
        Instant createdAt) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "Member[id=" + id + ", organization=" + organization + ", role=" + role + "]";
    }
}

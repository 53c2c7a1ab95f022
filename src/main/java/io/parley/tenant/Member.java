package io.parley.tenant;

import java.time.Instant;
import java.util.Objects;

/**
 * A person of a business with a console account. {@code passwordHash} is never shown or logged.
 *
 * @param name the display name customers see when this person answers them
 * @param lastSeenAt when the member last made an authenticated request, to the minute; null before the first
 * @param tokenGeneration the generation of access tokens that still work: signing out everywhere and changing the
 *     password count it up, and tokens of an earlier generation are refused
 */
public record Member(
        MemberId id,
        OrganizationId organization,
        String email,
        String name,
        String passwordHash,
        MemberRole role,
        Instant createdAt,
        Instant lastSeenAt,
        long tokenGeneration) {

    /** The longest display name. */
    public static final int NAME_MAX = 100;

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(email, "email");
        name = validName(name);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        if (tokenGeneration < 0) {
            throw new IllegalArgumentException("tokenGeneration must not be negative");
        }
    }

    /** A member whose access tokens were never revoked (generation 0), such as a new one. */
    public Member(
            MemberId id,
            OrganizationId organization,
            String email,
            String name,
            String passwordHash,
            MemberRole role,
            Instant createdAt,
            Instant lastSeenAt) {
        this(id, organization, email, name, passwordHash, role, createdAt, lastSeenAt, 0);
    }

    /**
     * The name as typed, stripped.
     *
     * @throws IllegalArgumentException when it is blank or too long (the message is safe to show)
     */
    public static String validName(String typed) {
        String name = typed == null ? "" : typed.strip();
        if (name.isEmpty()
                || name.codePointCount(0, name.length()) > NAME_MAX
                || name.chars().anyMatch(c -> c < 32)) {
            throw new IllegalArgumentException(
                    "Enter your name as customers should see it, 1 to " + NAME_MAX + " characters.");
        }
        return name;
    }

    /** The name a member gets when none was given: the part of the email before the {@code @}. */
    public static String nameFromEmail(String email) {
        String local = email == null ? "" : email.strip();
        int at = local.indexOf('@');
        local = at > 0 ? local.substring(0, at) : local;
        if (local.isEmpty()) {
            return "Member";
        }
        return local.length() > NAME_MAX ? local.substring(0, NAME_MAX) : local;
    }

    public Member withRole(MemberRole newRole) {
        return new Member(id, organization, email, name, passwordHash, newRole, createdAt, lastSeenAt, tokenGeneration);
    }

    @Override
    public String toString() {
        return "Member[id=" + id + ", organization=" + organization + ", role=" + role + "]";
    }
}

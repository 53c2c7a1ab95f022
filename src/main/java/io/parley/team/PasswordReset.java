package io.parley.team;

import io.parley.tenant.MemberId;
import java.time.Instant;
import java.util.Objects;

/**
 * A link to choose a new password, stored as the hash of its token. Works once, until {@code expiresAt}.
 *
 * @param usedAt null until used (or until another of the member's links was used)
 */
public record PasswordReset(MemberId member, Instant createdAt, Instant expiresAt, Instant usedAt) {

    public PasswordReset {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}

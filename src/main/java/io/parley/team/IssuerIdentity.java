package io.parley.team;

import java.util.Objects;

/**
 * Who an OpenID Connect issuer says signed in, from its verified ID token.
 *
 * @param issuer the token's {@code iss}
 * @param subject the token's {@code sub}: the issuer's stable id of the person
 * @param email the {@code email} claim, or null
 * @param emailVerified whether the issuer vouches for the email ({@code email_verified}); an unverified email is never
 *     matched
 * @param name a display name ({@code name}), or null
 */
public record IssuerIdentity(String issuer, String subject, String email, boolean emailVerified, String name) {

    public IssuerIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        if (issuer.isBlank() || subject.isBlank()) {
            throw new IllegalArgumentException("issuer and subject must not be blank");
        }
        email = email == null || email.isBlank() ? null : email.strip();
    }

    /** The email, only when the issuer verified it. */
    public String verifiedEmail() {
        return emailVerified ? email : null;
    }

    @Override
    public String toString() {
        return "IssuerIdentity[issuer=" + issuer + ", emailVerified=" + emailVerified + "]";
    }
}

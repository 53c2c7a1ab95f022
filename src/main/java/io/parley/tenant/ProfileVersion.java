package io.parley.tenant;

import java.time.Instant;
import java.util.Objects;

/**
 * One saved version of an organization's profile with the system prompt generated from it. Versions count from 1 and
 * are never changed or deleted; every assistant reply records the version whose prompt it used.
 */
public record ProfileVersion(
        OrganizationId organization, int version, BusinessProfile profile, String prompt, Instant generatedAt) {

    public ProfileVersion {
        Objects.requireNonNull(organization, "organization");
        if (version < 1) {
            throw new IllegalArgumentException("versions count from 1");
        }
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }
}

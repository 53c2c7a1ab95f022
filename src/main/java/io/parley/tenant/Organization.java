package io.parley.tenant;

import java.time.Instant;
import java.util.Objects;

/** A business using Parley: one tenant, whose data no other organization ever sees. */
public record Organization(OrganizationId id, String name, SiteKey siteKey, Instant createdAt) {

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(siteKey, "siteKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

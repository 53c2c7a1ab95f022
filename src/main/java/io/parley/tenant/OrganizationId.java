package io.parley.tenant;

import java.util.UUID;

/** Identifies an organization (a business using Parley). Opaque to clients. */
public record OrganizationId(String value) {

    public OrganizationId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("organization id must be 1 to 64 characters");
        }
    }

    public static OrganizationId generate() {
        return new OrganizationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.parley.tenant;

import java.util.UUID;

/** Identifies a member (a person of a business who signs in to the console). */
public record MemberId(String value) {

    public MemberId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("member id must be 1 to 64 characters");
        }
    }

    public static MemberId generate() {
        return new MemberId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

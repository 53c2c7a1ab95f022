package io.parley.team;

import io.parley.ids.TimeOrderedIds;

/** Identifies an invitation to join an organization. Opaque to clients; not the secret token in its link. */
public record InvitationId(String value) {

    public InvitationId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("invitation id must be 1 to 64 characters");
        }
    }

    public static InvitationId generate() {
        return new InvitationId(TimeOrderedIds.next());
    }

    @Override
    public String toString() {
        return value;
    }
}

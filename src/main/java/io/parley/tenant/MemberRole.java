package io.parley.tenant;

import java.util.Locale;
import java.util.Optional;

/**
 * What a member may do in their organization. What each role may call is decided in one place, the team feature's
 * {@code RolePolicy}; the descriptions here are what the console shows.
 */
public enum MemberRole {
    /** Manages members and billing-like settings (the budget) besides everything an admin does. */
    OWNER("Owner", "Everything, including the team and the budget"),
    /** Changes the assistant's settings and answers conversations. */
    ADMIN("Admin", "Settings and conversations"),
    /** Answers conversations; changes no settings. */
    AGENT("Agent", "Answers conversations"),
    /** Reads everything, changes nothing. */
    VIEWER("Viewer", "Reads only");

    private final String label;
    private final String description;

    MemberRole(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The role with this name in any case, or empty for anything else (null included). */
    public static Optional<MemberRole> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package io.parley.conversation;

import java.util.Locale;

/** Who wrote a message. */
public enum MessageRole {
    CUSTOMER,
    ASSISTANT,
    AGENT,
    SYSTEM;

    /** The name on the wire: {@code customer}, {@code assistant}, {@code agent}, {@code system}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

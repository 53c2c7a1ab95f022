package io.parley.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a conversation stands. The assistant answers only while it is {@link #BOT}. */
public enum ConversationStatus {
    BOT,
    WAITING_FOR_AGENT,
    AGENT,
    RESOLVED;

    /** The name on the wire: {@code bot}, {@code waiting_for_agent}, {@code agent}, {@code resolved}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConversationStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}

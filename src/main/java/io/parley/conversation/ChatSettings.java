package io.parley.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the chat engine behaves. Immutable.
 *
 * @param historyTokens the most tokens of system prompt plus history sent to the model; the oldest turns are dropped
 *     first, the system prompt and the message being answered never
 * @param recentMessages how many of a conversation's newest messages are kept in memory while it is active (the
 *     model sees at most these, within the token budget; older ones are read from the store when asked for)
 * @param rateLimitMessages how many messages a conversation may receive from its customer in a burst
 * @param rateLimitPeriod the time over which that many messages are refilled
 * @param ackTimeout how long a sender waits for its message to be stored before being told it is not saved yet
 * @param idleEviction how long an inactive conversation stays in memory
 * @param journalCapacity how many stored-but-not-yet-written messages may wait in memory (e.g. while the database is
 *     briefly away) before new customer messages are refused
 * @param modelRetries how often a failed model call is retried within the model timeout
 * @param emptyConversationTtl how long a conversation that never got a message is kept (chats opened and abandoned)
 * @param startsPerAddress how many conversations one client address may start per minute (REST and WebSocket)
 * @param startsPerSiteKey how many conversations one organization's site key may start per minute
 * @param summarize whether older turns that no longer fit the history budget are summarized by the organization's
 *     model (a small extra call now and then) rather than only dropped
 */
@ConfigurationProperties("parley.chat")
public record ChatSettings(
        @DefaultValue("6000") int historyTokens,
        @DefaultValue("50") int recentMessages,
        @DefaultValue("10") int rateLimitMessages,
        @DefaultValue("30s") Duration rateLimitPeriod,
        @DefaultValue("10s") Duration ackTimeout,
        @DefaultValue("5m") Duration idleEviction,
        @DefaultValue("50000") int journalCapacity,
        @DefaultValue("2") int modelRetries,
        @DefaultValue("24h") Duration emptyConversationTtl,
        @DefaultValue("60") int startsPerAddress,
        @DefaultValue("1000") int startsPerSiteKey,
        @DefaultValue("true") boolean summarize) {

    /** The longest message a customer may send, in characters (Unicode code points). */
    public static final int MAX_MESSAGE_LENGTH = 4_000;

    public ChatSettings {
        if (historyTokens < 500
                || recentMessages < 10
                || rateLimitMessages < 1
                || journalCapacity < 100
                || startsPerAddress < 1
                || startsPerSiteKey < 1) {
            throw new IllegalArgumentException("parley.chat settings are too small to chat with");
        }
    }

    public static ChatSettings defaults() {
        return new ChatSettings(
                6000,
                50,
                10,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                50_000,
                2,
                Duration.ofHours(24),
                60,
                1000,
                true);
    }

    /** These settings with summaries of older turns on or off. */
    public ChatSettings withSummaries(boolean on) {
        return new ChatSettings(
                historyTokens,
                recentMessages,
                rateLimitMessages,
                rateLimitPeriod,
                ackTimeout,
                idleEviction,
                journalCapacity,
                modelRetries,
                emptyConversationTtl,
                startsPerAddress,
                startsPerSiteKey,
                on);
    }
}

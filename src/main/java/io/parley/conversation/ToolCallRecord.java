package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One tool call in the audit: what the assistant asked for, for whom, what the customer decided, and what came of it.
 *
 * @param customer the customer the conversation was bound to at the time; null before it was
 * @param arguments the arguments as the model wrote them (JSON text)
 * @param decision the customer's decision on a write; null for reads and for calls refused before asking
 * @param result the tool's result (JSON text), null when it failed or did not run
 * @param error the tool's or the platform's error message, null when it succeeded
 * @param question the customer message whose turn made the call; null for calls made outside a turn
 */
public record ToolCallRecord(
        String id,
        OrganizationId organization,
        ConversationId conversation,
        @Nullable String customer,
        String tool,
        String kind,
        String arguments,
        ToolLedger.@Nullable Decision decision,
        @Nullable String result,
        @Nullable String error,
        Instant at,
        @Nullable MessageId question) {

    /** What is kept of a result or arguments: enough to audit, never megabytes. */
    public static final int MAX_TEXT = 16_000;

    public ToolCallRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(kind, "kind");
        arguments = cut(Objects.requireNonNull(arguments, "arguments"), MAX_TEXT);
        result = result == null ? null : cut(result, MAX_TEXT);
        error = error == null ? null : cut(error, 2_000);
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

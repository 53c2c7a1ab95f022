package io.parley.conversation;

import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One recorded change of who handles a conversation: its status, its assignee, or both.
 *
 * @param reason why, as a stable lower-snake name ({@code customer_asked}, {@code claimed}, {@code reopened}, …)
 * @param detail more about the reason for the team (the keyword that matched, …), or null
 * @param assignee the member handling it after the change, or null
 */
public record StatusChange(
        String id,
        OrganizationId organization,
        ConversationId conversation,
        ConversationStatus from,
        ConversationStatus to,
        String reason,
        String detail,
        Actor actor,
        MemberId assignee,
        Instant at) {

    public StatusChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (reason == null || !reason.matches("[a-z_]{1,64}")) {
            throw new IllegalArgumentException("a reason is a lower-snake name");
        }
        Objects.requireNonNull(actor, "actor");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    }
}

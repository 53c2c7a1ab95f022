package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.util.Objects;

/**
 * Who is chatting, as their verified visitor token says: a visitor of one organization, and, when the business
 * signed their id, that verified customer.
 *
 * @param customerId the verified customer's id, or null for an anonymous visitor
 */
public record Visitor(OrganizationId organization, VisitorId id, String customerId) {

    public Visitor {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Whether this visitor may see a conversation: it must be of the same organization and, for a verified customer's
     * conversation, of the same customer (on any device), otherwise of the same visitor.
     */
    public boolean owns(Conversation conversation) {
        if (!conversation.organization().equals(organization)) {
            return false;
        }
        return conversation.customer() != null
                ? conversation.customer().id().equals(customerId)
                : conversation.visitor().equals(id);
    }
}

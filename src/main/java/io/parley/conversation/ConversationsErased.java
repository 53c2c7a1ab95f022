package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.util.List;

/**
 * A customer's conversations were erased (on request, or by the organization's retention period): every feature that
 * keeps something of them (the knowledge base's unanswered questions) forgets it. Published after the engine's own
 * data is gone.
 */
public record ConversationsErased(OrganizationId organization, List<ConversationId> conversations) {

    public ConversationsErased {
        conversations = List.copyOf(conversations);
    }
}

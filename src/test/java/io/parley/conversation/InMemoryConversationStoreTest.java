package io.parley.conversation;

import io.parley.tenant.OrganizationId;

/** The engine tests' fake store keeps the same contract as the real ones. */
class InMemoryConversationStoreTest extends ConversationStoreContract {

    private InMemoryConversationStore memory;

    @Override
    protected ConversationStore store() {
        memory = new InMemoryConversationStore();
        return memory;
    }

    @Override
    protected OrganizationId newOrganization() {
        return OrganizationId.generate();
    }

    @Override
    protected int feedbackCount(MessageId message) {
        return memory.feedbackCount(message);
    }
}

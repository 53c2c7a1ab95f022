package io.parley.conversation;

import io.parley.tenant.OrganizationId;

class InMemoryToolLedgerTest extends ToolLedgerContract {

    @Override
    protected ToolLedger ledger() {
        return new InMemoryToolLedger();
    }

    @Override
    protected OrganizationId newOrganization() {
        return OrganizationId.generate();
    }

    @Override
    protected ConversationId newConversation(OrganizationId organization) {
        return ConversationId.generate();
    }
}

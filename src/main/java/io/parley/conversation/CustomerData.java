package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One customer's data on request: everything the organization keeps of them, to hand over, or to erase everywhere.
 * A customer is named by their verified id (the business's own) or, when anonymous, by their visitor id.
 */
public final class CustomerData {

    private final ChatEngine engine;
    private final ConversationStore store;
    private final ToolLedger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public CustomerData(
            ChatEngine engine,
            ConversationStore store,
            ToolLedger ledger,
            ApplicationEventPublisher events,
            Clock clock) {
        this.engine = engine;
        this.store = store;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** Everything of one customer, as handed to them. */
    public record Export(String customer, Instant exportedAt, List<ConversationExport> conversations) {}

    public record ConversationExport(
            String id,
            Instant startedAt,
            Instant lastMessageAt,
            String status,
            String visitorId,
            @Nullable Customer verifiedCustomer,
            List<Message> messages,
            @Nullable ConversationRating rating,
            @Nullable String contactEmail,
            List<ToolCallRecord> toolCalls) {}

    public Export export(OrganizationId organization, String customer) {
        List<ConversationExport> conversations = new ArrayList<>();
        for (Conversation c : store.ofCustomer(organization, customer)) {
            conversations.add(new ConversationExport(
                    c.id().value(),
                    c.startedAt(),
                    c.lastMessageAt(),
                    c.status().wireName(),
                    c.visitor().value(),
                    c.customer(),
                    engine.messages(organization, c.id()).orElse(List.of()),
                    engine.rating(organization, c.id()).orElse(null),
                    engine.contact(organization, c.id()).orElse(null),
                    ledger.calls(organization, c.id())));
        }
        return new Export(customer, clock.instant(), conversations);
    }

    /**
     * Erases every conversation of the customer: dropped from memory at once (a reply being written stops), then
     * everything the engine stores of them in one transaction, then whatever other features keep of them.
     *
     * @return how many conversations were erased
     */
    public int erase(OrganizationId organization, String customer) {
        return erase(
                organization,
                store.ofCustomer(organization, customer).stream()
                        .map(Conversation::id)
                        .toList());
    }

    /** Erases these conversations of the organization (the retention period's work). */
    public int erase(OrganizationId organization, List<ConversationId> conversations) {
        if (conversations.isEmpty()) {
            return 0;
        }
        engine.forget(conversations);
        int erased = store.erase(organization, conversations);
        events.publishEvent(new ConversationsErased(organization, conversations));
        return erased;
    }
}

package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ToolLedger} guarantees; each adapter's test extends it. */
public abstract class ToolLedgerContract {

    protected ToolLedger ledger;

    protected abstract ToolLedger ledger();

    protected abstract OrganizationId newOrganization();

    /** A stored conversation of the organization. */
    protected abstract ConversationId newConversation(OrganizationId organization);

    private OrganizationId org;
    private ConversationId conversation;

    @BeforeEach
    void setUpLedger() {
        ledger = ledger();
        org = newOrganization();
        conversation = newConversation(org);
    }

    private PendingConfirmation pending(OrganizationId o, ConversationId c) {
        return new PendingConfirmation(
                UUID.randomUUID().toString(),
                o,
                c,
                MessageId.generate(),
                "call-1",
                "cancel_pending_order",
                "{\"order_id\":\"#W1\"}",
                "Cancel order #W1",
                "[]",
                Instant.now());
    }

    @Test
    void aConfirmationIsDecidedOnceAndThenIsNoLongerOpen() {
        PendingConfirmation p = pending(org, conversation);
        ledger.open(p);
        assertThat(ledger.open(org, conversation))
                .extracting(PendingConfirmation::id)
                .containsExactly(p.id());

        assertThat(ledger.decide(org, conversation, p.id(), ToolLedger.Decision.YES, Instant.now()))
                .get()
                .extracting(PendingConfirmation::arguments)
                .isEqualTo("{\"order_id\":\"#W1\"}");
        assertThat(ledger.decide(org, conversation, p.id(), ToolLedger.Decision.YES, Instant.now()))
                .isEmpty();
        assertThat(ledger.decide(org, conversation, p.id(), ToolLedger.Decision.NO, Instant.now()))
                .isEmpty();
        assertThat(ledger.open(org, conversation)).isEmpty();
    }

    @Test
    void anotherConversationsOrOrganizationsConfirmationIsNotDecidedHere() {
        PendingConfirmation p = pending(org, conversation);
        ledger.open(p);
        ConversationId other = newConversation(org);
        OrganizationId otherOrg = newOrganization();

        assertThat(ledger.decide(org, other, p.id(), ToolLedger.Decision.YES, Instant.now()))
                .isEmpty();
        assertThat(ledger.decide(otherOrg, conversation, p.id(), ToolLedger.Decision.YES, Instant.now()))
                .isEmpty();
        assertThat(ledger.decide(org, conversation, "forged-" + p.id(), ToolLedger.Decision.YES, Instant.now()))
                .isEmpty();
        assertThat(ledger.open(otherOrg, conversation)).isEmpty();
        assertThat(ledger.open(org, conversation)).hasSize(1);
    }

    @Test
    void expiredConfirmationsCannotBeDecided() {
        PendingConfirmation p = pending(org, conversation);
        ledger.open(p);

        assertThat(ledger.expireOpen(org, conversation, Instant.now())).isEqualTo(1);

        assertThat(ledger.decide(org, conversation, p.id(), ToolLedger.Decision.YES, Instant.now()))
                .isEmpty();
    }

    @Test
    void theFirstCustomerBoundStays() {
        assertThat(ledger.identified(org, conversation)).isEmpty();

        assertThat(ledger.bind(org, conversation, "sara_doe_496")).isEqualTo("sara_doe_496");
        assertThat(ledger.bind(org, conversation, "yusuf_rossi_9620")).isEqualTo("sara_doe_496");
        assertThat(ledger.bind(org, conversation, "sara_doe_496")).isEqualTo("sara_doe_496");
        assertThat(ledger.identified(org, conversation)).contains("sara_doe_496");
    }

    @Test
    void theAuditIsTheOrganizationsOwn() {
        MessageId question = MessageId.generate();
        ledger.record(new ToolCallRecord(
                UUID.randomUUID().toString(),
                org,
                conversation,
                null,
                "get_order_details",
                "read",
                "{\"order_id\":\"#W1\"}",
                null,
                "{\"status\":\"pending\"}",
                null,
                Instant.now(),
                question));

        assertThat(ledger.calls(org, conversation)).singleElement().satisfies(c -> {
            assertThat(c.tool()).isEqualTo("get_order_details");
            assertThat(c.result()).isEqualTo("{\"status\":\"pending\"}");
            assertThat(c.question()).isEqualTo(question);
        });
        assertThat(ledger.calls(newOrganization(), conversation)).isEmpty();
        assertThat(ledger.calls(org, conversation, Instant.now().plusSeconds(60)))
                .as("only calls made since")
                .isEmpty();
    }
}

package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine keeps what its tools did and may do: the audit of every call, the changes waiting for a customer's
 * decision, and which customer each conversation is bound to. Every decision that must hold across nodes and restarts
 * (a confirmation used once, one customer per conversation) is the store's, by a conditional update.
 */
public interface ToolLedger {

    /** Appends one call to the audit. */
    void record(ToolCallRecord call);

    /** The conversation's tool calls, oldest first; empty for another organization's conversation. */
    default List<ToolCallRecord> calls(OrganizationId organization, ConversationId conversation) {
        return calls(organization, conversation, Instant.EPOCH);
    }

    /** The conversation's tool calls made at {@code since} or later, oldest first. */
    List<ToolCallRecord> calls(OrganizationId organization, ConversationId conversation, Instant since);

    /** Stores a change waiting for the customer's decision. */
    void open(PendingConfirmation confirmation);

    /** The conversation's changes still waiting for a decision, oldest first. */
    List<PendingConfirmation> open(OrganizationId organization, ConversationId conversation);

    /**
     * Decides an open confirmation of this conversation, once: {@code open → decision}. Empty when there is no such
     * open confirmation here (unknown, another conversation's or organization's, already decided, expired).
     */
    Optional<PendingConfirmation> decide(
            OrganizationId organization, ConversationId conversation, String id, Decision decision, Instant at);

    /** Expires every open confirmation of the conversation (the customer moved on); how many were. */
    int expireOpen(OrganizationId organization, ConversationId conversation, Instant at);

    /**
     * Binds the conversation to {@code customer} unless it is bound already; the customer it is bound to afterwards
     * (this one, or the one it already had).
     */
    String bind(OrganizationId organization, ConversationId conversation, String customer);

    /** The customer an identification tool bound the conversation to, if any. */
    Optional<String> identified(OrganizationId organization, ConversationId conversation);

    enum Decision {
        YES,
        NO,
        EXPIRED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Keeps nothing: for engines without tools (tests, benchmarks). Binding always succeeds. */
    ToolLedger NONE = new ToolLedger() {
        @Override
        public void record(ToolCallRecord call) {}

        @Override
        public List<ToolCallRecord> calls(OrganizationId organization, ConversationId conversation, Instant since) {
            return List.of();
        }

        @Override
        public void open(PendingConfirmation confirmation) {}

        @Override
        public List<PendingConfirmation> open(OrganizationId organization, ConversationId conversation) {
            return List.of();
        }

        @Override
        public Optional<PendingConfirmation> decide(
                OrganizationId organization, ConversationId conversation, String id, Decision decision, Instant at) {
            return Optional.empty();
        }

        @Override
        public int expireOpen(OrganizationId organization, ConversationId conversation, Instant at) {
            return 0;
        }

        @Override
        public String bind(OrganizationId organization, ConversationId conversation, String customer) {
            return customer;
        }

        @Override
        public Optional<String> identified(OrganizationId organization, ConversationId conversation) {
            return Optional.empty();
        }
    };
}

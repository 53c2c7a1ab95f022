package io.parley.conversation;

import io.parley.tenant.OrganizationId;

/**
 * The one way out of the engine: everything a customer's or a team member's screen shows is published here, and
 * screens listen here. The engine never writes to a socket itself.
 *
 * <p>{@link #publish} is called with the conversation's lock held, so that one conversation's events keep their
 * order; implementations must only hand events over (queue them) and never call back into the engine. An
 * implementation between nodes (a message broker) partitions by conversation to keep that order, and delivers to
 * listeners registered on any node. Thread-safe.
 */
public interface ConversationEvents {

    void publish(ConversationEvent event);

    /**
     * Listens to one conversation: customers' connections and a person's open conversation. Internal notes and the
     * customer's own typing are not delivered here.
     */
    Registration listen(ConversationId conversation, ConversationListener listener);

    /** Listens to every conversation of an organization except the reply's pieces: the team's inbox. */
    Registration listen(OrganizationId organization, OrganizationListener listener);

    /** Whether anyone on this node listens to the conversation. */
    boolean hasListeners(ConversationId conversation);

    /** Receives an organization's events; must only hand them over, never call back into the engine. */
    @FunctionalInterface
    interface OrganizationListener {
        void on(ConversationEvent event);
    }

    /** Stops listening. Idempotent. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}

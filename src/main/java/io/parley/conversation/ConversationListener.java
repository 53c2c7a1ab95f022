package io.parley.conversation;

/**
 * Receives what happens in a conversation, live, through {@link ConversationEvents}: a customer's chat connection, or a
 * person's open conversation in the inbox.
 *
 * <p>Calls for one conversation never overlap and arrive in order: replayed messages in seq order, then live events;
 * a reply's deltas before the reply itself. Calls are made while the conversation is locked, so implementations
 * must only hand the event over (e.g. queue a frame) and never call back into the engine or block for long.
 */
public interface ConversationListener {

    /** A message as it happens: a reply, an agent's message, a message from another of the customer's devices. */
    void onMessage(Message message);

    /** A message sent again because the listener asked for what it missed (a resume). */
    default void onReplayed(Message message) {
        onMessage(message);
    }

    /** Someone started writing a reply. */
    void onTyping(MessageRole role);

    /** Someone started writing: the assistant, or a person of the team with the name the customer sees. */
    default void onTyping(MessageRole role, String name) {
        onTyping(role);
    }

    /** Who handles the conversation changed; the words for the customer come with it. */
    default void onStatus(ConversationEvent.StatusChanged change) {}

    /** The next piece of a reply being written; {@code reply} is the id the finished message will have. */
    void onDelta(MessageId reply, String text);

    /**
     * The pieces of the reply {@code reply} shown so far are withdrawn: its provider broke off and the reply is being
     * written again from its start (deltas follow), or it is replaced by the organization's fallback message.
     */
    default void onRestart(MessageId reply) {}

    /** A message this listener sent is stored durably (the acknowledgement). Other listeners get onMessage. */
    default void onStored(Message own) {}

    /** A message this listener sent is not stored yet after the acknowledgement timeout; storing goes on. */
    default void onStoreDelayed(Message own) {}

    /** A message this listener sent could not be stored and never will be. */
    default void onStoreFailed(Message own) {}

    /** A change the assistant proposed waits for the customer's "yes" or "no". */
    default void onConfirmation(PendingConfirmation confirmation) {}

    /** A tool is running for the assistant ("Looking up your order…"). */
    default void onToolRunning(String status) {}
}

package io.parley.conversation;

import java.util.List;

/** A listener's registration on one live conversation; replays and unregistration happen under its lock. */
final class LiveSubscription implements ChatEngine.Subscription {

    private final LiveConversations conversations;
    private final LiveConversation active;
    private final ConversationListener listener;
    private final ConversationEvents.Registration registration;

    LiveSubscription(
            LiveConversations conversations,
            LiveConversation active,
            ConversationListener listener,
            ConversationEvents.Registration registration) {
        this.conversations = conversations;
        this.active = active;
        this.listener = listener;
        this.registration = registration;
    }

    @Override
    public ConversationId conversation() {
        return active.conversation().id();
    }

    @Override
    public void replay(long afterSeq) {
        List<Message> older = conversations.olderThanMemory(active.conversation(), afterSeq);
        active.lock().lock();
        try {
            conversations.replay(active, afterSeq, older, listener);
        } finally {
            active.lock().unlock();
        }
    }

    @Override
    public void close() {
        active.lock().lock();
        try {
            registration.close();
            active.touch(System.nanoTime());
        } finally {
            active.lock().unlock();
        }
    }
}

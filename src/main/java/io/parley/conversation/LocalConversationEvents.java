package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link ConversationEvents} within this node: events go straight to the listeners registered here. Enough for one
 * node; with several, a broker-backed implementation replaces it without the engine changing. Thread-safe.
 */
public final class LocalConversationEvents implements ConversationEvents {

    private final ConcurrentHashMap<ConversationId, List<ConversationListener>> byConversation =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OrganizationId, List<OrganizationListener>> byOrganization =
            new ConcurrentHashMap<>();

    @Override
    public void publish(ConversationEvent event) {
        List<ConversationListener> listeners = byConversation.get(event.conversation());
        if (listeners != null) {
            for (ConversationListener listener : listeners) {
                deliver(event, listener);
            }
        }
        if (event instanceof ConversationEvent.ReplyDelta || event instanceof ConversationEvent.ReplyRestarted) {
            return;
        }
        List<OrganizationListener> team = byOrganization.get(event.organization());
        if (team != null) {
            team.forEach(listener -> listener.on(event));
        }
    }

    private static void deliver(ConversationEvent event, ConversationListener listener) {
        switch (event) {
            case ConversationEvent.MessageAdded added -> {
                if (added.origin() != listener) {
                    listener.onMessage(added.message());
                }
            }
            case ConversationEvent.Typing typing -> {
                if (typing.role() != MessageRole.CUSTOMER) {
                    listener.onTyping(typing.role(), typing.name());
                }
            }
            case ConversationEvent.ReplyDelta delta -> listener.onDelta(delta.reply(), delta.text());
            case ConversationEvent.ReplyRestarted restarted -> listener.onRestart(restarted.reply());
            case ConversationEvent.StatusChanged changed -> listener.onStatus(changed);
            case ConversationEvent.NoteAdded note -> {} // the team's only
            case ConversationEvent.CustomerFeedback feedback -> {} // the team's only
            case ConversationEvent.ConfirmationRequested asked -> listener.onConfirmation(asked.confirmation());
            case ConversationEvent.ToolRunning running -> listener.onToolRunning(running.status());
        }
    }

    @Override
    public Registration listen(ConversationId conversation, ConversationListener listener) {
        // Added inside compute: a concurrent close that empties the list cannot drop it from under this listener.
        byConversation.compute(conversation, (id, list) -> {
            List<ConversationListener> listeners = list == null ? new CopyOnWriteArrayList<>() : list;
            listeners.add(listener);
            return listeners;
        });
        return () -> byConversation.computeIfPresent(conversation, (id, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public Registration listen(OrganizationId organization, OrganizationListener listener) {
        // Added inside compute: a concurrent close that empties the list cannot drop it from under this listener.
        byOrganization.compute(organization, (id, list) -> {
            List<OrganizationListener> listeners = list == null ? new CopyOnWriteArrayList<>() : list;
            listeners.add(listener);
            return listeners;
        });
        return () -> byOrganization.computeIfPresent(organization, (id, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public boolean hasListeners(ConversationId conversation) {
        return byConversation.containsKey(conversation);
    }
}

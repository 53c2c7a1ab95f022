package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The conversations active on this node, held in memory: loaded from the store on first use, dropped again when idle
 * with nothing left to write or answer. At most one {@link LiveConversation} exists per conversation, and every use
 * of one happens under its lock. Thread-safe.
 */
final class LiveConversations {

    private final ConcurrentHashMap<ConversationId, LiveConversation> live = new ConcurrentHashMap<>();
    private final ConversationStore store;
    private final ChatSettings settings;
    private final Consumer<LiveConversation> onLoad;
    private final LiveConversation.Wiring wiring;

    /** @param onLoad runs under the lock right after a conversation is loaded (e.g. to answer what a crash left) */
    LiveConversations(
            ConversationStore store,
            ChatSettings settings,
            Consumer<LiveConversation> onLoad,
            LiveConversation.Wiring wiring) {
        this.store = store;
        this.settings = settings;
        this.onLoad = onLoad;
        this.wiring = wiring;
    }

    int size() {
        return live.size();
    }

    /** The ids of the conversations active here. */
    java.util.Set<ConversationId> ids() {
        return java.util.Set.copyOf(live.keySet());
    }

    /** The conversation as it is now, if it is active here. */
    Optional<Conversation> current(OrganizationId organization, ConversationId id) {
        LiveConversation active = live.get(id);
        if (active == null || !active.conversation().organization().equals(organization)) {
            return Optional.empty();
        }
        active.lock().lock();
        try {
            return active.evicted() ? Optional.empty() : Optional.of(active.current());
        } finally {
            active.lock().unlock();
        }
    }

    /** Runs {@code action} on the conversation's live state, under its lock, loading it first if need be. */
    <T> T with(Conversation conversation, Function<LiveConversation, T> action) {
        while (true) {
            LiveConversation active = live.get(conversation.id());
            boolean loaded = false;
            if (active == null) {
                LiveConversation fresh = load(conversation);
                active = live.putIfAbsent(conversation.id(), fresh);
                if (active == null) {
                    active = fresh;
                    loaded = true;
                }
            }
            active.lock().lock();
            try {
                if (active.evicted()) {
                    live.remove(conversation.id(), active);
                    continue;
                }
                active.touch(System.nanoTime());
                if (loaded) {
                    onLoad.accept(active);
                }
                return action.apply(active);
            } finally {
                active.lock().unlock();
            }
        }
    }

    /**
     * Runs {@code action} under the lock when the conversation is active here; empty otherwise (then the store has
     * everything).
     */
    <T> Optional<T> ifActive(ConversationId id, Function<LiveConversation, T> action) {
        LiveConversation active = live.get(id);
        if (active == null) {
            return Optional.empty();
        }
        active.lock().lock();
        try {
            return active.evicted() ? Optional.empty() : Optional.ofNullable(action.apply(active));
        } finally {
            active.lock().unlock();
        }
    }

    /** A message of the organization's that is in memory but perhaps not stored yet. */
    Optional<Message> message(OrganizationId organization, MessageId id) {
        for (LiveConversation active : live.values()) {
            if (!active.conversation().organization().equals(organization)) {
                continue;
            }
            Optional<Message> found = ifActive(active.conversation().id(), a -> a.snapshot().stream()
                    .filter(m -> m.id().equals(id))
                    .findFirst()
                    .orElse(null));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Drops an erased conversation from memory at once, whatever it was doing. */
    void forget(ConversationId id) {
        LiveConversation active = live.remove(id);
        if (active != null) {
            active.lock().lock();
            try {
                active.erased();
            } finally {
                active.lock().unlock();
            }
        }
    }

    /** Drops conversations that have been idle long enough and have nothing left to write or answer. */
    void evictIdle() {
        long now = System.nanoTime();
        long idle = settings.idleEviction().toNanos();
        for (LiveConversation active : live.values()) {
            if (active.lock().tryLock()) {
                try {
                    if (active.evictIfIdle(now, idle)) {
                        live.remove(active.conversation().id(), active);
                    }
                } finally {
                    active.lock().unlock();
                }
            }
        }
    }

    /**
     * Every visible message of a conversation, in order: the part older than what memory holds is read from the
     * store first, without holding the conversation's lock, so that a slow or absent store never holds it up.
     */
    List<Message> messages(Conversation conversation) {
        Optional<Long> oldest = ifActive(conversation.id(), LiveConversation::oldestSeqInMemory);
        if (oldest.isEmpty()) {
            return store.messagesAfter(conversation.organization(), conversation.id(), 0, Integer.MAX_VALUE);
        }
        List<Message> older = olderThan(conversation, 0, oldest.get());
        return ifActive(conversation.id(), active -> {
                    List<Message> all = new ArrayList<>(older);
                    long next = older.isEmpty() ? 0 : older.getLast().seq();
                    all.addAll(catchUp(active, next));
                    return all;
                })
                .orElseGet(() ->
                        store.messagesAfter(conversation.organization(), conversation.id(), 0, Integer.MAX_VALUE));
    }

    /**
     * The stored messages after {@code afterSeq} that are older than what memory holds, read without the lock, for
     * a replay to send first; empty when memory holds everything asked for.
     */
    List<Message> olderThanMemory(Conversation conversation, long afterSeq) {
        if (afterSeq == ChatEngine.LIVE_ONLY) {
            return List.of();
        }
        long oldest = with(conversation, LiveConversation::oldestSeqInMemory);
        return olderThan(conversation, afterSeq, oldest);
    }

    /**
     * Sends a listener every visible message after {@code afterSeq}, in order: first {@code older} (from
     * {@link #olderThanMemory}), then memory's. Called under the lock.
     */
    void replay(LiveConversation active, long afterSeq, List<Message> older, ConversationListener listener) {
        if (afterSeq == ChatEngine.LIVE_ONLY) {
            return;
        }
        long next = afterSeq;
        for (Message m : older) {
            if (m.seq() > next) {
                listener.onReplayed(m);
                next = m.seq();
            }
        }
        catchUp(active, next).forEach(listener::onReplayed);
    }

    /**
     * Memory's visible messages after {@code next}. If memory moved on since the older part was read (new messages
     * pushed old ones out), the few in between are read now, under the lock: rare, and brief.
     */
    private List<Message> catchUp(LiveConversation active, long next) {
        List<Message> messages = new ArrayList<>();
        Conversation c = active.conversation();
        if (next + 1 < active.oldestSeqInMemory()) {
            messages.addAll(
                    store.messagesAfter(c.organization(), c.id(), next, (int) (active.oldestSeqInMemory() - next - 1)));
            if (!messages.isEmpty()) {
                next = messages.getLast().seq();
            }
        }
        messages.addAll(active.visibleAfter(next));
        return messages;
    }

    private List<Message> olderThan(Conversation conversation, long afterSeq, long oldestInMemory) {
        if (afterSeq + 1 >= oldestInMemory) {
            return List.of();
        }
        return store.messagesAfter(conversation.organization(), conversation.id(), afterSeq, (int)
                Math.min(Integer.MAX_VALUE, oldestInMemory - afterSeq - 1));
    }

    private LiveConversation load(Conversation conversation) {
        List<Message> newest =
                store.latestMessages(conversation.organization(), conversation.id(), settings.recentMessages());
        // A summary is only written once a conversation has outgrown its budget: short ones need not look for one.
        HistorySummary summary = newest.size() < Summarizer.KEEP_MESSAGES
                ? HistorySummary.NONE
                : store.summary(conversation.organization(), conversation.id()).orElse(HistorySummary.NONE);
        return new LiveConversation(
                conversation,
                newest,
                store.clientMessageIds(conversation.organization(), conversation.id()),
                summary,
                settings.recentMessages(),
                LiveConversation.rateLimit(settings),
                System.nanoTime(),
                wiring);
    }
}

package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ConversationStore} in memory for engine tests, held to the same contract as the real ones. Tests can hold
 * writes back ({@link #holdWrites()}) or make the store unavailable ({@link #goAway()}), to see what customers see.
 */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<ConversationId, Conversation> conversations = new HashMap<>();
    private final List<Message> messages = new ArrayList<>();
    private final Map<MessageId, Feedback> feedback = new HashMap<>();
    private final Map<ConversationId, HistorySummary> summaries = new HashMap<>();
    private final List<StatusChange> statusChanges = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final Map<ConversationId, ConversationRating> ratings = new HashMap<>();
    private final Map<ConversationId, String> contacts = new HashMap<>();
    private final AtomicBoolean away = new AtomicBoolean();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile CountDownLatch writeGate = new CountDownLatch(0);

    /** Writes block until {@link #releaseWrites()}. */
    public void holdWrites() {
        writeGate = new CountDownLatch(1);
    }

    public void releaseWrites() {
        writeGate.countDown();
    }

    /** Every call fails as a database that went away would, until {@link #comeBack()}. */
    public void goAway() {
        away.set(true);
    }

    public void comeBack() {
        away.set(false);
    }

    /** How many successful appendAll calls there were. */
    public int writes() {
        return writes.get();
    }

    public synchronized int conversationCount() {
        return conversations.size();
    }

    public synchronized List<Message> allMessages(ConversationId id) {
        return messages.stream()
                .filter(m -> m.conversation().equals(id))
                .sorted(Comparator.comparingLong(Message::seq))
                .toList();
    }

    public synchronized int feedbackCount(MessageId id) {
        return feedback.containsKey(id) ? 1 : 0;
    }

    @Override
    public synchronized void create(Conversation conversation) {
        check();
        conversations.put(conversation.id(), conversation);
    }

    @Override
    public synchronized Optional<Conversation> find(OrganizationId organization, ConversationId id) {
        check();
        return Optional.ofNullable(conversations.get(id))
                .filter(c -> c.organization().equals(organization));
    }

    @Override
    public synchronized Optional<Conversation> latestOpenOfVisitor(OrganizationId organization, VisitorId visitor) {
        check();
        return conversations.values().stream()
                .filter(c ->
                        c.organization().equals(organization) && c.visitor().equals(visitor) && c.customer() == null)
                .filter(c -> c.status() != ConversationStatus.RESOLVED)
                .max(Comparator.comparing(Conversation::startedAt));
    }

    @Override
    public synchronized Optional<Conversation> latestOpenOfCustomer(OrganizationId organization, String customerId) {
        check();
        return conversations.values().stream()
                .filter(c -> c.organization().equals(organization)
                        && c.customer() != null
                        && c.customer().id().equals(customerId))
                .filter(c -> c.status() != ConversationStatus.RESOLVED)
                .max(Comparator.comparing(Conversation::startedAt));
    }

    @Override
    public synchronized List<Message> messagesAfter(
            OrganizationId organization, ConversationId id, long afterSeq, int limit) {
        check();
        return ofConversation(organization, id).stream()
                .filter(m -> m.seq() > afterSeq)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Message> latestMessages(OrganizationId organization, ConversationId id, int limit) {
        check();
        List<Message> all = ofConversation(organization, id);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    @Override
    public synchronized Optional<Message> messageByClientId(
            OrganizationId organization, ConversationId id, String clientMessageId) {
        check();
        return ofConversation(organization, id).stream()
                .filter(m -> clientMessageId.equals(m.clientMessageId()))
                .findFirst();
    }

    @Override
    public synchronized Set<String> clientMessageIds(OrganizationId organization, ConversationId id) {
        check();
        java.util.Set<String> ids = new java.util.HashSet<>();
        ofConversation(organization, id).forEach(m -> {
            if (m.clientMessageId() != null) {
                ids.add(m.clientMessageId());
            }
        });
        return ids;
    }

    @Override
    public synchronized Optional<Message> message(OrganizationId organization, MessageId id) {
        check();
        return messages.stream()
                .filter(m -> m.id().equals(id) && m.organization().equals(organization))
                .findFirst();
    }

    @Override
    public synchronized Optional<Message> replyTo(
            OrganizationId organization, ConversationId conversation, MessageId question) {
        check();
        return ofConversation(organization, conversation).stream()
                .filter(m -> question.equals(m.replyTo()))
                .findFirst();
    }

    @Override
    public void appendAll(List<Message> batch) {
        try {
            writeGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
        synchronized (this) {
            check();
            List<Message> accepted = new ArrayList<>(messages);
            for (Message m : batch) {
                boolean taken = accepted.stream()
                        .anyMatch(o -> o.conversation().equals(m.conversation())
                                && (o.seq() == m.seq()
                                        || (m.clientMessageId() != null
                                                && m.clientMessageId().equals(o.clientMessageId()))));
                if (taken) {
                    throw new StoreConflictException("taken", null);
                }
                accepted.add(m);
            }
            messages.clear();
            messages.addAll(accepted);
            for (Message m : batch) {
                conversations.computeIfPresent(
                        m.conversation(),
                        (id, c) -> c.messageCount() >= m.seq()
                                ? c
                                : new Conversation(
                                        c.id(),
                                        c.organization(),
                                        c.visitor(),
                                        c.customer(),
                                        c.status(),
                                        c.startedAt(),
                                        m.createdAt(),
                                        m.seq()));
            }
            writes.incrementAndGet();
        }
    }

    @Override
    public synchronized ConversationPage list(
            OrganizationId organization, ConversationStatus status, int page, int size) {
        check();
        List<Conversation> matching = conversations.values().stream()
                .filter(c -> c.organization().equals(organization) && (status == null || c.status() == status))
                .filter(c -> c.messageCount() > 0)
                .sorted(Comparator.comparing(Conversation::lastMessageAt)
                        .reversed()
                        .thenComparing(c -> c.id().value()))
                .toList();
        return new ConversationPage(
                matching.stream().skip((long) page * size).limit(size).toList(), matching.size());
    }

    @Override
    public synchronized void saveFeedback(OrganizationId organization, MessageId message, Feedback rating) {
        check();
        feedback.put(message, rating);
    }

    @Override
    public synchronized Optional<HistorySummary> summary(OrganizationId organization, ConversationId conversation) {
        check();
        Conversation c = conversations.get(conversation);
        return c == null || !c.organization().equals(organization)
                ? Optional.empty()
                : Optional.ofNullable(summaries.get(conversation));
    }

    @Override
    public synchronized void saveSummary(
            OrganizationId organization, ConversationId conversation, HistorySummary summary) {
        check();
        summaries.merge(conversation, summary, (old, fresh) -> fresh.throughSeq() > old.throughSeq() ? fresh : old);
    }

    @Override
    public synchronized int deleteEmpty(java.time.Instant before, java.util.Set<ConversationId> keep, int limit) {
        check();
        List<ConversationId> empty = conversations.values().stream()
                .filter(c -> c.startedAt().isBefore(before) && !keep.contains(c.id()))
                .filter(c -> messages.stream().noneMatch(m -> m.conversation().equals(c.id())))
                .map(Conversation::id)
                .limit(limit)
                .toList();
        empty.forEach(conversations::remove);
        return empty.size();
    }

    private List<Message> ofConversation(OrganizationId organization, ConversationId id) {
        return messages.stream()
                .filter(m -> m.conversation().equals(id) && Objects.equals(m.organization(), organization))
                .sorted(Comparator.comparingLong(Message::seq))
                .toList();
    }

    @Override
    public synchronized Map<MessageId, Feedback> feedback(OrganizationId organization, ConversationId conversation) {
        check();
        Map<MessageId, Feedback> byMessage = new java.util.LinkedHashMap<>();
        for (Message m : messages) {
            if (m.conversation().equals(conversation) && feedback.containsKey(m.id())) {
                byMessage.put(m.id(), feedback.get(m.id()));
            }
        }
        return byMessage;
    }

    @Override
    public synchronized void saveStatusChange(StatusChange change) {
        check();
        Conversation c = conversations.get(change.conversation());
        if (c == null || !c.organization().equals(change.organization())) {
            throw new io.parley.conversation.StoreConflictException("no such conversation", null);
        }
        conversations.put(
                c.id(),
                new Conversation(
                        c.id(),
                        c.organization(),
                        c.visitor(),
                        c.customer(),
                        change.to(),
                        c.startedAt(),
                        c.lastMessageAt(),
                        c.messageCount(),
                        change.assignee()));
        statusChanges.add(change);
    }

    @Override
    public synchronized List<StatusChange> statusChanges(OrganizationId organization, ConversationId conversation) {
        check();
        return statusChanges.stream()
                .filter(c -> c.organization().equals(organization)
                        && c.conversation().equals(conversation))
                .toList();
    }

    @Override
    public synchronized List<Conversation> withPeople(OrganizationId organization, int limit) {
        check();
        return conversations.values().stream()
                .filter(c -> c.organization().equals(organization))
                .filter(c ->
                        c.status() == ConversationStatus.WAITING_FOR_AGENT || c.status() == ConversationStatus.AGENT)
                .sorted(java.util.Comparator.comparing(Conversation::lastMessageAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Conversation> earlierOf(OrganizationId organization, Conversation of, int limit) {
        check();
        return conversations.values().stream()
                .filter(c -> c.organization().equals(organization) && !c.id().equals(of.id()))
                .filter(c -> of.customer() != null
                        ? c.customer() != null
                                && c.customer().id().equals(of.customer().id())
                        : c.customer() == null && c.visitor().equals(of.visitor()))
                .sorted(java.util.Comparator.comparing(Conversation::startedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void saveNote(Note note) {
        check();
        notes.add(note);
    }

    @Override
    public synchronized List<Note> notes(OrganizationId organization, ConversationId conversation) {
        check();
        return notes.stream()
                .filter(n -> n.organization().equals(organization)
                        && n.conversation().equals(conversation))
                .toList();
    }

    @Override
    public synchronized void saveRating(
            OrganizationId organization, ConversationId conversation, ConversationRating rating) {
        check();
        ratings.put(conversation, rating);
    }

    @Override
    public synchronized Optional<ConversationRating> rating(OrganizationId organization, ConversationId conversation) {
        check();
        return Optional.ofNullable(ratings.get(conversation));
    }

    @Override
    public synchronized void saveContact(OrganizationId organization, ConversationId conversation, String email) {
        check();
        contacts.put(conversation, email);
    }

    @Override
    public synchronized Optional<String> contact(OrganizationId organization, ConversationId conversation) {
        check();
        return Optional.ofNullable(contacts.get(conversation));
    }

    private void check() {
        if (away.get()) {
            throw new StoreUnavailableException("the test store is away", null);
        }
    }

    @Override
    public synchronized List<Conversation> ofCustomer(OrganizationId organization, String customerOrVisitor) {
        return conversations.values().stream()
                .filter(c -> c.organization().equals(organization))
                .filter(c -> c.visitor().value().equals(customerOrVisitor)
                        || (c.customer() != null && c.customer().id().equals(customerOrVisitor)))
                .sorted(java.util.Comparator.comparing(Conversation::startedAt))
                .toList();
    }

    @Override
    public synchronized int erase(OrganizationId organization, List<ConversationId> ids) {
        int erased = 0;
        for (ConversationId id : ids) {
            Conversation c = conversations.get(id);
            if (c == null || !c.organization().equals(organization)) {
                continue;
            }
            conversations.remove(id);
            messages.removeIf(m -> m.conversation().equals(id));
            summaries.remove(id);
            statusChanges.removeIf(s -> s.conversation().equals(id));
            notes.removeIf(n -> n.conversation().equals(id));
            ratings.remove(id);
            contacts.remove(id);
            erased++;
        }
        return erased;
    }
}

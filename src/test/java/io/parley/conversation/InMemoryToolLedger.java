package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The tool ledger in memory, for engine tests: decisions and bindings atomic as the database makes them. */
final class InMemoryToolLedger implements ToolLedger {

    private final List<ToolCallRecord> calls = new CopyOnWriteArrayList<>();
    private final Map<String, PendingConfirmation> confirmations = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<ConversationId, String> bound = new ConcurrentHashMap<>();

    @Override
    public void record(ToolCallRecord call) {
        calls.add(call);
    }

    @Override
    public List<ToolCallRecord> calls(OrganizationId organization, ConversationId conversation, Instant since) {
        return calls.stream()
                .filter(c -> c.organization().equals(organization)
                        && c.conversation().equals(conversation)
                        && !c.at().isBefore(since))
                .toList();
    }

    List<ToolCallRecord> all() {
        return List.copyOf(calls);
    }

    @Override
    public void open(PendingConfirmation confirmation) {
        confirmations.put(confirmation.id(), confirmation);
        states.put(confirmation.id(), "open");
    }

    @Override
    public List<PendingConfirmation> open(OrganizationId organization, ConversationId conversation) {
        return confirmations.values().stream()
                .filter(p -> p.organization().equals(organization)
                        && p.conversation().equals(conversation)
                        && "open".equals(states.get(p.id())))
                .sorted(java.util.Comparator.comparing(PendingConfirmation::createdAt))
                .toList();
    }

    @Override
    public Optional<PendingConfirmation> decide(
            OrganizationId organization, ConversationId conversation, String id, Decision decision, Instant at) {
        PendingConfirmation p = confirmations.get(id);
        if (p == null
                || !p.organization().equals(organization)
                || !p.conversation().equals(conversation)) {
            return Optional.empty();
        }
        return states.replace(id, "open", decision.wire()) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public int expireOpen(OrganizationId organization, ConversationId conversation, Instant at) {
        int n = 0;
        for (PendingConfirmation p : open(organization, conversation)) {
            if (states.replace(p.id(), "open", "expired")) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String bind(OrganizationId organization, ConversationId conversation, String customer) {
        return bound.computeIfAbsent(conversation, c -> customer);
    }

    @Override
    public Optional<String> identified(OrganizationId organization, ConversationId conversation) {
        return Optional.ofNullable(bound.get(conversation));
    }
}

package io.parley.usage;

import io.parley.tenant.OrganizationId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** A {@link UsageStore} in memory that can hold its writes back, as a slow or absent database would. */
final class InMemoryUsageStore implements UsageStore {

    private final List<ModelCall> calls = new ArrayList<>();
    private final Map<OrganizationId, Budget> budgets = new HashMap<>();
    private volatile CountDownLatch held = new CountDownLatch(0);

    void holdWrites() {
        held = new CountDownLatch(1);
    }

    void releaseWrites() {
        held.countDown();
    }

    synchronized int written() {
        return calls.size();
    }

    @Override
    public void appendAll(List<ModelCall> batch) {
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            calls.addAll(batch);
        }
    }

    @Override
    public synchronized List<DailyUsage> daily(OrganizationId organization, Instant from, Instant to) {
        Map<String, DailyUsage> sums = new LinkedHashMap<>();
        calls.stream()
                .filter(c -> c.organization().equals(organization) && !c.at().isBefore(from) && c.at().isBefore(to))
                .sorted(Comparator.comparing(ModelCall::at))
                .forEach(c -> {
                    var day = c.at().atZone(ZoneOffset.UTC).toLocalDate();
                    sums.merge(
                            day + c.provider() + c.model(),
                            new DailyUsage(
                                    day,
                                    c.provider(),
                                    c.model(),
                                    1,
                                    c.usage().inputTokens(),
                                    c.usage().outputTokens(),
                                    c.cost()),
                            (a, b) -> new DailyUsage(
                                    a.day(),
                                    a.provider(),
                                    a.model(),
                                    a.calls() + 1,
                                    a.inputTokens() + b.inputTokens(),
                                    a.outputTokens() + b.outputTokens(),
                                    a.cost().add(b.cost())));
                });
        return List.copyOf(sums.values());
    }

    @Override
    public synchronized BigDecimal costSince(OrganizationId organization, Instant from) {
        return calls.stream()
                .filter(c -> c.organization().equals(organization) && !c.at().isBefore(from))
                .map(ModelCall::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public synchronized Map<String, ModelCall> byMessage(OrganizationId organization, Collection<String> messageIds) {
        Map<String, ModelCall> found = new HashMap<>();
        calls.stream()
                .filter(c -> c.organization().equals(organization) && messageIds.contains(c.messageId()))
                .forEach(c -> found.put(c.messageId(), c));
        return found;
    }

    @Override
    public synchronized Optional<Budget> budget(OrganizationId organization) {
        return Optional.ofNullable(budgets.get(organization));
    }

    @Override
    public synchronized void saveBudget(OrganizationId organization, Budget budget, Instant at) {
        if (budget == null) {
            budgets.remove(organization);
        } else {
            budgets.put(organization, budget);
        }
    }
}

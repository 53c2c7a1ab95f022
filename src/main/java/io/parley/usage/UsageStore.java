package io.parley.usage;

import io.parley.tenant.OrganizationId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the usage ledger and budgets are kept. Thread-safe; every read names the organization. */
public interface UsageStore {

    /** Appends ledger rows, in one transaction. */
    void appendAll(List<ModelCall> calls);

    /**
     * The organization's calls with {@code from <= at < to}, summed by day (UTC), provider and model, in day order.
     */
    List<DailyUsage> daily(OrganizationId organization, Instant from, Instant to);

    /** One day's calls of one model. */
    record DailyUsage(
            LocalDate day,
            String provider,
            String model,
            long calls,
            long inputTokens,
            long outputTokens,
            BigDecimal cost) {}

    /** The total cost of the organization's calls since {@code from}. */
    BigDecimal costSince(OrganizationId organization, Instant from);

    /** The reply calls that wrote these messages, by message id (a message without one is absent). */
    Map<String, ModelCall> byMessage(OrganizationId organization, Collection<String> messageIds);

    Optional<Budget> budget(OrganizationId organization);

    /** Sets the budget; null removes it. */
    void saveBudget(OrganizationId organization, Budget budget, Instant at);
}

package io.parley.usage;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.llm.ModelReply;
import io.parley.llm.Prices;
import io.parley.tenant.OrganizationId;
import io.parley.usage.UsageStore.DailyUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each organization's models cost: every call is priced and written to the ledger (behind the caller, by the
 * {@link LedgerWriter}), counted in Micrometer by organization and model, and added to the organization's spend this
 * month, which its budget is held against.
 *
 * <p>The month's spend is held in this node's memory: read once from the ledger when the organization is first
 * touched in a month, then kept up to date by every call recorded here. A second node's calls reach this node's figure
 * only when it reloads (every {@link #SPEND_RELOAD}); a shared counter (Redis {@code INCRBYFLOAT}) would make every
 * node see every call at once. Thread-safe.
 */
public class UsageLedger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);
    /** How long a node trusts its own count of an organization's month before reading the ledger again. */
    static final Duration SPEND_RELOAD = Duration.ofMinutes(5);

    private final UsageStore store;
    private final Prices prices;
    private final Clock clock;
    private final MeterRegistry meters;
    private final LedgerWriter writer;
    private final Map<OrganizationId, MonthSpend> spend = new ConcurrentHashMap<>();
    private final LoadingCache<OrganizationId, Optional<Budget>> budgets;

    /** One organization's spend in one month: from the ledger at {@code loadedAt}, plus what was recorded since. */
    private record MonthSpend(YearMonth month, BigDecimal total, Instant loadedAt) {}

    public UsageLedger(UsageStore store, Prices prices, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.prices = prices;
        this.clock = clock;
        this.meters = meters;
        this.writer = new LedgerWriter(store, meters);
        this.budgets = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofSeconds(30))
                .build(store::budget);
    }

    /**
     * Records one model call: prices it, counts it, adds it to the month's spend and hands it to the ledger. Never
     * throws: usage is bookkeeping, and a reply must not fail for it.
     *
     * @return the call as recorded, with its cost
     */
    public ModelCall record(
            OrganizationId organization,
            @Nullable String conversationId,
            @Nullable String messageId,
            ModelCall.Purpose purpose,
            ModelReply reply,
            Duration latency) {
        ModelCall call = new ModelCall(
                ModelCall.newId(),
                organization,
                conversationId,
                messageId,
                purpose,
                reply.provider(),
                reply.model(),
                reply.usage(),
                prices.cost(reply.model(), reply.usage()),
                latency,
                clock.instant());
        try {
            addToMonth(organization, call.cost());
        } catch (RuntimeException e) {
            log.warn("Could not load the organization's spend this month; its budget is checked again later", e);
        }
        count(call);
        writer.offer(call);
        return call;
    }

    /** What the organization's models cost this month so far (UTC), in {@link Prices#CURRENCY}. */
    public BigDecimal spentThisMonth(OrganizationId organization) {
        return month(organization).total();
    }

    public Optional<Budget> budget(OrganizationId organization) {
        return budgets.get(organization);
    }

    /** Sets the organization's monthly budget; null removes it. */
    public void setBudget(OrganizationId organization, @Nullable Budget budget) {
        store.saveBudget(organization, budget, clock.instant());
        budgets.put(organization, Optional.ofNullable(budget));
    }

    /** True when the organization has a budget and this month's spend has reached it. */
    public boolean overBudget(OrganizationId organization) {
        Optional<Budget> budget = budget(organization);
        return budget.isPresent()
                && spentThisMonth(organization).compareTo(budget.get().monthlyLimit()) >= 0;
    }

    /** The organization's usage for the days {@code from} to {@code to}, both included (UTC). */
    public UsageReport report(OrganizationId organization, LocalDate from, LocalDate to) {
        List<DailyUsage> rows = store.daily(
                organization,
                from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Map<String, UsageReport.ByModel> byModel = new LinkedHashMap<>();
        Map<LocalDate, UsageReport.ByDay> byDay = new LinkedHashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byDay.put(day, new UsageReport.ByDay(day, 0, 0, 0, BigDecimal.ZERO));
        }
        long calls = 0;
        long input = 0;
        long output = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (DailyUsage row : rows) {
            calls += row.calls();
            input += row.inputTokens();
            output += row.outputTokens();
            cost = cost.add(row.cost());
            byModel.merge(
                    row.provider() + "\n" + row.model(),
                    new UsageReport.ByModel(
                            row.provider(),
                            row.model(),
                            row.calls(),
                            row.inputTokens(),
                            row.outputTokens(),
                            row.cost()),
                    (a, b) -> new UsageReport.ByModel(
                            a.provider(),
                            a.model(),
                            a.calls() + b.calls(),
                            a.inputTokens() + b.inputTokens(),
                            a.outputTokens() + b.outputTokens(),
                            a.cost().add(b.cost())));
            byDay.merge(
                    row.day(),
                    new UsageReport.ByDay(row.day(), row.calls(), row.inputTokens(), row.outputTokens(), row.cost()),
                    (a, b) -> new UsageReport.ByDay(
                            a.date(),
                            a.calls() + b.calls(),
                            a.inputTokens() + b.inputTokens(),
                            a.outputTokens() + b.outputTokens(),
                            a.cost().add(b.cost())));
        }
        List<UsageReport.ByModel> models = new ArrayList<>(byModel.values());
        models.sort((a, b) -> b.cost().compareTo(a.cost()));
        return new UsageReport(
                from,
                to,
                calls,
                input,
                output,
                cost,
                Prices.CURRENCY,
                List.copyOf(models),
                List.copyOf(byDay.values()));
    }

    /** The reply calls that wrote these messages of the organization, by message id. */
    public Map<String, ModelCall> replies(OrganizationId organization, Collection<String> messageIds) {
        Map<String, ModelCall> found = new LinkedHashMap<>(store.byMessage(organization, messageIds));
        writer.pending(organization, messageIds).forEach(call -> found.putIfAbsent(call.messageId(), call));
        return found;
    }

    /** Writes what is still waiting; called on shutdown. */
    @Override
    public void close() {
        writer.close();
    }

    /** Rows handed over and not yet written. */
    public int unwritten() {
        return writer.pendingCount();
    }

    private void addToMonth(OrganizationId organization, BigDecimal cost) {
        Instant now = clock.instant();
        spend.compute(organization, (id, known) -> {
            MonthSpend base = fresh(known, now) ? known : load(id, now);
            return new MonthSpend(base.month(), base.total().add(cost), base.loadedAt());
        });
    }

    private MonthSpend month(OrganizationId organization) {
        Instant now = clock.instant();
        MonthSpend known = spend.get(organization);
        if (fresh(known, now)) {
            return known;
        }
        // Loaded under the map's lock for this organization, so a call recorded meanwhile is never lost.
        return spend.compute(organization, (id, current) -> fresh(current, now) ? current : load(id, now));
    }

    private static boolean fresh(@Nullable MonthSpend known, Instant now) {
        return known != null
                && known.month().equals(YearMonth.from(now.atZone(ZoneOffset.UTC)))
                && known.loadedAt().plus(SPEND_RELOAD).isAfter(now);
    }

    /** The ledger's figure for the month, plus what this node recorded and has not written yet. */
    private MonthSpend load(OrganizationId organization, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        BigDecimal total = store.costSince(organization, monthStart).add(writer.pendingCost(organization, monthStart));
        return new MonthSpend(month, total, now);
    }

    private void count(ModelCall call) {
        String organization = call.organization().value();
        Counter.builder("parley.llm.tokens")
                .description("Tokens sent to and written by models, by organization, provider and model")
                .tag("organization", organization)
                .tag("provider", call.provider())
                .tag("model", call.model())
                .tag("direction", "input")
                .register(meters)
                .increment(call.usage().inputTokens());
        Counter.builder("parley.llm.tokens")
                .tag("organization", organization)
                .tag("provider", call.provider())
                .tag("model", call.model())
                .tag("direction", "output")
                .register(meters)
                .increment(call.usage().outputTokens());
        Counter.builder("parley.llm.cost")
                .description("What model calls cost, in US dollars, by organization, provider and model")
                .baseUnit("usd")
                .tag("organization", organization)
                .tag("provider", call.provider())
                .tag("model", call.model())
                .register(meters)
                .increment(call.cost().doubleValue());
    }
}

package io.parley.usage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ModelReply.Usage;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;
import io.parley.usage.Budget;
import io.parley.usage.ModelCall;
import io.parley.usage.UsageStore;
import io.parley.usage.UsageStore.DailyUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The usage ledger and budgets on a real database; subclasses choose which. */
abstract class UsageStoreContract {

    private static final Instant NOV_30_LATE = Instant.parse("2026-11-30T23:59:59Z");
    private static final Instant DEC_1_EARLY = Instant.parse("2026-12-01T00:00:01Z");

    private TestDatabase database;
    private JdbcClient jdbc;
    private UsageStore store;
    private OrganizationId alpine;
    private OrganizationId tiny;

    protected abstract TestDatabase database();

    @BeforeEach
    void open() {
        database = database();
        jdbc = JdbcClient.create(database.dataSource());
        store = new JdbcUsageStore(
                jdbc,
                new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())));
        alpine = organization();
        tiny = organization();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void sumsCallsByUtcDayProviderAndModel() {
        store.appendAll(List.of(
                call(alpine, "m1", "gpt", "gpt-4o-mini", 100, 20, "0.0001", NOV_30_LATE),
                call(alpine, "m2", "gpt", "gpt-4o-mini", 50, 10, "0.00005", NOV_30_LATE.minusSeconds(3600)),
                call(alpine, "m3", "bedrock", "meta.llama3-3-70b-instruct-v1:0", 200, 40, "0.000173", DEC_1_EARLY),
                call(tiny, "m4", "gpt", "gpt-4o-mini", 999, 999, "1", NOV_30_LATE)));

        List<DailyUsage> days =
                store.daily(alpine, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"));

        assertThat(days)
                .containsExactly(
                        new DailyUsage(
                                LocalDate.of(2026, 11, 30),
                                "gpt",
                                "gpt-4o-mini",
                                2,
                                150,
                                30,
                                new BigDecimal("0.00015000")),
                        new DailyUsage(
                                LocalDate.of(2026, 12, 1),
                                "bedrock",
                                "meta.llama3-3-70b-instruct-v1:0",
                                1,
                                200,
                                40,
                                new BigDecimal("0.00017300")));
    }

    @Test
    void keepsEachOrganizationsUsageToItself() {
        store.appendAll(List.of(call(tiny, "m1", "gpt", "gpt-4o-mini", 10, 10, "0.5", NOV_30_LATE)));

        assertThat(store.daily(alpine, Instant.EPOCH, DEC_1_EARLY)).isEmpty();
        assertThat(store.costSince(alpine, Instant.EPOCH)).isZero();
        assertThat(store.byMessage(alpine, List.of("m1"))).isEmpty();
        assertThat(store.byMessage(tiny, List.of("m1"))).containsKey("m1");
    }

    @Test
    void addsUpTheCostSinceAMoment() {
        store.appendAll(List.of(
                call(alpine, "m1", "gpt", "gpt-4o-mini", 1, 1, "0.25", NOV_30_LATE),
                call(alpine, "m2", "gpt", "gpt-4o-mini", 1, 1, "0.50", DEC_1_EARLY)));

        assertThat(store.costSince(alpine, Instant.parse("2026-12-01T00:00:00Z")))
                .isEqualByComparingTo("0.50");
        assertThat(store.costSince(alpine, Instant.EPOCH)).isEqualByComparingTo("0.75");
    }

    @Test
    void findsTheCallBehindEachReply() {
        ModelCall written = call(alpine, "reply-1", "gpt", "gpt-4o-mini", 120, 30, "0.000036", NOV_30_LATE);
        store.appendAll(List.of(written, call(alpine, null, "gpt", "gpt-4o-mini", 5, 5, "0.1", NOV_30_LATE)));

        Map<String, ModelCall> found = store.byMessage(alpine, List.of("reply-1", "reply-unknown"));

        assertThat(found).containsOnlyKeys("reply-1");
        assertThat(found.get("reply-1").usage()).isEqualTo(written.usage());
        assertThat(found.get("reply-1").cost()).isEqualByComparingTo(written.cost());
        assertThat(found.get("reply-1").latency()).isEqualTo(Duration.ofMillis(850));
    }

    @Test
    void keepsReplacesAndRemovesABudget() {
        assertThat(store.budget(alpine)).isEmpty();

        store.saveBudget(alpine, new Budget(new BigDecimal("25.00"), "USD"), Instant.now());
        store.saveBudget(alpine, new Budget(new BigDecimal("40.50"), "USD"), Instant.now());

        assertThat(store.budget(alpine))
                .hasValueSatisfying(b -> assertThat(b.monthlyLimit()).isEqualByComparingTo("40.50"));
        assertThat(store.budget(tiny)).isEmpty();
        store.saveBudget(alpine, null, Instant.now());
        assertThat(store.budget(alpine)).isEmpty();
    }

    private ModelCall call(
            OrganizationId organization,
            String messageId,
            String provider,
            String model,
            long input,
            long output,
            String cost,
            Instant at) {
        return new ModelCall(
                UUID.randomUUID().toString(),
                organization,
                messageId == null ? null : "conv-1",
                messageId,
                messageId == null ? ModelCall.Purpose.SUMMARY : ModelCall.Purpose.REPLY,
                provider,
                model,
                new Usage(input, output, 3, false),
                new BigDecimal(cost),
                Duration.ofMillis(850),
                at);
    }

    private OrganizationId organization() {
        return TestDatabases.newOrganization(jdbc);
    }
}

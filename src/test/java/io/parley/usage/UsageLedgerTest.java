package io.parley.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.llm.LlmProperties;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.Prices;
import io.parley.tenant.OrganizationId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageLedgerTest {

    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UsageLedger ledger = new UsageLedger(store, new Prices(LlmProperties.defaults()), clock, meters);
    private final OrganizationId alpine = OrganizationId.generate();
    private final OrganizationId tiny = OrganizationId.generate();

    @AfterEach
    void close() {
        store.releaseWrites();
        ledger.close();
    }

    @Test
    void pricesEachCallAndCountsItByOrganizationAndModel() {
        ModelCall call = ledger.record(
                alpine, "c1", "m1", ModelCall.Purpose.REPLY, reply(1_000_000, 1_000_000), Duration.ofMillis(900));

        assertThat(call.cost()).isEqualByComparingTo("0.75"); // gpt-4o-mini: 0.15 + 0.60
        assertThat(meters.counter(
                                "parley.llm.cost",
                                "organization",
                                alpine.value(),
                                "provider",
                                "gpt",
                                "model",
                                "gpt-4o-mini")
                        .count())
                .isEqualTo(0.75);
        assertThat(meters.counter(
                                "parley.llm.tokens",
                                "organization",
                                alpine.value(),
                                "provider",
                                "gpt",
                                "model",
                                "gpt-4o-mini",
                                "direction",
                                "output")
                        .count())
                .isEqualTo(1_000_000);
    }

    @Test
    void holdsAnOrganizationToItsBudgetAsSoonAsACallIsRecorded() {
        ledger.setBudget(alpine, new Budget(new BigDecimal("1.00"), "USD"));
        store.holdWrites();

        ledger.record(alpine, "c1", "m1", ModelCall.Purpose.REPLY, reply(1_000_000, 1_000_000), Duration.ZERO);
        assertThat(ledger.overBudget(alpine)).isFalse();
        ledger.record(alpine, "c1", "m2", ModelCall.Purpose.REPLY, reply(1_000_000, 1_000_000), Duration.ZERO);

        assertThat(ledger.spentThisMonth(alpine)).isEqualByComparingTo("1.50");
        assertThat(ledger.overBudget(alpine))
                .as("over before the ledger rows are even written")
                .isTrue();
        assertThat(ledger.overBudget(tiny)).isFalse();
    }

    @Test
    void showsAReplysCostBeforeAndAfterItsRowIsWritten() {
        store.holdWrites();
        ledger.record(alpine, "c1", "m1", ModelCall.Purpose.REPLY, reply(1000, 100), Duration.ofMillis(420));

        assertThat(ledger.replies(alpine, List.of("m1"))).containsKey("m1");
        assertThat(ledger.replies(tiny, List.of("m1"))).isEmpty();
        store.releaseWrites();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.written() == 1);
        assertThat(ledger.replies(alpine, List.of("m1")).get("m1").latency()).isEqualTo(Duration.ofMillis(420));
    }

    @Test
    void startsEachMonthFromWhatTheLedgerSaysForIt() {
        ledger.record(alpine, null, null, ModelCall.Purpose.SUMMARY, reply(1_000_000, 0), Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.written() == 1);
        assertThat(ledger.spentThisMonth(alpine)).isEqualByComparingTo("0.15");

        clock.set(Instant.parse("2026-12-01T00:00:05Z"));

        assertThat(ledger.spentThisMonth(alpine)).isZero();
    }

    @Test
    void reportsTotalsByModelAndEveryDayOfTheRange() {
        ledger.record(alpine, "c1", "m1", ModelCall.Purpose.REPLY, reply(1000, 200), Duration.ZERO);
        clock.set(Instant.parse("2026-11-28T09:00:00Z"));
        ledger.record(alpine, null, null, ModelCall.Purpose.PLAYGROUND, reply(500, 100), Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.written() == 2);

        UsageReport report = ledger.report(alpine, LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 30));

        assertThat(report.calls()).isEqualTo(2);
        assertThat(report.inputTokens()).isEqualTo(1500);
        assertThat(report.outputTokens()).isEqualTo(300);
        assertThat(report.currency()).isEqualTo("USD");
        assertThat(report.byModel()).singleElement().satisfies(m -> {
            assertThat(m.model()).isEqualTo("gpt-4o-mini");
            assertThat(m.calls()).isEqualTo(2);
        });
        assertThat(report.byDay())
                .extracting(UsageReport.ByDay::date, UsageReport.ByDay::calls)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 27), 0L),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 28), 1L),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 29), 0L),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 30), 1L));
    }

    private static ModelReply reply(long input, long output) {
        return ModelReply.text("ok", Usage.reported(input, output), "gpt", "gpt-4o-mini");
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

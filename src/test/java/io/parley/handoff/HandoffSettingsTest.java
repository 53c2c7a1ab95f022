package io.parley.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffSettingsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final InMemoryHandoffSettingsStore store = new InMemoryHandoffSettingsStore();
    private final HandoffSettings settings = new HandoffSettings(store, clock);
    private final OrganizationId alpine = OrganizationId.generate();
    private final OrganizationId tiny = OrganizationId.generate();

    private static final BusinessHours BERLIN =
            BusinessHours.parse("Europe/Berlin", List.of(new DayHours("monday", "09:00", "17:00")), List.of());

    @Test
    void anOrganizationThatSetNothingIsAlwaysOpenWithTheDefaultTriggers() {
        assertThat(settings.hours(alpine)).isEqualTo(BusinessHours.ALWAYS);
        assertThat(settings.escalation(alpine)).isEqualTo(EscalationSettings.DEFAULT);
    }

    @Test
    void keepsWhatItReadForThirtySeconds() {
        store.saveHours(alpine, BERLIN, clock.instant());
        settings.hours(alpine);
        store.saveHours(alpine, BusinessHours.ALWAYS, clock.instant()); // behind its back, as another node would

        clock.advance(Duration.ofSeconds(29));
        assertThat(settings.hours(alpine)).isEqualTo(BERLIN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(settings.hours(alpine)).isEqualTo(BusinessHours.ALWAYS);
        assertThat(store.reads).isEqualTo(2);
    }

    @Test
    void forgetsWhatItHeldWhenTheSettingsChange() {
        settings.escalation(alpine);
        EscalationSettings quieter = new EscalationSettings(false, 0, 5, List.of("lawyer"), List.of("en", "de"));

        settings.saveEscalation(alpine, quieter);
        settings.saveHours(alpine, BERLIN);

        assertThat(settings.escalation(alpine)).isEqualTo(quieter);
        assertThat(settings.hours(alpine)).isEqualTo(BERLIN);
    }

    @Test
    void keepsEachOrganizationsSettingsApart() {
        settings.saveHours(alpine, BERLIN);
        settings.saveEscalation(alpine, new EscalationSettings(true, 1, 1, List.of("refund"), List.of()));

        assertThat(settings.hours(tiny)).isEqualTo(BusinessHours.ALWAYS);
        assertThat(settings.escalation(tiny)).isEqualTo(EscalationSettings.DEFAULT);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

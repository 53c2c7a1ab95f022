package io.parley.handoff.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.handoff.BusinessHours;
import io.parley.handoff.DayHours;
import io.parley.handoff.EscalationSettings;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Organizations' handoff settings on a real database; subclasses choose which. */
abstract class HandoffSettingsStoreContract {

    private TestDatabase database;
    private JdbcClient jdbc;
    private JdbcHandoffSettingsStore store;

    protected abstract TestDatabase database();

    @BeforeEach
    void open() {
        database = database();
        jdbc = JdbcClient.create(database.dataSource());
        store = new JdbcHandoffSettingsStore(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                JsonMapper.builder().build());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void keepsAndReplacesEachOrganizationsHours() {
        OrganizationId alpine = TestDatabases.newOrganization(jdbc);
        OrganizationId tiny = TestDatabases.newOrganization(jdbc);
        BusinessHours berlin = BusinessHours.parse(
                "Europe/Berlin",
                List.of(
                        new DayHours("monday", "09:00", "12:30"),
                        new DayHours("monday", "13:30", "17:30"),
                        new DayHours("saturday", "10:00", "24:00")),
                List.of("2026-12-25", "2026-12-26"));
        BusinessHours newYork =
                BusinessHours.parse("America/New_York", List.of(new DayHours("friday", "08:00", "16:00")), List.of());

        store.saveHours(alpine, BusinessHours.ALWAYS, Instant.now());
        store.saveHours(alpine, berlin, Instant.now());
        store.saveHours(tiny, newYork, Instant.now());

        assertThat(store.hours(alpine)).contains(berlin);
        assertThat(store.hours(tiny)).contains(newYork);
        assertThat(store.hours(OrganizationId.generate())).isEmpty();
    }

    @Test
    void keepsTheLongestScheduleAndHolidayList() {
        OrganizationId busy = TestDatabases.newOrganization(jdbc);
        List<DayHours> weekly = new ArrayList<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            for (String[] slot :
                    new String[][] {{"00:00", "06:00"}, {"06:00", "12:00"}, {"12:00", "18:00"}, {"18:00", "24:00"}}) {
                weekly.add(new DayHours(day, slot[0], slot[1]));
            }
        }
        List<String> holidays = new ArrayList<>();
        for (var d = java.time.LocalDate.parse("2026-01-01"); holidays.size() < 366; d = d.plusDays(1)) {
            holidays.add(d.toString());
        }
        BusinessHours full = BusinessHours.parse("America/Argentina/ComodRivadavia", weekly, holidays);

        store.saveHours(busy, full, Instant.now());

        assertThat(store.hours(busy)).contains(full);
    }

    @Test
    void keepsAndReplacesEachOrganizationsEscalationSettings() {
        OrganizationId alpine = TestDatabases.newOrganization(jdbc);
        OrganizationId tiny = TestDatabases.newOrganization(jdbc);
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // The worst case for the column: every character but the number needs escaping in JSON.
            String number = String.valueOf(i);
            keywords.add(number + "\"".repeat(EscalationSettings.MAX_KEYWORD_LENGTH - number.length()));
        }
        EscalationSettings many = new EscalationSettings(false, 20, 0, keywords, List.of("en", "de", "nl"));

        store.saveEscalation(alpine, EscalationSettings.DEFAULT, Instant.now());
        store.saveEscalation(alpine, many, Instant.now());
        store.saveEscalation(tiny, EscalationSettings.DEFAULT, Instant.now());

        assertThat(store.escalation(alpine)).contains(many);
        assertThat(store.escalation(tiny)).contains(EscalationSettings.DEFAULT);
        assertThat(store.escalation(OrganizationId.generate())).isEmpty();
    }
}

package io.parley.handoff.jdbc;

import io.parley.handoff.BusinessHours;
import io.parley.handoff.DayHours;
import io.parley.handoff.EscalationSettings;
import io.parley.handoff.HandoffSettingsStore;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link HandoffSettingsStore} on H2 or PostgreSQL; the lists are JSON text columns. */
public class JdbcHandoffSettingsStore implements HandoffSettingsStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<DayHours>> WEEKLY = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    public JdbcHandoffSettingsStore(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public Optional<BusinessHours> hours(OrganizationId organization) {
        return jdbc.sql("SELECT time_zone, weekly, holidays FROM organization_hours WHERE organization_id = ?")
                .param(organization.value())
                .query((rs, row) -> BusinessHours.parse(
                        rs.getString("time_zone"),
                        json.readValue(rs.getString("weekly"), WEEKLY),
                        json.readValue(rs.getString("holidays"), STRINGS)))
                .optional();
    }

    @Override
    public void saveHours(OrganizationId organization, BusinessHours hours, Instant at) {
        String weekly = json.writeValueAsString(hours.weeklyText());
        String holidays = json.writeValueAsString(
                hours.holidays().stream().map(LocalDate::toString).toList());
        upsert(
                "UPDATE organization_hours SET time_zone = ?, weekly = ?, holidays = ?, updated_at = ?"
                        + " WHERE organization_id = ?",
                "INSERT INTO organization_hours (time_zone, weekly, holidays, updated_at, organization_id)"
                        + " VALUES (?, ?, ?, ?, ?)",
                hours.timeZone().getId(),
                weekly,
                holidays,
                time(at),
                organization.value());
    }

    @Override
    public Optional<EscalationSettings> escalation(OrganizationId organization) {
        return jdbc.sql("SELECT ask_for_person, negative_turns, fallback_turns, keywords, languages"
                        + " FROM organization_escalation WHERE organization_id = ?")
                .param(organization.value())
                .query((rs, row) -> new EscalationSettings(
                        rs.getBoolean("ask_for_person"),
                        rs.getInt("negative_turns"),
                        rs.getInt("fallback_turns"),
                        json.readValue(rs.getString("keywords"), STRINGS),
                        json.readValue(rs.getString("languages"), STRINGS)))
                .optional();
    }

    @Override
    public void saveEscalation(OrganizationId organization, EscalationSettings settings, Instant at) {
        upsert(
                "UPDATE organization_escalation SET ask_for_person = ?, negative_turns = ?, fallback_turns = ?,"
                        + " keywords = ?, languages = ?, updated_at = ? WHERE organization_id = ?",
                "INSERT INTO organization_escalation (ask_for_person, negative_turns, fallback_turns, keywords,"
                        + " languages, updated_at, organization_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                settings.askForPerson(),
                settings.negativeTurns(),
                settings.fallbackTurns(),
                json.writeValueAsString(settings.keywords()),
                json.writeValueAsString(settings.languages()),
                time(at),
                organization.value());
    }

    /** Updates the row, or inserts it when there is none; both statements take the same parameters in order. */
    private void upsert(String update, String insert, Object... params) {
        transactions.executeWithoutResult(status -> {
            if (jdbc.sql(update).params(params).update() == 0) {
                jdbc.sql(insert).params(params).update();
            }
        });
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

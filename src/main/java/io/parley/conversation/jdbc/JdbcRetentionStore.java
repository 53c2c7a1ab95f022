package io.parley.conversation.jdbc;

import static io.parley.conversation.jdbc.JdbcTimes.time;

import io.parley.conversation.ConversationId;
import io.parley.conversation.RetentionStore;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retention periods and the job lease in the application's database (H2 or PostgreSQL). */
public final class JdbcRetentionStore implements RetentionStore {

    private final JdbcClient jdbc;

    public JdbcRetentionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Integer> days(OrganizationId organization) {
        return jdbc.sql("SELECT days FROM organization_retention WHERE organization_id = ?")
                .param(organization.value())
                .query((rs, n) -> {
                    int days = rs.getInt(1);
                    return rs.wasNull() ? Optional.<Integer>empty() : Optional.of(days);
                })
                .optional()
                .flatMap(d -> d);
    }

    @Override
    public void setDays(OrganizationId organization, Integer days, Instant at) {
        int updated = jdbc.sql("UPDATE organization_retention SET days = ?, updated_at = ? WHERE organization_id = ?")
                .params(days, time(at), organization.value())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO organization_retention (organization_id, days, updated_at) VALUES (?, ?, ?)")
                    .params(organization.value(), days, time(at))
                    .update();
        }
    }

    @Override
    public Map<OrganizationId, Integer> limited() {
        Map<OrganizationId, Integer> limited = new LinkedHashMap<>();
        jdbc.sql("SELECT organization_id, days FROM organization_retention WHERE days IS NOT NULL")
                .query(rs -> {
                    limited.put(new OrganizationId(rs.getString(1)), rs.getInt(2));
                });
        return limited;
    }

    @Override
    public List<ConversationId> olderThan(OrganizationId organization, Instant before, int limit) {
        return jdbc.sql("SELECT id FROM conversations WHERE organization_id = ? AND last_message_at < ?"
                        + " ORDER BY last_message_at LIMIT ?")
                .params(organization.value(), time(before), limit)
                .query((rs, n) -> new ConversationId(rs.getString(1)))
                .list();
    }

    @Override
    public boolean claim(String job, String node, Instant now, Instant until) {
        return jdbc.sql(
                                "UPDATE scheduled_jobs SET locked_until = ?, locked_by = ? WHERE name = ? AND locked_until <= ?")
                        .params(time(until), node, job, time(now))
                        .update()
                == 1;
    }

    @Override
    public void release(String job, String node, Instant now) {
        jdbc.sql("UPDATE scheduled_jobs SET locked_until = ? WHERE name = ? AND locked_by = ?")
                .params(time(now), job, node)
                .update();
    }
}

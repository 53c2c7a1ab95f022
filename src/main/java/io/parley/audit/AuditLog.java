package io.parley.audit;

import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An organization's audit log in the application's database: appended to, read, never changed. Other features record
 * through {@link #record} (the platform's own changes); members' changes are recorded by the audit filter.
 */
public final class AuditLog {

    /** The most entries one read returns. */
    public static final int MAX_PAGE = 1_000;

    private static final String COLUMNS = "id, organization_id, at, actor_id, actor, action, target, details, status";

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(AuditEntry e) {
        jdbc.sql("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        e.id(),
                        e.organization().value(),
                        e.at().atOffset(ZoneOffset.UTC),
                        e.actorId() == null ? null : e.actorId().value(),
                        e.actor(),
                        e.action(),
                        e.target(),
                        e.details(),
                        e.status())
                .update();
    }

    /**
     * The organization's entries, newest first, within {@code [from, to)} when given and by one actor (their email)
     * when given.
     */
    public List<AuditEntry> entries(
            OrganizationId organization,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String actor,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(organization.value()));
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND at < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        if (actor != null) {
            sql.append(" AND LOWER(actor) = LOWER(?)");
            params.add(actor);
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        params.add(Math.clamp(limit, 1, MAX_PAGE));
        return jdbc.sql(sql.toString()).params(params).query(ENTRY).list();
    }

    private static final RowMapper<AuditEntry> ENTRY = (rs, n) -> new AuditEntry(
            rs.getString("id"),
            new OrganizationId(rs.getString("organization_id")),
            instant(rs, "at"),
            rs.getString("actor_id") == null ? null : new MemberId(rs.getString("actor_id")),
            rs.getString("actor"),
            rs.getString("action"),
            rs.getString("target"),
            rs.getString("details"),
            rs.getInt("status"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}

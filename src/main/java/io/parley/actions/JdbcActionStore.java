package io.parley.actions;

import io.parley.llm.Tool;
import io.parley.tenant.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Actions in the {@code business_actions} table (H2 and PostgreSQL); the unique key decides a taken name. */
final class JdbcActionStore implements ActionStore {

    private static final String COLUMNS =
            "id, organization_id, name, description, parameters, kind, method, url, headers, created_at, updated_at";
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<StoredAction> rows = this::row;

    JdbcActionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void add(StoredAction a) {
        try {
            jdbc.sql("INSERT INTO business_actions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            a.id().value(),
                            a.organization().value(),
                            a.name(),
                            a.description(),
                            a.parameters(),
                            a.kind().name().toLowerCase(Locale.ROOT),
                            a.method(),
                            a.url(),
                            json.writeValueAsString(a.sealedHeaders()),
                            time(a.createdAt()),
                            time(a.updatedAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw InvalidActionException.nameTaken(a.name());
        }
    }

    @Override
    public boolean replace(StoredAction a) {
        try {
            return jdbc.sql("UPDATE business_actions SET name = ?, description = ?, parameters = ?, kind = ?,"
                                    + " method = ?, url = ?, headers = ?, updated_at = ?"
                                    + " WHERE id = ? AND organization_id = ?")
                            .params(
                                    a.name(),
                                    a.description(),
                                    a.parameters(),
                                    a.kind().name().toLowerCase(Locale.ROOT),
                                    a.method(),
                                    a.url(),
                                    json.writeValueAsString(a.sealedHeaders()),
                                    time(a.updatedAt()),
                                    a.id().value(),
                                    a.organization().value())
                            .update()
                    == 1;
        } catch (DuplicateKeyException e) {
            throw InvalidActionException.nameTaken(a.name());
        }
    }

    @Override
    public Optional<StoredAction> find(OrganizationId organization, ActionId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM business_actions WHERE id = ? AND organization_id = ?")
                .params(id.value(), organization.value())
                .query(rows)
                .optional();
    }

    @Override
    public Optional<StoredAction> findByName(OrganizationId organization, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM business_actions WHERE organization_id = ? AND name = ?")
                .params(organization.value(), name)
                .query(rows)
                .optional();
    }

    @Override
    public List<StoredAction> list(OrganizationId organization) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM business_actions WHERE organization_id = ? ORDER BY name")
                .param(organization.value())
                .query(rows)
                .list();
    }

    @Override
    public boolean delete(OrganizationId organization, ActionId id) {
        return jdbc.sql("DELETE FROM business_actions WHERE id = ? AND organization_id = ?")
                        .params(id.value(), organization.value())
                        .update()
                == 1;
    }

    private StoredAction row(ResultSet rs, int row) throws SQLException {
        Map<String, String> headers = json.readValue(rs.getString("headers"), HEADERS);
        return new StoredAction(
                new ActionId(rs.getString("id")),
                new OrganizationId(rs.getString("organization_id")),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("parameters"),
                Tool.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getString("method"),
                rs.getString("url"),
                headers,
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}

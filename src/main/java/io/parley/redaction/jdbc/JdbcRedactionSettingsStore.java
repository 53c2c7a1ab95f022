package io.parley.redaction.jdbc;

import io.parley.redaction.RedactionSettings;
import io.parley.redaction.RedactionSettingsStore;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link RedactionSettingsStore} on H2 or PostgreSQL: one row per organization that saved its settings. */
public class JdbcRedactionSettingsStore implements RedactionSettingsStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcRedactionSettingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public Optional<RedactionSettings> find(OrganizationId organization) {
        return jdbc.sql("SELECT before_model, in_stored_text FROM organization_redaction WHERE organization_id = ?")
                .param(organization.value())
                .query((rs, row) ->
                        new RedactionSettings(rs.getBoolean("before_model"), rs.getBoolean("in_stored_text")))
                .optional();
    }

    @Override
    public void save(OrganizationId organization, RedactionSettings settings, Instant at) {
        Object[] params = {
            settings.beforeModel(), settings.inStoredText(), at.atOffset(ZoneOffset.UTC), organization.value()
        };
        transactions.executeWithoutResult(status -> {
            if (jdbc.sql("UPDATE organization_redaction SET before_model = ?, in_stored_text = ?, updated_at = ?"
                                    + " WHERE organization_id = ?")
                            .params(params)
                            .update()
                    == 0) {
                jdbc.sql("INSERT INTO organization_redaction (before_model, in_stored_text, updated_at,"
                                + " organization_id) VALUES (?, ?, ?, ?)")
                        .params(params)
                        .update();
            }
        });
    }
}

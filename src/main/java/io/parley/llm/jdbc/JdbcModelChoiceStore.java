package io.parley.llm.jdbc;

import io.parley.llm.ModelChoice;
import io.parley.llm.ModelChoiceStore;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ModelChoiceStore} on H2 or PostgreSQL. The key column only ever holds sealed keys. */
public class JdbcModelChoiceStore implements ModelChoiceStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcModelChoiceStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public Optional<ModelChoice> find(OrganizationId organization) {
        return jdbc.sql("SELECT provider, model, sealed_api_key FROM organization_models WHERE organization_id = ?")
                .param(organization.value())
                .query((rs, row) -> new ModelChoice(
                        rs.getString("provider"), rs.getString("model"), rs.getString("sealed_api_key")))
                .optional();
    }

    @Override
    public void save(OrganizationId organization, ModelChoice choice, Instant at) {
        transactions.executeWithoutResult(status -> {
            int updated = jdbc.sql("UPDATE organization_models SET provider = ?, model = ?, sealed_api_key = ?,"
                            + " updated_at = ? WHERE organization_id = ?")
                    .params(choice.provider(), choice.model(), choice.sealedApiKey(), time(at), organization.value())
                    .update();
            if (updated == 0) {
                jdbc.sql(
                                "INSERT INTO organization_models (organization_id, provider, model, sealed_api_key, updated_at)"
                                        + " VALUES (?, ?, ?, ?, ?)")
                        .params(
                                organization.value(),
                                choice.provider(),
                                choice.model(),
                                choice.sealedApiKey(),
                                time(at))
                        .update();
            }
        });
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

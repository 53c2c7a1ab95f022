package io.parley.usage.jdbc;

import io.parley.llm.ModelReply;
import io.parley.tenant.OrganizationId;
import io.parley.usage.Budget;
import io.parley.usage.ModelCall;
import io.parley.usage.UsageStore;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link UsageStore} on H2 or PostgreSQL; ledger rows go in batches, reports are summed by the database. */
public class JdbcUsageStore implements UsageStore {

    private static final String CALL_COLUMNS = "id, organization_id, conversation_id, message_id, purpose, provider,"
            + " model, input_tokens, output_tokens, cached_input_tokens, estimated, cost, latency_ms, created_at";
    private static final String INSERT = "INSERT INTO model_calls (" + CALL_COLUMNS
            + ", created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;

    public JdbcUsageStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
    }

    @Override
    public void appendAll(List<ModelCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(calls.size());
        for (ModelCall c : calls) {
            rows.add(new Object[] {
                c.id(),
                c.organization().value(),
                c.conversationId(),
                c.messageId(),
                c.purpose().wireName(),
                c.provider(),
                c.model(),
                c.usage().inputTokens(),
                c.usage().outputTokens(),
                c.usage().cachedInputTokens(),
                c.usage().estimated(),
                c.cost(),
                c.latency().toMillis(),
                time(c.at()),
                c.at().atZone(ZoneOffset.UTC).toLocalDate()
            });
        }
        transactions.executeWithoutResult(status -> template.batchUpdate(INSERT, rows));
    }

    @Override
    public List<DailyUsage> daily(OrganizationId organization, Instant from, Instant to) {
        return jdbc.sql("SELECT created_on, provider, model, COUNT(*) AS calls, SUM(input_tokens) AS input_tokens,"
                        + " SUM(output_tokens) AS output_tokens, SUM(cost) AS cost FROM model_calls"
                        + " WHERE organization_id = ? AND created_at >= ? AND created_at < ?"
                        + " GROUP BY created_on, provider, model ORDER BY created_on, provider, model")
                .params(organization.value(), time(from), time(to))
                .query((rs, row) -> new DailyUsage(
                        rs.getObject("created_on", java.time.LocalDate.class),
                        rs.getString("provider"),
                        rs.getString("model"),
                        rs.getLong("calls"),
                        rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"),
                        rs.getBigDecimal("cost")))
                .list();
    }

    @Override
    public BigDecimal costSince(OrganizationId organization, Instant from) {
        return jdbc.sql("SELECT COALESCE(SUM(cost), 0) FROM model_calls WHERE organization_id = ? AND created_at >= ?")
                .params(organization.value(), time(from))
                .query(BigDecimal.class)
                .single();
    }

    @Override
    public Map<String, ModelCall> byMessage(OrganizationId organization, Collection<String> messageIds) {
        Map<String, ModelCall> found = new HashMap<>();
        if (messageIds.isEmpty()) {
            return found;
        }
        List<String> ids = List.copyOf(messageIds);
        // Chunked so that a long transcript never builds an unbounded IN list.
        for (int start = 0; start < ids.size(); start += 500) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + 500));
            jdbc.sql("SELECT " + CALL_COLUMNS + " FROM model_calls WHERE organization_id = :organization"
                            + " AND message_id IN (:ids)")
                    .param("organization", organization.value())
                    .param("ids", chunk)
                    .query(JdbcUsageStore::call)
                    .list()
                    .forEach(call -> found.put(call.messageId(), call));
        }
        return found;
    }

    @Override
    public Optional<Budget> budget(OrganizationId organization) {
        return jdbc.sql("SELECT monthly_limit, currency FROM organization_budgets WHERE organization_id = ?")
                .param(organization.value())
                .query((rs, row) -> new Budget(rs.getBigDecimal("monthly_limit"), rs.getString("currency")))
                .optional();
    }

    @Override
    public void saveBudget(OrganizationId organization, Budget budget, Instant at) {
        transactions.executeWithoutResult(status -> {
            if (budget == null) {
                jdbc.sql("DELETE FROM organization_budgets WHERE organization_id = ?")
                        .param(organization.value())
                        .update();
                return;
            }
            int updated = jdbc.sql("UPDATE organization_budgets SET monthly_limit = ?, currency = ?, updated_at = ?"
                            + " WHERE organization_id = ?")
                    .params(budget.monthlyLimit(), budget.currency(), time(at), organization.value())
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO organization_budgets (organization_id, monthly_limit, currency, updated_at)"
                                + " VALUES (?, ?, ?, ?)")
                        .params(organization.value(), budget.monthlyLimit(), budget.currency(), time(at))
                        .update();
            }
        });
    }

    private static ModelCall call(ResultSet rs, int row) throws SQLException {
        return new ModelCall(
                rs.getString("id"),
                new OrganizationId(rs.getString("organization_id")),
                rs.getString("conversation_id"),
                rs.getString("message_id"),
                ModelCall.Purpose.valueOf(rs.getString("purpose").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("provider"),
                rs.getString("model"),
                new ModelReply.Usage(
                        rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"),
                        rs.getLong("cached_input_tokens"),
                        rs.getBoolean("estimated")),
                rs.getBigDecimal("cost"),
                Duration.ofMillis(rs.getLong("latency_ms")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

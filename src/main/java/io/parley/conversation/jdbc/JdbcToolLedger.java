package io.parley.conversation.jdbc;

import static io.parley.conversation.jdbc.JdbcTimes.instant;
import static io.parley.conversation.jdbc.JdbcTimes.time;

import io.parley.conversation.ConversationId;
import io.parley.conversation.MessageId;
import io.parley.conversation.PendingConfirmation;
import io.parley.conversation.StoreUnavailableException;
import io.parley.conversation.ToolCallRecord;
import io.parley.conversation.ToolLedger;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The tool audit, open confirmations and customer binding in the application's database (H2 or PostgreSQL). */
public final class JdbcToolLedger implements ToolLedger {

    private static final String CALL_COLUMNS =
            "id, organization_id, conversation_id, customer, tool, kind, arguments, decision, result, error, at, question_id";
    private static final String CONFIRMATION_COLUMNS = "id, organization_id, conversation_id, question_id,"
            + " tool_call_id, tool, arguments, summary, turn, created_at";

    private final JdbcClient jdbc;

    public JdbcToolLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(ToolCallRecord c) {
        run(() -> jdbc.sql("INSERT INTO tool_calls (" + CALL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        c.id(),
                        c.organization().value(),
                        c.conversation().value(),
                        c.customer(),
                        c.tool(),
                        c.kind(),
                        c.arguments(),
                        c.decision() == null ? null : c.decision().wire(),
                        c.result(),
                        c.error(),
                        time(c.at()),
                        c.question() == null ? null : c.question().value())
                .update());
    }

    @Override
    public List<ToolCallRecord> calls(OrganizationId organization, ConversationId conversation, Instant since) {
        return run(() -> jdbc.sql("SELECT " + CALL_COLUMNS + " FROM tool_calls"
                        + " WHERE organization_id = ? AND conversation_id = ? AND at >= ? ORDER BY at, id")
                .params(organization.value(), conversation.value(), time(since))
                .query(CALL)
                .list());
    }

    @Override
    public void open(PendingConfirmation p) {
        run(() -> jdbc.sql("INSERT INTO tool_confirmations (" + CONFIRMATION_COLUMNS
                        + ", state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')")
                .params(
                        p.id(),
                        p.organization().value(),
                        p.conversation().value(),
                        p.question().value(),
                        p.toolCallId(),
                        p.tool(),
                        p.arguments(),
                        p.summary(),
                        p.turn(),
                        time(p.createdAt()))
                .update());
    }

    @Override
    public List<PendingConfirmation> open(OrganizationId organization, ConversationId conversation) {
        return run(() -> jdbc.sql("SELECT " + CONFIRMATION_COLUMNS + " FROM tool_confirmations"
                        + " WHERE organization_id = ? AND conversation_id = ? AND state = 'open' ORDER BY created_at")
                .params(organization.value(), conversation.value())
                .query(CONFIRMATION)
                .list());
    }

    @Override
    public Optional<PendingConfirmation> decide(
            OrganizationId organization, ConversationId conversation, String id, Decision decision, Instant at) {
        return run(() -> {
            // The conditional update is the single use: of two decisions racing (two tabs, two nodes), one wins.
            int changed = jdbc.sql("UPDATE tool_confirmations SET state = ?, decided_at = ?"
                            + " WHERE id = ? AND organization_id = ? AND conversation_id = ? AND state = 'open'")
                    .params(decision.wire(), time(at), id, organization.value(), conversation.value())
                    .update();
            if (changed == 0) {
                return Optional.<PendingConfirmation>empty();
            }
            return jdbc.sql("SELECT " + CONFIRMATION_COLUMNS + " FROM tool_confirmations WHERE id = ?")
                    .params(id)
                    .query(CONFIRMATION)
                    .optional();
        });
    }

    @Override
    public int expireOpen(OrganizationId organization, ConversationId conversation, Instant at) {
        return run(() -> jdbc.sql("UPDATE tool_confirmations SET state = 'expired', decided_at = ?"
                        + " WHERE organization_id = ? AND conversation_id = ? AND state = 'open'")
                .params(time(at), organization.value(), conversation.value())
                .update());
    }

    @Override
    public String bind(OrganizationId organization, ConversationId conversation, String customer) {
        return run(() -> {
            jdbc.sql("UPDATE conversations SET identified_customer = ?"
                            + " WHERE organization_id = ? AND id = ? AND identified_customer IS NULL")
                    .params(customer, organization.value(), conversation.value())
                    .update();
            return identified(organization, conversation).orElse(customer);
        });
    }

    @Override
    public Optional<String> identified(OrganizationId organization, ConversationId conversation) {
        return run(() -> jdbc.sql("SELECT identified_customer FROM conversations WHERE organization_id = ? AND id = ?")
                .params(organization.value(), conversation.value())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(o -> o));
    }

    private static final RowMapper<ToolCallRecord> CALL = (rs, n) -> new ToolCallRecord(
            rs.getString("id"),
            new OrganizationId(rs.getString("organization_id")),
            new ConversationId(rs.getString("conversation_id")),
            rs.getString("customer"),
            rs.getString("tool"),
            rs.getString("kind"),
            rs.getString("arguments"),
            rs.getString("decision") == null
                    ? null
                    : Decision.valueOf(rs.getString("decision").toUpperCase(Locale.ROOT)),
            rs.getString("result"),
            rs.getString("error"),
            instant(rs, "at"),
            rs.getString("question_id") == null ? null : new MessageId(rs.getString("question_id")));

    private static final RowMapper<PendingConfirmation> CONFIRMATION = (rs, n) -> new PendingConfirmation(
            rs.getString("id"),
            new OrganizationId(rs.getString("organization_id")),
            new ConversationId(rs.getString("conversation_id")),
            new MessageId(rs.getString("question_id")),
            rs.getString("tool_call_id"),
            rs.getString("tool"),
            rs.getString("arguments"),
            rs.getString("summary"),
            rs.getString("turn"),
            instant(rs, "created_at"));

    private static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            throw new StoreUnavailableException("the tool ledger failed", e);
        }
    }

    private static void run(Runnable call) {
        run(() -> {
            call.run();
            return null;
        });
    }
}

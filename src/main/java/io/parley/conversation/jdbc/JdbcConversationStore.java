package io.parley.conversation.jdbc;

import static io.parley.conversation.jdbc.JdbcTimes.instant;
import static io.parley.conversation.jdbc.JdbcTimes.time;

import io.parley.conversation.Actor;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationRating;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.ConversationStore;
import io.parley.conversation.Customer;
import io.parley.conversation.Feedback;
import io.parley.conversation.HistorySummary;
import io.parley.conversation.Message;
import io.parley.conversation.MessageAuthor;
import io.parley.conversation.MessageId;
import io.parley.conversation.MessageRole;
import io.parley.conversation.Note;
import io.parley.conversation.StatusChange;
import io.parley.conversation.StoreConflictException;
import io.parley.conversation.StoreUnavailableException;
import io.parley.conversation.VisitorId;
import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ConversationStore} on H2 or PostgreSQL with plain SQL; appends are one batched transaction. */
public class JdbcConversationStore implements ConversationStore {

    private static final String MESSAGE_COLUMNS = "id, organization_id, conversation_id, seq, role, content,"
            + " client_message_id, reply_to, prompt_version, model, created_at, author_id, author_name, sentiment,"
            + " citations";
    private static final String CONVERSATION_COLUMNS = "id, organization_id, visitor_id, customer_id, customer_email,"
            + " customer_name, status, started_at, last_message_at, message_count, assigned_to";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;

    public JdbcConversationStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
    }

    @Override
    public void create(Conversation c) {
        run(() -> jdbc.sql("INSERT INTO conversations (" + CONVERSATION_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        c.id().value(),
                        c.organization().value(),
                        c.visitor().value(),
                        c.customer() == null ? null : c.customer().id(),
                        c.customer() == null ? null : c.customer().email(),
                        c.customer() == null ? null : c.customer().name(),
                        c.status().wireName(),
                        time(c.startedAt()),
                        time(c.lastMessageAt()),
                        c.messageCount(),
                        c.assignee() == null ? null : c.assignee().value())
                .update());
    }

    @Override
    public Optional<Conversation> find(OrganizationId organization, ConversationId id) {
        return run(() -> jdbc.sql(
                        "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id.value())
                .query(CONVERSATION)
                .optional());
    }

    @Override
    public Optional<Conversation> latestOpenOfVisitor(OrganizationId organization, VisitorId visitor) {
        return run(() -> jdbc.sql("SELECT " + CONVERSATION_COLUMNS + " FROM conversations"
                        + " WHERE organization_id = ? AND visitor_id = ? AND customer_id IS NULL AND status <> 'resolved'"
                        + " ORDER BY started_at DESC LIMIT 1")
                .params(organization.value(), visitor.value())
                .query(CONVERSATION)
                .optional());
    }

    @Override
    public Optional<Conversation> latestOpenOfCustomer(OrganizationId organization, String customerId) {
        return run(() -> jdbc.sql("SELECT " + CONVERSATION_COLUMNS + " FROM conversations"
                        + " WHERE organization_id = ? AND customer_id = ? AND status <> 'resolved'"
                        + " ORDER BY started_at DESC LIMIT 1")
                .params(organization.value(), customerId)
                .query(CONVERSATION)
                .optional());
    }

    @Override
    public List<Message> messagesAfter(OrganizationId organization, ConversationId id, long afterSeq, int limit) {
        return run(() -> jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM messages"
                        + " WHERE conversation_id = ? AND organization_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                .params(id.value(), organization.value(), afterSeq, limit)
                .query(MESSAGE)
                .list());
    }

    @Override
    public List<Message> latestMessages(OrganizationId organization, ConversationId id, int limit) {
        List<Message> newestFirst = run(() -> jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM messages"
                        + " WHERE conversation_id = ? AND organization_id = ? ORDER BY seq DESC LIMIT ?")
                .params(id.value(), organization.value(), limit)
                .query(MESSAGE)
                .list());
        return newestFirst.reversed();
    }

    @Override
    public Optional<Message> messageByClientId(OrganizationId organization, ConversationId id, String clientMessageId) {
        return run(() -> jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM messages"
                        + " WHERE conversation_id = ? AND organization_id = ? AND client_message_id = ?")
                .params(id.value(), organization.value(), clientMessageId)
                .query(MESSAGE)
                .optional());
    }

    @Override
    public Set<String> clientMessageIds(OrganizationId organization, ConversationId id) {
        return run(() -> new HashSet<>(jdbc.sql("SELECT client_message_id FROM messages"
                        + " WHERE conversation_id = ? AND organization_id = ? AND client_message_id IS NOT NULL")
                .params(id.value(), organization.value())
                .query(String.class)
                .list()));
    }

    @Override
    public Optional<Message> message(OrganizationId organization, MessageId id) {
        return run(() -> jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE id = ? AND organization_id = ?")
                .params(id.value(), organization.value())
                .query(MESSAGE)
                .optional());
    }

    @Override
    public Optional<Message> replyTo(OrganizationId organization, ConversationId conversation, MessageId question) {
        return run(() -> jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM messages"
                        + " WHERE conversation_id = ? AND organization_id = ? AND reply_to = ? ORDER BY seq LIMIT 1")
                .params(conversation.value(), organization.value(), question.value())
                .query(MESSAGE)
                .optional());
    }

    @Override
    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Map<ConversationId, Message> newestByConversation = new LinkedHashMap<>();
        messages.forEach(m -> newestByConversation.merge(m.conversation(), m, (a, b) -> b.seq() > a.seq() ? b : a));
        List<Object[]> rows = new ArrayList<>(messages.size());
        for (Message m : messages) {
            rows.add(new Object[] {
                m.id().value(),
                m.organization().value(),
                m.conversation().value(),
                m.seq(),
                m.role().wireName(),
                m.content(),
                m.clientMessageId(),
                m.replyTo() == null ? null : m.replyTo().value(),
                m.promptVersion(),
                m.model(),
                time(m.createdAt()),
                m.author() == null ? null : m.author().id().value(),
                m.author() == null ? null : m.author().name(),
                m.sentiment(),
                CitationsJson.write(m.citations())
            });
        }
        List<Object[]> counts = newestByConversation.values().stream()
                .map(m -> new Object[] {
                    m.seq(), time(m.createdAt()), m.conversation().value(), m.seq()
                })
                .toList();
        run(() -> transactions.executeWithoutResult(status -> {
            template.batchUpdate(
                    "INSERT INTO messages (" + MESSAGE_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows);
            template.batchUpdate(
                    "UPDATE conversations SET message_count = ?, last_message_at = ? WHERE id = ? AND message_count < ?",
                    counts);
        }));
    }

    @Override
    public ConversationPage list(OrganizationId organization, ConversationStatus status, int page, int size) {
        // A conversation nobody wrote in yet (a chat window opened and left) is not one to show.
        String filter = " AND message_count > 0" + (status == null ? "" : " AND status = ?");
        List<Object> params = new ArrayList<>(List.of(organization.value()));
        if (status != null) {
            params.add(status.wireName());
        }
        long total = run(() -> jdbc.sql("SELECT COUNT(*) FROM conversations WHERE organization_id = ?" + filter)
                .params(params)
                .query(Long.class)
                .single());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Conversation> items =
                run(() -> jdbc.sql("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE organization_id = ?"
                                + filter + " ORDER BY last_message_at DESC, id LIMIT ? OFFSET ?")
                        .params(pageParams)
                        .query(CONVERSATION)
                        .list());
        return new ConversationPage(items, total);
    }

    @Override
    public void saveFeedback(OrganizationId organization, MessageId message, Feedback feedback) {
        run(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM message_feedback WHERE message_id = ? AND organization_id = ?")
                    .params(message.value(), organization.value())
                    .update();
            jdbc.sql("INSERT INTO message_feedback (message_id, organization_id, rating, comment, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(
                            message.value(),
                            organization.value(),
                            feedback.rating().name().toLowerCase(java.util.Locale.ROOT),
                            feedback.comment(),
                            time(feedback.at()))
                    .update();
        }));
    }

    @Override
    public Map<MessageId, Feedback> feedback(OrganizationId organization, ConversationId conversation) {
        Map<MessageId, Feedback> byMessage = new LinkedHashMap<>();
        run(() -> jdbc.sql("SELECT f.message_id, f.rating, f.comment, f.created_at FROM message_feedback f"
                        + " JOIN messages m ON m.id = f.message_id"
                        + " WHERE m.conversation_id = ? AND f.organization_id = ?")
                .params(conversation.value(), organization.value())
                .query(rs -> {
                    byMessage.put(
                            new MessageId(rs.getString("message_id")),
                            new Feedback(
                                    Feedback.Rating.valueOf(
                                            rs.getString("rating").toUpperCase(java.util.Locale.ROOT)),
                                    rs.getString("comment"),
                                    instant(rs, "created_at")));
                }));
        return byMessage;
    }

    @Override
    public Optional<HistorySummary> summary(OrganizationId organization, ConversationId conversation) {
        return run(() -> jdbc.sql("SELECT through_seq, summary, updated_at FROM conversation_summaries"
                        + " WHERE organization_id = ? AND conversation_id = ?")
                .params(organization.value(), conversation.value())
                .query((rs, row) -> new HistorySummary(
                        rs.getLong("through_seq"), rs.getString("summary"), instant(rs, "updated_at")))
                .optional());
    }

    @Override
    public void saveSummary(OrganizationId organization, ConversationId conversation, HistorySummary summary) {
        run(() -> transactions.executeWithoutResult(status -> {
            int updated = jdbc.sql("UPDATE conversation_summaries SET through_seq = ?, summary = ?, updated_at = ?"
                            + " WHERE organization_id = ? AND conversation_id = ? AND through_seq < ?")
                    .params(
                            summary.throughSeq(),
                            summary.text(),
                            time(summary.at()),
                            organization.value(),
                            conversation.value(),
                            summary.throughSeq())
                    .update();
            if (updated == 0
                    && jdbc.sql("SELECT COUNT(*) FROM conversation_summaries WHERE conversation_id = ?")
                                    .param(conversation.value())
                                    .query(Long.class)
                                    .single()
                            == 0) {
                jdbc.sql("INSERT INTO conversation_summaries (conversation_id, organization_id, through_seq, summary,"
                                + " updated_at) VALUES (?, ?, ?, ?, ?)")
                        .params(
                                conversation.value(),
                                organization.value(),
                                summary.throughSeq(),
                                summary.text(),
                                time(summary.at()))
                        .update();
            }
        }));
    }

    @Override
    public int deleteEmpty(Instant before, Set<ConversationId> keep, int limit) {
        return run(() -> {
            List<String> candidates = jdbc
                    .sql("SELECT id FROM conversations WHERE message_count = 0 AND started_at < ? ORDER BY started_at"
                            + " LIMIT ?")
                    .params(time(before), limit + keep.size())
                    .query(String.class)
                    .list()
                    .stream()
                    .filter(id -> !keep.contains(new ConversationId(id)))
                    .limit(limit)
                    .toList();
            int deleted = 0;
            for (String id : candidates) {
                // Still empty at the moment of deleting: a first message that just arrived keeps it.
                deleted += jdbc.sql("DELETE FROM conversations WHERE id = ? AND message_count = 0")
                        .param(id)
                        .update();
            }
            return deleted;
        });
    }

    @Override
    public void saveStatusChange(StatusChange c) {
        run(() -> transactions.executeWithoutResult(status -> {
            int updated = jdbc.sql("UPDATE conversations SET status = ?, assigned_to = ?"
                            + " WHERE id = ? AND organization_id = ?")
                    .params(
                            c.to().wireName(),
                            c.assignee() == null ? null : c.assignee().value(),
                            c.conversation().value(),
                            c.organization().value())
                    .update();
            if (updated != 1) {
                throw new StoreConflictException("no such conversation", null);
            }
            jdbc.sql("INSERT INTO conversation_status_changes (id, conversation_id, organization_id, from_status,"
                            + " to_status, reason, detail, actor, actor_name, assigned_to, changed_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            c.id(),
                            c.conversation().value(),
                            c.organization().value(),
                            c.from().wireName(),
                            c.to().wireName(),
                            c.reason(),
                            c.detail(),
                            c.actor().id(),
                            c.actor().name(),
                            c.assignee() == null ? null : c.assignee().value(),
                            time(c.at()))
                    .update();
        }));
    }

    @Override
    public List<StatusChange> statusChanges(OrganizationId organization, ConversationId conversation) {
        return run(() -> jdbc.sql("SELECT * FROM conversation_status_changes"
                        + " WHERE conversation_id = ? AND organization_id = ? ORDER BY changed_at, id")
                .params(conversation.value(), organization.value())
                .query((rs, row) -> new StatusChange(
                        rs.getString("id"),
                        organization,
                        conversation,
                        ConversationStatus.fromWireName(rs.getString("from_status"))
                                .orElseThrow(),
                        ConversationStatus.fromWireName(rs.getString("to_status"))
                                .orElseThrow(),
                        rs.getString("reason"),
                        rs.getString("detail"),
                        new Actor(rs.getString("actor"), rs.getString("actor_name")),
                        rs.getString("assigned_to") == null ? null : new MemberId(rs.getString("assigned_to")),
                        instant(rs, "changed_at")))
                .list());
    }

    @Override
    public List<Conversation> withPeople(OrganizationId organization, int limit) {
        return run(() -> jdbc.sql("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE organization_id = ?"
                        + " AND status IN ('waiting_for_agent', 'agent') ORDER BY last_message_at, id LIMIT ?")
                .params(organization.value(), limit)
                .query(CONVERSATION)
                .list());
    }

    @Override
    public List<Conversation> earlierOf(OrganizationId organization, Conversation c, int limit) {
        String who = c.customer() != null ? "customer_id = ?" : "visitor_id = ? AND customer_id IS NULL";
        Object key = c.customer() != null ? c.customer().id() : c.visitor().value();
        return run(() -> jdbc.sql("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE organization_id = ?"
                        + " AND " + who + " AND id <> ? AND message_count > 0 ORDER BY started_at DESC LIMIT ?")
                .params(organization.value(), key, c.id().value(), limit)
                .query(CONVERSATION)
                .list());
    }

    @Override
    public void saveNote(Note n) {
        run(() -> jdbc.sql("INSERT INTO conversation_notes (id, conversation_id, organization_id, author_id,"
                        + " author_name, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        n.id(),
                        n.conversation().value(),
                        n.organization().value(),
                        n.author().id().value(),
                        n.author().name(),
                        n.content(),
                        time(n.createdAt()))
                .update());
    }

    @Override
    public List<Note> notes(OrganizationId organization, ConversationId conversation) {
        return run(() -> jdbc.sql("SELECT * FROM conversation_notes WHERE conversation_id = ? AND organization_id = ?"
                        + " ORDER BY created_at, id")
                .params(conversation.value(), organization.value())
                .query((rs, row) -> new Note(
                        rs.getString("id"),
                        organization,
                        conversation,
                        new MessageAuthor(new MemberId(rs.getString("author_id")), rs.getString("author_name")),
                        rs.getString("content"),
                        instant(rs, "created_at")))
                .list());
    }

    @Override
    public void saveRating(OrganizationId organization, ConversationId conversation, ConversationRating rating) {
        run(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM conversation_ratings WHERE conversation_id = ? AND organization_id = ?")
                    .params(conversation.value(), organization.value())
                    .update();
            jdbc.sql("INSERT INTO conversation_ratings (conversation_id, organization_id, score, comment, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(
                            conversation.value(),
                            organization.value(),
                            rating.score(),
                            rating.comment(),
                            time(rating.at()))
                    .update();
        }));
    }

    @Override
    public Optional<ConversationRating> rating(OrganizationId organization, ConversationId conversation) {
        return run(() -> jdbc.sql("SELECT score, comment, created_at FROM conversation_ratings"
                        + " WHERE conversation_id = ? AND organization_id = ?")
                .params(conversation.value(), organization.value())
                .query((rs, row) ->
                        new ConversationRating(rs.getInt("score"), rs.getString("comment"), instant(rs, "created_at")))
                .optional());
    }

    @Override
    public void saveContact(OrganizationId organization, ConversationId conversation, String email) {
        run(() -> jdbc.sql("UPDATE conversations SET contact_email = ? WHERE id = ? AND organization_id = ?")
                .params(email, conversation.value(), organization.value())
                .update());
    }

    @Override
    public Optional<String> contact(OrganizationId organization, ConversationId conversation) {
        return run(() -> jdbc.sql("SELECT contact_email FROM conversations WHERE id = ? AND organization_id = ?")
                .params(conversation.value(), organization.value())
                .query(String.class)
                .optional());
    }

    private static final RowMapper<Message> MESSAGE = (rs, row) -> new Message(
            new MessageId(rs.getString("id")),
            new OrganizationId(rs.getString("organization_id")),
            new ConversationId(rs.getString("conversation_id")),
            rs.getLong("seq"),
            MessageRole.valueOf(rs.getString("role").toUpperCase(java.util.Locale.ROOT)),
            rs.getString("content"),
            instant(rs, "created_at"),
            rs.getString("client_message_id"),
            rs.getString("reply_to") == null ? null : new MessageId(rs.getString("reply_to")),
            (Integer) rs.getObject("prompt_version", Integer.class),
            rs.getString("model"),
            CitationsJson.read(rs.getString("citations")),
            rs.getString("author_id") == null
                    ? null
                    : new MessageAuthor(new MemberId(rs.getString("author_id")), rs.getString("author_name")),
            (Double) rs.getObject("sentiment", Double.class));

    private static final RowMapper<Conversation> CONVERSATION = (rs, row) -> new Conversation(
            new ConversationId(rs.getString("id")),
            new OrganizationId(rs.getString("organization_id")),
            new VisitorId(rs.getString("visitor_id")),
            rs.getString("customer_id") == null
                    ? null
                    : new Customer(
                            rs.getString("customer_id"), rs.getString("customer_email"), rs.getString("customer_name")),
            ConversationStatus.fromWireName(rs.getString("status")).orElseThrow(),
            instant(rs, "started_at"),
            instant(rs, "last_message_at"),
            rs.getLong("message_count"),
            rs.getString("assigned_to") == null ? null : new MemberId(rs.getString("assigned_to")));

    /** Maps the database's failures once: integrity violations can never succeed, everything else may pass. */
    private static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (DuplicateKeyException e) {
            throw new StoreConflictException("a stored message already holds this place", e);
        } catch (DataIntegrityViolationException e) {
            throw new StoreConflictException("the database refused the message as it is", e);
        } catch (DataAccessException | TransactionException e) {
            throw new StoreUnavailableException("the conversation store failed", e);
        }
    }

    private static void run(Runnable call) {
        run(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public List<Conversation> ofCustomer(OrganizationId organization, String customerOrVisitor) {
        return run(() -> jdbc.sql("SELECT " + CONVERSATION_COLUMNS + " FROM conversations"
                        + " WHERE organization_id = ? AND (customer_id = ? OR visitor_id = ?) ORDER BY started_at")
                .params(organization.value(), customerOrVisitor, customerOrVisitor)
                .query(CONVERSATION)
                .list());
    }

    /** Every table the engine keeps a conversation's data in, children first. */
    private static final List<String> ERASED_BY_CONVERSATION = List.of(
            "DELETE FROM message_feedback WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)",
            "DELETE FROM messages WHERE conversation_id = ?",
            "DELETE FROM conversation_summaries WHERE conversation_id = ?",
            "DELETE FROM conversation_status_changes WHERE conversation_id = ?",
            "DELETE FROM conversation_notes WHERE conversation_id = ?",
            "DELETE FROM conversation_ratings WHERE conversation_id = ?",
            "DELETE FROM tool_calls WHERE conversation_id = ?",
            "DELETE FROM tool_confirmations WHERE conversation_id = ?");

    @Override
    public int erase(OrganizationId organization, List<ConversationId> conversations) {
        return run(() -> transactions.execute(status -> {
            int erased = 0;
            for (ConversationId id : conversations) {
                boolean ours = jdbc.sql("SELECT COUNT(*) FROM conversations WHERE id = ? AND organization_id = ?")
                                .params(id.value(), organization.value())
                                .query(Integer.class)
                                .single()
                        == 1;
                if (!ours) {
                    continue;
                }
                for (String delete : ERASED_BY_CONVERSATION) {
                    jdbc.sql(delete).param(id.value()).update();
                }
                erased += jdbc.sql("DELETE FROM conversations WHERE id = ? AND organization_id = ?")
                        .params(id.value(), organization.value())
                        .update();
            }
            return erased;
        }));
    }
}

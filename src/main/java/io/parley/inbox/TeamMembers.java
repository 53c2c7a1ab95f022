package io.parley.inbox;

import io.parley.conversation.MessageAuthor;
import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The organization's members as the inbox shows them: by the name customers see. Names are cached briefly (a renamed
 * member shows under the new name within a minute). Thread-safe.
 */
@Component
public class TeamMembers {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Map<MemberId, Cached> names = new ConcurrentHashMap<>();

    private record Cached(OrganizationId organization, MessageAuthor author, long at) {}

    public TeamMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The member of the organization as an author of messages, or empty when no such member is in it. */
    public Optional<MessageAuthor> author(OrganizationId organization, MemberId member) {
        Cached cached = names.get(member);
        if (cached != null && System.nanoTime() - cached.at() < KEEP.toNanos()) {
            return cached.organization().equals(organization) ? Optional.of(cached.author()) : Optional.empty();
        }
        Optional<MessageAuthor> found = jdbc.sql("SELECT id, name FROM members WHERE id = ? AND organization_id = ?")
                .params(member.value(), organization.value())
                .query((rs, row) -> new MessageAuthor(new MemberId(rs.getString("id")), rs.getString("name")))
                .optional();
        found.ifPresent(author -> names.put(member, new Cached(organization, author, System.nanoTime())));
        return found;
    }

    /** Every member of the organization, by name. */
    public List<MessageAuthor> all(OrganizationId organization) {
        return jdbc.sql("SELECT id, name FROM members WHERE organization_id = ? ORDER BY name, email")
                .param(organization.value())
                .query((rs, row) -> new MessageAuthor(new MemberId(rs.getString("id")), rs.getString("name")))
                .list();
    }
}

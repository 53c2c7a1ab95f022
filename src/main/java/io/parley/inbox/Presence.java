package io.parley.inbox;

import io.parley.conversation.MessageAuthor;
import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Who of each organization's team is online: members with the inbox open (a {@code /ws/agent} connection). Those
 * connected get told when it changes.
 *
 * <p>This node's memory only: with several nodes each would count its own connections, and presence would have to be
 * shared (a key per member with a short expiry in Redis, refreshed while connected). Thread-safe.
 */
@Component
public class Presence {

    private final Map<OrganizationId, Map<MemberId, Online>> online = new ConcurrentHashMap<>();
    private final Map<OrganizationId, List<Consumer<List<MessageAuthor>>>> watchers = new ConcurrentHashMap<>();

    private record Online(MessageAuthor member, int connections) {}

    /** A member opened the inbox; returns how to tell when they leave. */
    public Runnable join(OrganizationId organization, MessageAuthor member, Consumer<List<MessageAuthor>> watcher) {
        watchers.compute(organization, (id, list) -> {
            List<Consumer<List<MessageAuthor>>> all = list == null ? new CopyOnWriteArrayList<>() : list;
            all.add(watcher);
            return all;
        });
        online.computeIfAbsent(organization, id -> new ConcurrentHashMap<>())
                .merge(member.id(), new Online(member, 1), (a, b) -> new Online(b.member(), a.connections() + 1));
        announce(organization);
        return () -> {
            watchers.computeIfPresent(organization, (id, list) -> {
                list.remove(watcher);
                return list.isEmpty() ? null : list;
            });
            online.computeIfPresent(organization, (id, members) -> {
                members.computeIfPresent(
                        member.id(),
                        (m, o) -> o.connections() <= 1 ? null : new Online(o.member(), o.connections() - 1));
                return members.isEmpty() ? null : members;
            });
            announce(organization);
        };
    }

    /** The members online now, by name. */
    public List<MessageAuthor> online(OrganizationId organization) {
        Map<MemberId, Online> members = online.get(organization);
        if (members == null) {
            return List.of();
        }
        return members.values().stream()
                .map(Online::member)
                .sorted(Comparator.comparing(MessageAuthor::name))
                .toList();
    }

    /** Whether anyone of the organization's team has the inbox open. */
    public boolean anyoneOnline(OrganizationId organization) {
        Map<MemberId, Online> members = online.get(organization);
        return members != null && !members.isEmpty();
    }

    private void announce(OrganizationId organization) {
        List<MessageAuthor> now = online(organization);
        List<Consumer<List<MessageAuthor>>> list = watchers.get(organization);
        if (list != null) {
            list.forEach(w -> w.accept(now));
        }
    }
}

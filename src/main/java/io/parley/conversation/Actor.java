package io.parley.conversation;

import io.parley.tenant.MemberId;
import java.util.Objects;

/**
 * Who changed a conversation: a member (by id, with their display name), or one of the parties that are not members.
 *
 * @param id a member's id, or {@code customer}, {@code assistant}, {@code platform}
 * @param name a member's display name; null for the others
 */
public record Actor(String id, String name) {

    public static final Actor CUSTOMER = new Actor("customer", null);
    /** The assistant itself, e.g. when the model calls {@code transfer_to_human}. */
    public static final Actor ASSISTANT = new Actor("assistant", null);
    /** Parley's own rules, e.g. an escalation trigger. */
    public static final Actor PLATFORM = new Actor("platform", null);

    public Actor {
        Objects.requireNonNull(id, "id");
    }

    public static Actor member(MemberId member, String name) {
        return new Actor(member.value(), Objects.requireNonNull(name, "name"));
    }

    public static Actor member(MessageAuthor author) {
        return member(author.id(), author.name());
    }

    public boolean isMember() {
        return name != null;
    }
}

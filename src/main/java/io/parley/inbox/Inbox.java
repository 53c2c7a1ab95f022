package io.parley.inbox;

import io.parley.conversation.Actor;
import io.parley.conversation.ChatEngine;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationNotFoundException;
import io.parley.conversation.Message;
import io.parley.conversation.MessageAuthor;
import io.parley.conversation.MessageRole;
import io.parley.conversation.SendRejectedException;
import io.parley.tenant.MemberId;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * The team's work on conversations, for the REST API and {@code /ws/agent} alike: the queue, a conversation with the
 * customer's context, and claiming, assigning, replying, notes, handing back and resolving. Every call is about the
 * signed-in member's own organization; another organization's conversation is "not found".
 */
@Component
public class Inbox {

    /** The most conversations the queue lists; more waiting than this is a sign to staff up, not to scroll. */
    public static final int QUEUE_LIMIT = 1_000;

    private static final Duration STORED_WITHIN = Duration.ofSeconds(10);

    private final ChatEngine engine;
    private final TeamMembers members;
    private final Presence presence;

    public Inbox(ChatEngine engine, TeamMembers members, Presence presence) {
        this.engine = engine;
        this.members = members;
        this.presence = presence;
    }

    /** The conversations waiting for a person or with one, the longest quiet first. */
    public List<InboxViews.Item> queue(SignedInMember member) {
        return engine.withPeople(member.organization(), QUEUE_LIMIT).stream()
                .map(c -> item(member, c))
                .toList();
    }

    public InboxViews.Item item(SignedInMember member, Conversation c) {
        return InboxViews.Item.of(
                c,
                c.assignee() == null
                        ? null
                        : members.author(member.organization(), c.assignee())
                                .map(InboxViews.Member::of)
                                .orElse(null));
    }

    public List<InboxViews.Member> online(SignedInMember member) {
        return presence.online(member.organization()).stream()
                .map(InboxViews.Member::of)
                .toList();
    }

    public List<InboxViews.Member> team(SignedInMember member) {
        return members.all(member.organization()).stream()
                .map(InboxViews.Member::of)
                .toList();
    }

    /** One conversation with its messages, notes, history and the customer's context. */
    public InboxViews.Detail open(SignedInMember member, ConversationId id) {
        Conversation c = engine.find(member.organization(), id).orElseThrow(Inbox::notFound);
        List<Message> messages = engine.messages(member.organization(), id).orElseThrow(Inbox::notFound);
        double[] sentiments = messages.stream()
                .filter(m -> m.role() == MessageRole.CUSTOMER && m.sentiment() != null)
                .mapToDouble(Message::sentiment)
                .toArray();
        Double average = sentiments.length == 0
                ? null
                : java.util.Arrays.stream(sentiments).average().orElse(0);
        InboxViews.Context context = new InboxViews.Context(
                c.customer() == null
                        ? null
                        : new InboxViews.Person(
                                c.customer().id(),
                                c.customer().email(),
                                c.customer().name()),
                c.visitor().value(),
                engine.earlierOf(member.organization(), id, 10).stream()
                        .map(e -> item(member, e))
                        .toList(),
                engine.contact(member.organization(), id).orElse(null),
                InboxViews.Rating.of(engine.rating(member.organization(), id).orElse(null)),
                average,
                average == null ? null : InboxViews.mood(average));
        return new InboxViews.Detail(
                item(member, c),
                messages.stream().map(InboxViews.MessageItem::of).toList(),
                engine.notes(member.organization(), id).stream()
                        .map(InboxViews.NoteItem::of)
                        .toList(),
                engine.statusChanges(member.organization(), id).stream()
                        .map(InboxViews.Change::of)
                        .toList(),
                context);
    }

    public InboxViews.Item claim(SignedInMember member, ConversationId id) {
        return item(member, act(() -> engine.claim(member.organization(), id, author(member))));
    }

    public InboxViews.Item assign(SignedInMember member, ConversationId id, MemberId to) {
        MessageAuthor assignee = members.author(member.organization(), to)
                .orElseThrow(() -> ProblemException.invalid("memberId", "is not a member of your organization"));
        return item(
                member, act(() -> engine.assign(member.organization(), id, Actor.member(author(member)), assignee)));
    }

    public InboxViews.Item release(SignedInMember member, ConversationId id) {
        return item(member, act(() -> engine.release(member.organization(), id, Actor.member(author(member)))));
    }

    public InboxViews.Item resolve(SignedInMember member, ConversationId id) {
        return item(member, act(() -> engine.resolve(member.organization(), id, Actor.member(author(member)))));
    }

    /** A person's message to the customer, once it is stored. */
    public InboxViews.MessageItem reply(SignedInMember member, ConversationId id, String text) {
        ChatEngine.Posted posted;
        try {
            posted = act(() -> engine.postAsAgent(member.organization(), id, author(member), text));
        } catch (SendRejectedException e) {
            throw switch (e.reason()) {
                case EMPTY -> ProblemException.invalid("message", "must not be empty");
                case TOO_LONG -> ProblemType.MESSAGE_TOO_LONG.exception("A message can be at most 4,000 characters.");
                default ->
                    ProblemType.UNAVAILABLE.exception(
                            "The message could not be sent now. Try again shortly.", Duration.ofSeconds(5));
            };
        }
        try {
            return InboxViews.MessageItem.of(posted.stored().get(STORED_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notStoredYet();
        } catch (ExecutionException | TimeoutException e) {
            throw notStoredYet();
        }
    }

    public InboxViews.NoteItem note(SignedInMember member, ConversationId id, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("text", "must not be empty");
        }
        if (text.length() > io.parley.conversation.Note.MAX_LENGTH) {
            throw ProblemException.invalid("text", "can be at most 8,000 characters");
        }
        return InboxViews.NoteItem.of(act(() -> engine.addNote(member.organization(), id, author(member), text)));
    }

    /** A reply drafted by the organization's model for the person to edit; empty when no model could draft one. */
    public String suggest(SignedInMember member, ConversationId id) {
        return act(() -> engine.suggestReply(member.organization(), id));
    }

    public void typing(SignedInMember member, ConversationId id) {
        act(() -> {
            engine.agentTyping(member.organization(), id, author(member));
            return null;
        });
    }

    /** Whether the member's role may act on conversations (a viewer only reads). */
    public static boolean mayAct(SignedInMember member) {
        return member.role() != null && !member.role().name().equals("VIEWER");
    }

    public MessageAuthor author(SignedInMember member) {
        return members.author(member.organization(), member.id())
                .orElseThrow(() -> ProblemType.UNAUTHORIZED.exception("Sign in again."));
    }

    private static <T> T act(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ConversationNotFoundException e) {
            throw notFound();
        } catch (io.parley.conversation.ConversationTakenException e) {
            throw ProblemType.CONVERSATION_TAKEN.exception((e.holder() == null ? "Someone else" : e.holder())
                    + " is handling this conversation. Ask them, or have it assigned to you.");
        } catch (io.parley.conversation.StoreUnavailableException e) {
            throw ProblemType.UNAVAILABLE.exception(
                    "We cannot reach our records right now. Try again shortly.", Duration.ofSeconds(5));
        }
    }

    private static ProblemException notStoredYet() {
        return ProblemType.UNAVAILABLE.exception(
                "Your message is on its way but not saved yet; it will appear in the conversation shortly.",
                Duration.ofSeconds(5));
    }

    static ProblemException notFound() {
        return ProblemType.NOT_FOUND.exception("There is no such conversation in your organization.");
    }
}

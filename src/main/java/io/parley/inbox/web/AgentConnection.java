package io.parley.inbox.web;

import io.parley.conversation.ConversationEvent;
import io.parley.conversation.ConversationEvents;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.MessageAuthor;
import io.parley.conversation.MessageRole;
import io.parley.inbox.Inbox;
import io.parley.inbox.InboxViews;
import io.parley.inbox.Presence;
import io.parley.tenant.SignedInMember;
import io.parley.web.Outbox;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One member's live inbox ({@code /ws/agent}): the organization's events in, filtered to what an inbox shows (the
 * conversations with people, and the one the member has open), and the member's actions out. Events arrive on the
 * engine's threads and are only serialized and queued on the {@link Outbox}; actions are handled one frame at a time.
 */
final class AgentConnection implements ConversationEvents.OrganizationListener {

    private static final Logger log = LoggerFactory.getLogger(AgentConnection.class);

    /**
     * The largest frame taken, in UTF-8 bytes: room for the longest note (8,000 characters of any script) in its JSON.
     * The server's WebSocket buffer is 4 KB, so longer frames arrive in parts and are put together here.
     */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final Outbox outbox;
    private final Inbox inbox;
    private final JsonMapper json;
    private final SignedInMember member;
    /** The conversations this inbox shows live: those with people, and the one open. */
    private final Set<ConversationId> watched = ConcurrentHashMap.newKeySet();

    private volatile ConversationId opened;
    private volatile String myName;
    private ConversationEvents.Registration registration;
    private Runnable leave;
    /** The parts of a frame received so far; the socket delivers one part at a time, so no lock. */
    private final StringBuilder partial = new StringBuilder();

    private int partialBytes;
    private boolean oversized;

    AgentConnection(Outbox outbox, Inbox inbox, JsonMapper json, SignedInMember member) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.json = json;
        this.member = member;
    }

    /** Says hello with the queue, who is online and the team, then goes live. */
    void open(ConversationEvents events, Presence presence, MessageAuthor me) {
        List<InboxViews.Item> queue = inbox.queue(member);
        queue.forEach(item -> watched.add(new ConversationId(item.id())));
        registration = events.listen(member.organization(), this);
        myName = me.name();
        send(new AgentFrames.Hello(
                InboxViews.Member.of(me),
                member.role().name().toLowerCase(java.util.Locale.ROOT),
                queue,
                inbox.online(member),
                inbox.team(member)));
        leave = presence.join(
                member.organization(),
                me,
                online -> send(new AgentFrames.Presence(
                        online.stream().map(InboxViews.Member::of).toList())));
    }

    void closed() {
        if (registration != null) {
            registration.close();
        }
        if (leave != null) {
            leave.run();
        }
    }

    @Override
    public void on(ConversationEvent event) {
        ConversationId id = event.conversation();
        switch (event) {
            case ConversationEvent.StatusChanged changed -> {
                ConversationStatus to = changed.change().to();
                boolean withPeople = to == ConversationStatus.WAITING_FOR_AGENT || to == ConversationStatus.AGENT;
                if (withPeople) {
                    watched.add(id);
                } else {
                    watched.remove(id);
                }
                InboxViews.Item item = InboxViews.Item.of(
                        changed.current(),
                        changed.current().assignee() == null
                                ? null
                                : new InboxViews.Member(
                                        changed.current().assignee().value(), changed.agentName()));
                boolean startsWaiting = to == ConversationStatus.WAITING_FOR_AGENT
                        && changed.change().from() != ConversationStatus.WAITING_FOR_AGENT;
                send(new AgentFrames.Status(
                        startsWaiting ? "conversation.waiting" : "conversation.status",
                        id.value(),
                        item,
                        InboxViews.Change.of(changed.change())));
            }
            case ConversationEvent.MessageAdded added -> {
                if (shows(id)) {
                    send(new AgentFrames.Message(id.value(), InboxViews.MessageItem.of(added.message())));
                }
            }
            case ConversationEvent.Typing typing -> {
                boolean mine = typing.role() == MessageRole.AGENT
                        && typing.name() != null
                        && typing.name().equals(myName);
                if (shows(id) && typing.role() != MessageRole.ASSISTANT && !mine) {
                    send(new AgentFrames.Typing(id.value(), typing.role().wireName(), typing.name()));
                }
            }
            case ConversationEvent.NoteAdded added -> {
                if (shows(id)) {
                    send(new AgentFrames.Note(id.value(), InboxViews.NoteItem.of(added.note())));
                }
            }
            case ConversationEvent.CustomerFeedback feedback -> {
                if (shows(id)) {
                    send(new AgentFrames.Feedback(
                            id.value(),
                            feedback.rating() == null
                                    ? null
                                    : new InboxViews.Rating(
                                            feedback.rating().score(),
                                            feedback.rating().comment(),
                                            feedback.rating().at()),
                            feedback.contactEmail()));
                }
            }
            case ConversationEvent.ReplyDelta delta -> {}
            case ConversationEvent.ReplyRestarted restarted -> {}
            case ConversationEvent.ConfirmationRequested asked -> {}
            case ConversationEvent.ToolRunning running -> {}
        }
    }

    private boolean shows(ConversationId id) {
        return watched.contains(id) || id.equals(opened);
    }

    /** A part of a frame from the member's inbox; {@code last} ends the frame. */
    void receive(String part, boolean last) {
        if (!oversized) {
            partialBytes += utf8Length(part);
            if (partialBytes > MAX_FRAME_BYTES) {
                oversized = true;
                partial.setLength(0);
            } else {
                partial.append(part);
            }
        }
        if (!last) {
            return;
        }
        String frame = partial.toString();
        boolean tooLarge = oversized;
        partial.setLength(0);
        partialBytes = 0;
        oversized = false;
        if (tooLarge) {
            error(null, ProblemType.FRAME_TOO_LARGE.exception("A frame can be at most 64 KB; nothing of it was done."));
        } else {
            receive(frame);
        }
    }

    private static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                // A surrogate pair is 4 bytes: 2 for each half.
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** One whole frame from the member's inbox. */
    void receive(String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException e) {
            error(null, ProblemType.INVALID_FRAME.exception("Frames are JSON objects like {\"action\":\"ping\"}."));
            return;
        }
        if (frame == null || !frame.isObject()) {
            error(null, ProblemType.INVALID_FRAME.exception("Frames are JSON objects like {\"action\":\"ping\"}."));
            return;
        }
        String action = frame.path("action").isString() ? frame.path("action").asString() : "";
        String ref = frame.path("ref").isString() ? frame.path("ref").asString() : null;
        try {
            switch (action) {
                case "ping" -> send(new AgentFrames.Pong(ref));
                case "open" -> {
                    ConversationId id = conversation(frame);
                    InboxViews.Detail detail = inbox.open(member, id);
                    opened = id;
                    send(new AgentFrames.Conversation(ref, detail));
                }
                case "typing" -> {
                    acting();
                    inbox.typing(member, conversation(frame));
                }
                case "claim" -> done(ref, inbox.claim(acting(), conversation(frame)));
                case "release" -> done(ref, inbox.release(acting(), conversation(frame)));
                case "resolve" -> done(ref, inbox.resolve(acting(), conversation(frame)));
                case "assign" -> {
                    String to = frame.path("memberId").isString()
                            ? frame.path("memberId").asString()
                            : "";
                    io.parley.tenant.MemberId target;
                    try {
                        target = new io.parley.tenant.MemberId(to);
                    } catch (IllegalArgumentException e) {
                        throw ProblemException.invalid("memberId", "is not a member of your organization");
                    }
                    done(ref, inbox.assign(acting(), conversation(frame), target));
                }
                case "reply" -> {
                    String message = frame.path("message").isString()
                            ? frame.path("message").asString()
                            : null;
                    done(ref, inbox.reply(acting(), conversation(frame), message));
                }
                case "note" -> {
                    String note =
                            frame.path("text").isString() ? frame.path("text").asString() : null;
                    done(ref, inbox.note(acting(), conversation(frame), note));
                }
                case "suggest" -> {
                    SignedInMember me = acting();
                    ConversationId id = conversation(frame);
                    // A model call takes seconds: not on the socket's thread.
                    Thread.startVirtualThread(() -> {
                        try {
                            send(new AgentFrames.Suggestion(ref, id.value(), inbox.suggest(me, id)));
                        } catch (ProblemException e) {
                            error(ref, e);
                        } catch (RuntimeException e) {
                            log.warn("Drafting a suggestion failed", e);
                            error(
                                    ref,
                                    ProblemType.UNAVAILABLE.exception(
                                            "No suggestion could be drafted now.", java.time.Duration.ofSeconds(5)));
                        }
                    });
                }
                default ->
                    error(
                            ref,
                            ProblemType.UNKNOWN_ACTION.exception(
                                    "Known actions are open, claim, assign, reply, note, release, resolve, suggest,"
                                            + " typing and ping."));
            }
        } catch (ProblemException e) {
            error(ref, e);
        }
    }

    private SignedInMember acting() {
        if (!Inbox.mayAct(member)) {
            throw ProblemType.FORBIDDEN.exception("Your role does not allow this.");
        }
        return member;
    }

    private static ConversationId conversation(JsonNode frame) {
        JsonNode id = frame.path("conversationId");
        if (!id.isString()) {
            throw ProblemException.invalid("conversationId", "must be a conversation's id");
        }
        return InboxController.parse(id.asString());
    }

    private void done(String ref, Object result) {
        send(new AgentFrames.Done(ref, result));
    }

    private void error(String ref, ProblemException e) {
        send(AgentFrames.Error.of(ref, e));
    }

    private void send(Object frame) {
        outbox.send(json.writeValueAsString(frame));
    }
}

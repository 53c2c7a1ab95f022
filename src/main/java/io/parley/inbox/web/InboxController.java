package io.parley.inbox.web;

import io.parley.conversation.ConversationId;
import io.parley.inbox.Inbox;
import io.parley.inbox.InboxViews;
import io.parley.tenant.MemberId;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The team's handling of conversations over REST (API.md, "People"); the console's inbox does the same over /ws/agent. */
@RestController
@Tag(name = "Inbox", description = "People answering conversations: claim, assign, reply, notes, release, resolve")
class InboxController {

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    record Queue(List<InboxViews.Item> items, List<InboxViews.Member> online, List<InboxViews.Member> team) {}

    record AssignRequest(@NotNull String memberId) {}

    record ReplyRequest(@NotNull @Size(max = 100_000) String message) {}

    record NoteRequest(@NotNull @Size(max = 100_000) String text) {}

    record Suggestion(String text) {}

    @GetMapping("/api/v1/admin/inbox")
    @Operation(
            summary =
                    "Conversations waiting for a person or with one (the longest quiet first), who is online, the team")
    Queue queue(SignedInMember member) {
        return new Queue(inbox.queue(member), inbox.online(member), inbox.team(member));
    }

    @GetMapping("/api/v1/admin/inbox/{id}")
    @Operation(
            summary =
                    "One conversation as the inbox shows it: messages with sentiment, notes, history, customer context")
    InboxViews.Detail open(SignedInMember member, @PathVariable String id) {
        return inbox.open(member, parse(id));
    }

    @PostMapping("/api/v1/admin/conversations/{id}/claim")
    @Operation(summary = "Take the conversation: status agent, assigned to you; 409 if someone else holds it")
    InboxViews.Item claim(SignedInMember member, @PathVariable String id) {
        return inbox.claim(acting(member), parse(id));
    }

    @PostMapping("/api/v1/admin/conversations/{id}/assign")
    @Operation(summary = "Give the conversation to a member of the team")
    InboxViews.Item assign(SignedInMember member, @PathVariable String id, @Valid @RequestBody AssignRequest request) {
        MemberId to;
        try {
            to = new MemberId(request.memberId());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("memberId", "is not a member of your organization");
        }
        return inbox.assign(acting(member), parse(id), to);
    }

    @PostMapping("/api/v1/admin/conversations/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Send the customer a message as yourself (role agent, with your name), delivered live")
    InboxViews.MessageItem reply(
            SignedInMember member, @PathVariable String id, @Valid @RequestBody ReplyRequest request) {
        return inbox.reply(acting(member), parse(id), request.message());
    }

    @PostMapping("/api/v1/admin/conversations/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an internal note the customer never sees")
    InboxViews.NoteItem note(SignedInMember member, @PathVariable String id, @Valid @RequestBody NoteRequest request) {
        return inbox.note(acting(member), parse(id), request.text());
    }

    @PostMapping("/api/v1/admin/conversations/{id}/release")
    @Operation(summary = "Hand the conversation back to the assistant")
    InboxViews.Item release(SignedInMember member, @PathVariable String id) {
        return inbox.release(acting(member), parse(id));
    }

    @PostMapping("/api/v1/admin/conversations/{id}/resolve")
    @Operation(summary = "Mark the conversation resolved; the customer is asked for a rating")
    InboxViews.Item resolve(SignedInMember member, @PathVariable String id) {
        return inbox.resolve(acting(member), parse(id));
    }

    @GetMapping("/api/v1/admin/conversations/{id}/suggestion")
    @Operation(summary = "A reply drafted by the organization's model, for you to edit before sending")
    Suggestion suggestion(SignedInMember member, @PathVariable String id) {
        return new Suggestion(inbox.suggest(acting(member), parse(id)));
    }

    private static SignedInMember acting(SignedInMember member) {
        if (!Inbox.mayAct(member)) {
            throw ProblemType.FORBIDDEN.exception("Your role does not allow this.");
        }
        return member;
    }

    static ConversationId parse(String id) {
        try {
            return new ConversationId(id);
        } catch (IllegalArgumentException e) {
            throw ProblemType.NOT_FOUND.exception("There is no such conversation in your organization.");
        }
    }
}

package io.parley.console;

import io.parley.conversation.ChatEngine;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.Message;
import io.parley.conversation.ToolCallRecord;
import io.parley.tenant.SignedInMember;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The organization's conversations, and each one's transcript. */
@Controller
@RequestMapping("/console/conversations")
class ConversationsController {

    static final int PAGE_SIZE = 20;
    /** Far beyond any real list, and small enough that the offset cannot overflow. */
    private static final int MAX_PAGE = 1_000_000;

    private static final String NO_SUCH_CONVERSATION = "Your organization has no such conversation.";

    private final ChatEngine engine;

    ConversationsController(ChatEngine engine) {
        this.engine = engine;
    }

    /** Pages count from 1 here, as people count them. */
    @GetMapping
    String list(
            SignedInMember member,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        Optional<ConversationStatus> filter = ConversationStatus.fromWireName(status);
        int current = Math.clamp(page, 1, MAX_PAGE);
        var result = engine.list(member.organization(), filter.orElse(null), current - 1, PAGE_SIZE);
        long pages = Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("section", "conversations");
        model.addAttribute(
                "rows", result.items().stream().map(ConversationViews.Row::of).toList());
        model.addAttribute("total", result.total());
        model.addAttribute("status", filter.map(ConversationStatus::wireName).orElse(""));
        model.addAttribute(
                "statuses",
                Arrays.stream(ConversationStatus.values())
                        .map(ConversationViews.Status::of)
                        .toList());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("first", result.total() == 0 ? 0 : (long) (current - 1) * PAGE_SIZE + 1);
        model.addAttribute("last", Math.min(result.total(), (long) current * PAGE_SIZE));
        return "console/conversations";
    }

    @GetMapping("/{id}")
    String transcript(SignedInMember member, @PathVariable String id, Model model) {
        ConversationId conversationId = parse(id);
        Conversation conversation = engine.find(member.organization(), conversationId)
                .orElseThrow(() -> new NotFoundException(NO_SUCH_CONVERSATION));
        List<Message> messages = engine.messages(member.organization(), conversationId)
                .orElseThrow(() -> new NotFoundException(NO_SUCH_CONVERSATION));
        model.addAttribute("section", "conversations");
        model.addAttribute("conversation", ConversationViews.Row.of(conversation, messages));
        model.addAttribute(
                "customerId",
                conversation.customer() == null ? null : conversation.customer().id());
        var feedback = engine.feedback(member.organization(), conversationId);
        model.addAttribute(
                "entries",
                messages.stream()
                        .map(m -> ConversationViews.Entry.of(m, feedback.get(m.id())))
                        .toList());
        model.addAttribute(
                "rating",
                engine.rating(member.organization(), conversationId)
                        .map(ConversationViews.Rating::of)
                        .orElse(null));
        model.addAttribute(
                "contactEmail",
                engine.contact(member.organization(), conversationId).orElse(null));
        model.addAttribute(
                "changes",
                engine.statusChanges(member.organization(), conversationId).stream()
                        .map(ConversationViews.Change::of)
                        .toList());
        model.addAttribute("notes", engine.notes(member.organization(), conversationId));
        model.addAttribute(
                "toolCalls",
                engine.toolCalls(member.organization(), conversationId).orElse(List.of()).stream()
                        .map(ToolCallRow::of)
                        .toList());
        return "console/conversation";
    }

    /** One tool call beside the transcript: what was asked, what the customer decided, what came of it. */
    record ToolCallRow(
            When at, String tool, String kind, String arguments, String decision, String outcome, boolean failed) {

        static ToolCallRow of(ToolCallRecord c) {
            String decision = c.decision() == null
                    ? null
                    : switch (c.decision()) {
                        case YES -> "Customer confirmed";
                        case NO -> "Customer declined";
                        case EXPIRED -> "Expired (the customer wrote instead)";
                    };
            return new ToolCallRow(
                    When.of(c.at()),
                    c.tool(),
                    c.kind(),
                    c.arguments(),
                    decision,
                    c.error() != null ? c.error() : c.result(),
                    c.error() != null);
        }
    }

    private static ConversationId parse(String id) {
        try {
            return new ConversationId(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(NO_SUCH_CONVERSATION);
        }
    }
}

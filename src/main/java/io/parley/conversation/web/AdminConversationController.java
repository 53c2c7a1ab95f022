package io.parley.conversation.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.conversation.ChatEngine;
import io.parley.conversation.Citation;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.ConversationStore;
import io.parley.conversation.Message;
import io.parley.conversation.MessageRole;
import io.parley.tenant.SignedInMember;
import io.parley.usage.ModelCall;
import io.parley.usage.UsageLedger;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organization's conversations, for its members. */
@RestController
@RequestMapping("/api/v1/admin/conversations")
@Tag(name = "Conversations")
class AdminConversationController {

    static final int MAX_PAGE_SIZE = 100;

    private final ChatEngine engine;
    private final UsageLedger ledger;

    AdminConversationController(ChatEngine engine, UsageLedger ledger) {
        this.engine = engine;
        this.ledger = ledger;
    }

    /** Who the conversation is with: a verified customer, or an anonymous visitor (id, email and name null). */
    record CustomerView(String id, String email, String name, boolean verified, String visitorId) {}

    record ConversationSummary(
            String id,
            String status,
            CustomerView customer,
            Instant startedAt,
            Instant lastMessageAt,
            long messageCount) {

        static ConversationSummary of(Conversation c) {
            CustomerView customer = c.customer() == null
                    ? new CustomerView(null, null, null, false, c.visitor().value())
                    : new CustomerView(
                            c.customer().id(),
                            c.customer().email(),
                            c.customer().name(),
                            true,
                            c.visitor().value());
            return new ConversationSummary(
                    c.id().value(),
                    c.status().wireName(),
                    customer,
                    c.startedAt(),
                    c.lastMessageAt(),
                    c.messageCount());
        }
    }

    record ConversationList(List<ConversationSummary> items, int page, int size, long total) {}

    /** The usage the model reported for a reply. */
    record UsageView(long inputTokens, long outputTokens, long cachedInputTokens, boolean estimated) {}

    /**
     * A message as the organization's members see it: for a reply, also the model and prompt version that wrote it,
     * and (when a model answered) its usage, cost in US dollars and latency.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AdminMessageView(
            String id,
            String conversationId,
            long seq,
            String role,
            String content,
            Instant createdAt,
            List<Citation> citations,
            String model,
            String provider,
            Integer promptVersion,
            UsageView usage,
            BigDecimal cost,
            Long latencyMs) {

        static AdminMessageView of(Message m, ModelCall call) {
            return new AdminMessageView(
                    m.id().value(),
                    m.conversation().value(),
                    m.seq(),
                    m.role().wireName(),
                    m.content(),
                    m.createdAt(),
                    m.citations(),
                    m.model(),
                    call == null ? null : call.provider(),
                    m.promptVersion(),
                    call == null
                            ? null
                            : new UsageView(
                                    call.usage().inputTokens(),
                                    call.usage().outputTokens(),
                                    call.usage().cachedInputTokens(),
                                    call.usage().estimated()),
                    call == null ? null : call.cost(),
                    call == null ? null : call.latency().toMillis());
        }
    }

    record Messages(List<AdminMessageView> messages) {}

    @GetMapping
    @Operation(summary = "The organization's conversations, most recently active first")
    ConversationList list(
            SignedInMember member,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ConversationStatus filter = status == null || status.isBlank()
                ? null
                : ConversationStatus.fromWireName(status)
                        .orElseThrow(() -> ProblemException.invalid(
                                "status", "must be one of bot, waiting_for_agent, agent, resolved"));
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        ConversationStore.ConversationPage result = engine.list(member.organization(), filter, page, size);
        return new ConversationList(
                result.items().stream().map(ConversationSummary::of).toList(), page, size, result.total());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One conversation")
    ConversationSummary conversation(SignedInMember member, @PathVariable String id) {
        return engine.find(member.organization(), parse(id))
                .map(ConversationSummary::of)
                .orElseThrow(this::notFound);
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "Every message of one conversation, in order")
    Messages messages(SignedInMember member, @PathVariable String id) {
        List<Message> messages =
                engine.messages(member.organization(), parse(id)).orElseThrow(this::notFound);
        Map<String, ModelCall> calls = ledger.replies(
                member.organization(),
                messages.stream()
                        .filter(m -> m.role() == MessageRole.ASSISTANT)
                        .map(m -> m.id().value())
                        .toList());
        return new Messages(messages.stream()
                .map(m -> AdminMessageView.of(m, calls.get(m.id().value())))
                .toList());
    }

    /** One tool call in the audit; {@code decision} is the customer's on a write (yes, no, expired). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolCallView(
            String id,
            String tool,
            Object arguments,
            String kind,
            String customer,
            String decision,
            Object result,
            String error,
            Instant at) {}

    record ToolCalls(List<ToolCallView> items) {}

    @GetMapping("/{id}/tool-calls")
    @Operation(summary = "Every tool call the assistant made in the conversation, oldest first")
    ToolCalls toolCalls(SignedInMember member, @PathVariable String id) {
        return new ToolCalls(engine.toolCalls(member.organization(), parse(id)).orElseThrow(this::notFound).stream()
                .map(c -> new ToolCallView(
                        c.id(),
                        c.tool(),
                        jsonOrText(c.arguments()),
                        c.kind(),
                        c.customer(),
                        c.decision() == null ? null : c.decision().wire(),
                        c.result() == null ? null : jsonOrText(c.result()),
                        c.error(),
                        c.at()))
                .toList());
    }

    /** Stored JSON as JSON; text that is not (cut at the audit's limit) as a string. */
    private static Object jsonOrText(String text) {
        try {
            return AUDIT_JSON.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            return text;
        }
    }

    private static final tools.jackson.databind.json.JsonMapper AUDIT_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private ConversationId parse(String id) {
        try {
            return new ConversationId(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private ProblemException notFound() {
        return ProblemType.NOT_FOUND.exception("Your organization has no such conversation.");
    }
}

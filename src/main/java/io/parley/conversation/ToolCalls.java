package io.parley.conversation;

import io.parley.llm.ChatMessage;
import io.parley.llm.ToolCall;
import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the tools a model asked for under the platform's rules, whatever the model wrote: arguments must fit the
 * tool's schema; a tool that touches a customer's data waits until the conversation is bound to one customer, and an
 * identification of a second customer is refused; a {@code write} never runs on the model's word but becomes a
 * {@link PendingConfirmation} the customer decides; every call is audited. Thread-safe.
 */
final class ToolCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String DECLINED = "The customer declined this change. Nothing was changed.";
    static final String ONE_AT_A_TIME =
            "Only one change can be confirmed at a time. Ask for this one again once the first is done.";
    static final String ANOTHER_CUSTOMER = "This conversation belongs to another customer. One customer per"
            + " conversation: the customer cannot be changed; offer a person if they need help with another account.";
    static final String NOT_HERE = "Changes are not made here (no customer is present to confirm them).";

    private final Toolbox toolbox;
    private final ToolLedger ledger;
    private final Clock clock;

    ToolCalls(Toolbox toolbox, ToolLedger ledger, Clock clock) {
        this.toolbox = toolbox;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * What a turn may use and for whom.
     *
     * @param conversation null for a rehearsal (playground, suggested reply): reads run, writes never
     * @param verified the verified customer's id (HMAC), to whom the conversation is bound from its start; or null
     * @param question the customer message the turn answers
     * @param status where the customer is told that a tool is running
     */
    record Turn(
            OrganizationId organization,
            @Nullable ConversationId conversation,
            @Nullable String verified,
            @Nullable MessageId question,
            List<OfferedTool> offered,
            Consumer<String> status) {

        Turn {
            offered = List.copyOf(offered);
        }

        Optional<OfferedTool> tool(String name) {
            return offered.stream().filter(t -> t.name().equals(name)).findFirst();
        }

        boolean handsOver(ToolCall call) {
            return tool(call.name()).map(OfferedTool::handsOver).orElse(false);
        }
    }

    Turn turn(
            OrganizationId organization,
            @Nullable ConversationId conversation,
            @Nullable String verified,
            @Nullable MessageId question,
            Consumer<String> status) {
        return new Turn(organization, conversation, verified, question, toolbox.offered(organization), status);
    }

    /** What the tools of one model reply gave: results for the model, and a write waiting for the customer, if any. */
    record Step(List<ChatMessage.ToolResult> results, @Nullable Proposed proposed) {}

    /** A write the model asked for, to put to the customer. */
    record Proposed(ToolCall call, OfferedTool tool, JsonNode arguments, String summary) {}

    Step run(Turn turn, List<ToolCall> calls) {
        List<ChatMessage.ToolResult> results = new ArrayList<>();
        Proposed proposed = null;
        // Asked once per reply; an identification in this reply updates it.
        String customer = boundCustomer(turn);
        for (ToolCall call : calls) {
            Optional<OfferedTool> offered = turn.tool(call.name());
            if (offered.isEmpty()) {
                results.add(refuse(turn, call, "read", "No such tool is available.", customer));
                continue;
            }
            OfferedTool tool = offered.get();
            String kind = tool.writes() ? "write" : "read";
            JsonNode args;
            try {
                args = toolbox.check(tool, call.arguments());
            } catch (InvalidToolArgumentsException e) {
                results.add(refuse(turn, call, kind, e.getMessage(), customer));
                continue;
            }
            if (tool.identity() == OfferedTool.Identity.CUSTOMER && customer == null) {
                results.add(refuse(turn, call, kind, identifyFirst(turn), customer));
                continue;
            }
            if (tool.writes()) {
                if (turn.conversation() == null || turn.question() == null) {
                    results.add(refuse(turn, call, kind, NOT_HERE, customer));
                } else if (proposed != null) {
                    results.add(refuse(turn, call, kind, ONE_AT_A_TIME, customer));
                } else {
                    proposed = new Proposed(call, tool, args, toolbox.summarize(turn.organization(), tool, args));
                }
                continue;
            }
            turn.status().accept(tool.status());
            ToolResult result = toolbox.run(tool, run(turn, call, args, customer));
            if (tool.identity() == OfferedTool.Identity.IDENTIFIES
                    && result instanceof ToolResult.Done done
                    && done.identified() != null) {
                if (bindsTo(turn, done.identified())) {
                    customer = done.identified();
                } else {
                    result = new ToolResult.Failed(ANOTHER_CUSTOMER);
                }
            }
            results.add(record(turn, call, kind, null, result, customer));
        }
        return new Step(results, proposed);
    }

    /**
     * Runs a write the customer decided on: "yes" runs it (once: its idempotency key is the confirmation's id), "no"
     * and an expiry tell the model that nothing changed. Audited with the decision.
     */
    ChatMessage.ToolResult decided(Turn turn, PendingConfirmation confirmation, ToolLedger.Decision decision) {
        ToolCall call = new ToolCall(confirmation.toolCallId(), confirmation.tool(), confirmation.arguments());
        Optional<OfferedTool> tool = turn.tool(confirmation.tool());
        String kind = "write";
        String customer = boundCustomer(turn);
        if (decision != ToolLedger.Decision.YES) {
            return record(turn, call, kind, decision, new ToolResult.Failed(DECLINED), customer);
        }
        if (tool.isEmpty()) {
            return record(
                    turn, call, kind, decision, new ToolResult.Failed("No such tool is available any more."), customer);
        }
        JsonNode args;
        try {
            args = toolbox.check(tool.get(), confirmation.arguments());
        } catch (InvalidToolArgumentsException e) {
            return record(turn, call, kind, decision, new ToolResult.Failed(e.getMessage()), customer);
        }
        if (tool.get().identity() == OfferedTool.Identity.CUSTOMER && customer == null) {
            return record(turn, call, kind, decision, new ToolResult.Failed(identifyFirst(turn)), customer);
        }
        turn.status().accept(tool.get().status());
        ToolRun run = new ToolRun(
                turn.organization(), turn.conversation(), call.name(), args, customer, false, confirmation.id());
        return record(turn, call, kind, decision, toolbox.run(tool.get(), run), customer);
    }

    /** Runs a tool that hands the conversation to people (audited); the engine does the handing over. */
    void handOver(Turn turn, ToolCall call) {
        Optional<OfferedTool> tool = turn.tool(call.name());
        if (tool.isEmpty()) {
            return;
        }
        JsonNode args;
        try {
            args = toolbox.check(tool.get(), call.arguments());
        } catch (InvalidToolArgumentsException e) {
            args = JSON.createObjectNode();
        }
        String customer = boundCustomer(turn);
        record(turn, call, "read", null, toolbox.run(tool.get(), run(turn, call, args, customer)), customer);
    }

    /** The customer the conversation is bound to: the verified one, else the one an identification found. */
    @Nullable
    String boundCustomer(Turn turn) {
        if (turn.verified() != null) {
            return turn.verified();
        }
        return turn.conversation() == null
                ? null
                : ledger.identified(turn.organization(), turn.conversation()).orElse(null);
    }

    private boolean bindsTo(Turn turn, String identified) {
        if (turn.verified() != null) {
            return turn.verified().equals(identified);
        }
        if (turn.conversation() == null) {
            return true; // a rehearsal binds nothing
        }
        return ledger.bind(turn.organization(), turn.conversation(), identified).equals(identified);
    }

    private ToolRun run(Turn turn, ToolCall call, JsonNode args, @Nullable String customer) {
        String key = turn.conversation() == null
                ? UUID.randomUUID().toString()
                : turn.conversation().value() + ":" + call.id();
        return new ToolRun(turn.organization(), turn.conversation(), call.name(), args, customer, false, key);
    }

    private static String identifyFirst(Turn turn) {
        List<String> names = Toolbox.identifying(turn.offered());
        return names.isEmpty()
                ? "The customer is not identified, so this tool cannot be used in this conversation."
                : "The customer is not identified yet. Identify them first with " + String.join(" or ", names)
                        + ", then try again.";
    }

    private ChatMessage.ToolResult refuse(
            Turn turn, ToolCall call, String kind, String message, @Nullable String customer) {
        return record(turn, call, kind, null, new ToolResult.Failed(message), customer);
    }

    private ChatMessage.ToolResult record(
            Turn turn,
            ToolCall call,
            String kind,
            ToolLedger.@Nullable Decision decision,
            ToolResult result,
            @Nullable String customer) {
        String content;
        String done = null;
        String error = null;
        switch (result) {
            case ToolResult.Done d -> {
                content = d.json();
                done = d.json();
            }
            case ToolResult.Failed f -> {
                content = JSON.createObjectNode().put("error", f.message()).toString();
                error = f.message();
            }
        }
        if (turn.conversation() != null) {
            ledger.record(new ToolCallRecord(
                    UUID.randomUUID().toString(),
                    turn.organization(),
                    turn.conversation(),
                    customer,
                    call.name(),
                    kind,
                    call.arguments(),
                    decision,
                    done,
                    error,
                    clock.instant(),
                    turn.question()));
        }
        return new ChatMessage.ToolResult(call.id(), call.name(), content, result instanceof ToolResult.Failed);
    }

    /** The pending write as stored, with the turn so far. */
    PendingConfirmation pending(Turn turn, Proposed proposed, List<ChatMessage> turnMessages) {
        return new PendingConfirmation(
                UUID.randomUUID().toString(),
                turn.organization(),
                Objects.requireNonNull(turn.conversation()),
                Objects.requireNonNull(turn.question()),
                proposed.call().id(),
                proposed.tool().name(),
                proposed.arguments().toString(),
                proposed.summary(),
                TurnMessages.write(turnMessages),
                clock.instant());
    }

    /** Stores a change proposed to the customer, before anyone is shown it. */
    void propose(PendingConfirmation confirmation) {
        ledger.open(confirmation);
    }

    /** Expires what waited for the customer's decision (they wrote instead), each audited as expired. */
    void expireOpen(Turn turn) {
        if (turn.conversation() == null) {
            return;
        }
        for (PendingConfirmation open : ledger.open(turn.organization(), turn.conversation())) {
            ledger.decide(
                            turn.organization(),
                            turn.conversation(),
                            open.id(),
                            ToolLedger.Decision.EXPIRED,
                            clock.instant())
                    .ifPresent(p -> decided(turn, p, ToolLedger.Decision.EXPIRED));
        }
    }

    /**
     * The prompt, told which customer the conversation is bound to, so that the model does not ask again. The id
     * comes from the business (a verified customer) or from its own store, never from the customer's text.
     */
    String aboutCustomer(Turn turn, String prompt) {
        if (turn.offered().stream().noneMatch(t -> t.identity() != OfferedTool.Identity.NONE)) {
            return prompt;
        }
        String customer = boundCustomer(turn);
        if (customer == null) {
            return prompt;
        }
        return prompt + "\n\nThe customer in this conversation is identified: their customer id is "
                + JSON.writeValueAsString(customer) + ". Tools act only on this customer's data.";
    }

    /**
     * What the tools of the conversation's earlier turns did, by the customer message of their turn, for the history
     * the model sees: not the current turn's, and not proposals that expired unseen; none older than the oldest
     * message of {@code context}. Asked only when the organization has tools of its own.
     */
    Map<MessageId, List<ToolCallRecord>> earlier(Turn turn, List<Message> context) {
        if (turn.conversation() == null
                || context.isEmpty()
                || turn.offered().stream().allMatch(OfferedTool::handsOver)) {
            return Map.of();
        }
        // Only as far back as the messages held for the window: a long conversation's older calls are never read.
        Instant since = context.getFirst().createdAt();
        Map<MessageId, List<ToolCallRecord>> byQuestion = new HashMap<>();
        for (ToolCallRecord call : ledger.calls(turn.organization(), turn.conversation(), since)) {
            if (call.question() != null
                    && !call.question().equals(turn.question())
                    && call.decision() != ToolLedger.Decision.EXPIRED) {
                byQuestion
                        .computeIfAbsent(call.question(), q -> new ArrayList<>())
                        .add(call);
            }
        }
        return byQuestion;
    }
}

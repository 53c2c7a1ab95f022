package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelReply;
import io.parley.llm.Tool;
import io.parley.llm.ToolCall;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tools in the engine's turns, against a scripted model that asks for whatever it likes: the platform, not the model,
 * decides what runs, for whom, and when a change happens.
 */
class ToolTurnsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final InMemoryToolLedger ledger = new InMemoryToolLedger();
    private final ScriptedModel model = new ScriptedModel();
    private final OrganizationId organization = OrganizationId.generate();
    private final BusinessProfile profile = new BusinessProfile(
            "CloudMart", "An online store.", List.of(), List.of(), List.of(), "warm", "Sorry, I cannot help.");
    private final ProfileVersion version = new ProfileVersion(organization, 1, profile, "SYSTEM", Instant.now());
    private final Visitor visitor = new Visitor(organization, VisitorId.generate(), null);
    private final Shop shop = new Shop();
    private final List<ChatEngine> engines = new ArrayList<>();
    private ChatEngine engine = newEngine();

    private ChatEngine newEngine() {
        ChatEngine e = new ChatEngine(
                store,
                org -> version,
                org -> model,
                UsageRecorder.NONE,
                ChatSettings.defaults(),
                Duration.ofSeconds(5),
                1024,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new LocalConversationEvents(),
                HandoffPolicy.NEVER,
                text -> 0.1,
                KnowledgeBase.NONE,
                new Toolbox(List.of(shop), Duration.ofMillis(500)),
                ledger,
                Redaction.NONE);
        engines.add(e);
        return e;
    }

    @AfterEach
    void close() {
        shop.hang.countDown();
        engines.forEach(e -> e.close(Duration.ofSeconds(5)));
    }

    /** A tiny shop: two customers, one order each, and tools that misbehave on purpose. */
    static final class Shop implements ToolSource {
        final Map<String, String> ownerOfOrder = Map.of("#A1", "user_a", "#B1", "user_b");
        final Map<String, String> status = new ConcurrentHashMap<>(Map.of("#A1", "pending", "#B1", "pending"));
        final AtomicInteger cancellations = new AtomicInteger();
        final List<ToolRun> runs = new CopyOnWriteArrayList<>();
        final CountDownLatch hang = new CountDownLatch(1);

        private static OfferedTool tool(String name, Tool.Kind kind, OfferedTool.Identity identity, String schema) {
            return new OfferedTool(new Tool(name, "The shop's " + name, schema, kind), identity, "Working on " + name);
        }

        private static final String ORDER =
                "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},\"required\":[\"order_id\"]}";

        @Override
        public List<OfferedTool> tools(OrganizationId organization) {
            return List.of(
                    tool(
                            "find_customer",
                            Tool.Kind.READ,
                            OfferedTool.Identity.IDENTIFIES,
                            "{\"type\":\"object\",\"properties\":{\"email\":{\"type\":\"string\"}},\"required\":[\"email\"]}"),
                    tool("get_order", Tool.Kind.READ, OfferedTool.Identity.CUSTOMER, ORDER),
                    tool("cancel_order", Tool.Kind.WRITE, OfferedTool.Identity.CUSTOMER, ORDER),
                    tool("slow", Tool.Kind.READ, OfferedTool.Identity.NONE, "{\"type\":\"object\"}"),
                    tool("huge", Tool.Kind.READ, OfferedTool.Identity.NONE, "{\"type\":\"object\"}"),
                    tool("broken", Tool.Kind.READ, OfferedTool.Identity.NONE, "{\"type\":\"object\"}"));
        }

        @Override
        public ToolResult run(ToolRun run) {
            runs.add(run);
            String order = run.text("order_id");
            return switch (run.tool()) {
                case "find_customer" -> {
                    String user =
                            switch (run.text("email")) {
                                case "a@example.com" -> "user_a";
                                case "b@example.com" -> "user_b";
                                default -> null;
                            };
                    yield user == null
                            ? new ToolResult.Failed("User not found")
                            : new ToolResult.Done("\"" + user + "\"", user);
                }
                case "get_order" ->
                    owns(run, order)
                            ? new ToolResult.Done(
                                    "{\"order_id\":\"" + order + "\",\"status\":\"" + status.get(order) + "\"}")
                            : new ToolResult.Failed("Order not found for this customer");
                case "cancel_order" -> {
                    if (!owns(run, order)) {
                        yield new ToolResult.Failed("Order not found for this customer");
                    }
                    cancellations.incrementAndGet();
                    status.put(order, "cancelled");
                    yield new ToolResult.Done("{\"order_id\":\"" + order + "\",\"status\":\"cancelled\"}");
                }
                case "slow" -> {
                    try {
                        hang.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield new ToolResult.Done("\"late\"");
                }
                case "huge" -> new ToolResult.Done("\"" + "x".repeat(10 * 1024 * 1024) + "\"");
                case "broken" -> throw new IllegalStateException("database password is hunter2");
                default -> new ToolResult.Failed("unknown");
            };
        }

        private boolean owns(ToolRun run, String order) {
            return run.byBusiness() || (run.customer() != null && run.customer().equals(ownerOfOrder.get(order)));
        }

        @Override
        public String summarize(OrganizationId organization, String tool, tools.jackson.databind.JsonNode args) {
            return "Cancel order " + args.path("order_id").asString();
        }
    }

    private static ScriptedModel.Script calling(String name, String arguments) {
        return (request, sink) -> new ModelReply(
                "",
                List.of(new ToolCall("call-" + name + "-" + request.messages().size(), name, arguments)),
                ModelReply.FinishReason.TOOL_CALLS,
                ModelReply.Usage.reported(10, 5),
                "scripted",
                "scripted-model");
    }

    private static ScriptedModel.Script answering(String text) {
        return (request, sink) -> ScriptedModel.answer(text, sink);
    }

    /** The results the model was given in its latest request, in order. */
    private List<ChatMessage.ToolResult> resultsSeen(int request) {
        return model.replyRequests().get(request).messages().stream()
                .filter(m -> m instanceof ChatMessage.ToolResult)
                .map(m -> (ChatMessage.ToolResult) m)
                .toList();
    }

    private final class Customer extends RecordingListener {
        final List<PendingConfirmation> confirmations = new CopyOnWriteArrayList<>();
        final List<String> working = new CopyOnWriteArrayList<>();

        @Override
        public void onConfirmation(PendingConfirmation confirmation) {
            confirmations.add(confirmation);
        }

        @Override
        public void onToolRunning(String status) {
            working.add(status);
        }
    }

    private Customer subscribe(ChatEngine e, Conversation conversation) {
        Customer customer = new Customer();
        e.subscribe(visitor, conversation.id(), ChatEngine.LIVE_ONLY, customer);
        return customer;
    }

    private Message ask(Conversation conversation, Customer customer, String text) throws Exception {
        ChatEngine.Posted posted = engine.post(visitor, conversation.id(), text, null, customer);
        return engine.replyTo(visitor, posted.stored().get())
                .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The customer identifies as user_a, then asks to cancel #A1: the model proposes it and the turn waits. */
    private PendingConfirmation proposeCancellation(Conversation conversation, Customer customer) throws Exception {
        model.then(calling("find_customer", "{\"email\":\"a@example.com\"}"))
                .then(calling("cancel_order", "{\"order_id\":\"#A1\"}"));
        Message reply = ask(conversation, customer, "I am a@example.com, cancel order #A1");
        assertThat(reply.content()).isEqualTo("Please confirm: Cancel order #A1.");
        await().atMost(WAIT).until(() -> customer.confirmations.size() == 1);
        return customer.confirmations.getFirst();
    }

    @Test
    void aReadToolRunsAndTheModelReadsItsResult() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        model.then(calling("find_customer", "{\"email\":\"a@example.com\"}")).then(answering("Found you."));

        Message reply = ask(conversation, customer, "I am a@example.com");

        assertThat(reply.content()).isEqualTo("Found you.");
        assertThat(resultsSeen(1)).singleElement().satisfies(r -> {
            assertThat(r.content()).isEqualTo("\"user_a\"");
            assertThat(r.failed()).isFalse();
        });
        assertThat(model.replyRequests().getFirst().tools())
                .extracting(Tool::name)
                .contains("find_customer", "cancel_order", "transfer_to_human");
        assertThat(customer.working).containsExactly("Working on find_customer");
        assertThat(ledger.calls(organization, conversation.id()))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.tool()).isEqualTo("find_customer");
                    assertThat(c.result()).isEqualTo("\"user_a\"");
                    assertThat(c.customer()).isEqualTo("user_a");
                });
        assertThat(ledger.identified(organization, conversation.id())).contains("user_a");
    }

    @Test
    void laterTurnsSeeWhatTheToolsOfEarlierTurnsFoundInPlace() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        PendingConfirmation asked = proposeCancellation(conversation, customer);
        model.then(answering("Cancelled."));
        engine.confirm(visitor, conversation.id(), asked.id(), true);
        await().atMost(WAIT).until(() -> customer.replies().size() == 2);

        model.then(answering("It was #A1."));
        ask(conversation, customer, "Which order was that again?");

        List<ChatMessage> seen = model.replyRequests().getLast().messages();
        assertThat(seen)
                .extracting(m -> switch (m) {
                    case ChatMessage.Customer c -> "customer: " + c.text();
                    case ChatMessage.Assistant a
                    when !a.toolCalls().isEmpty() ->
                        "calls " + a.toolCalls().getFirst().name();
                    case ChatMessage.Assistant a -> "assistant: " + a.text();
                    case ChatMessage.ToolResult r -> "result of " + r.toolName() + ": " + r.content();
                })
                .containsExactly(
                        "customer: I am a@example.com, cancel order #A1",
                        "calls find_customer",
                        "result of find_customer: \"user_a\"",
                        "assistant: Please confirm: Cancel order #A1.",
                        "calls cancel_order",
                        "result of cancel_order: {\"order_id\":\"#A1\",\"status\":\"cancelled\"}",
                        "assistant: Cancelled.",
                        "customer: Which order was that again?");
    }

    @Test
    void aWriteRunsOnlyAfterTheCustomerSaysYesAndOnlyOnce() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        PendingConfirmation asked = proposeCancellation(conversation, customer);

        assertThat(asked.tool()).isEqualTo("cancel_order");
        assertThat(asked.summary()).isEqualTo("Cancel order #A1");
        assertThat(shop.cancellations).hasValue(0);
        assertThat(shop.status).containsEntry("#A1", "pending");

        model.then(answering("Your order #A1 is cancelled."));
        engine.confirm(visitor, conversation.id(), asked.id(), true);

        await().atMost(WAIT).until(() -> customer.replies().size() == 2);
        assertThat(customer.replies().getLast().content()).isEqualTo("Your order #A1 is cancelled.");
        assertThat(shop.cancellations).hasValue(1);
        assertThat(shop.status).containsEntry("#A1", "cancelled");
        assertThat(resultsSeen(2)).last().satisfies(r -> {
            assertThat(r.toolName()).isEqualTo("cancel_order");
            assertThat(r.content()).contains("cancelled");
        });
        assertThatThrownBy(() -> engine.confirm(visitor, conversation.id(), asked.id(), true))
                .as("a confirmation is single-use")
                .isInstanceOf(ConfirmationNotOpenException.class);
        assertThat(shop.cancellations).hasValue(1);
        assertThat(ledger.calls(organization, conversation.id()))
                .filteredOn(c -> c.tool().equals("cancel_order"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.decision()).isEqualTo(ToolLedger.Decision.YES);
                    assertThat(c.kind()).isEqualTo("write");
                    assertThat(c.result()).contains("cancelled");
                });
        assertThat(shop.runs)
                .filteredOn(r -> r.tool().equals("cancel_order"))
                .singleElement()
                .satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo(asked.id()));
    }

    @Test
    void noChangesNothingAndTheModelHearsItWasDeclined() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        PendingConfirmation asked = proposeCancellation(conversation, customer);
        model.then(answering("All right, I left it as it is."));

        engine.confirm(visitor, conversation.id(), asked.id(), false);

        await().atMost(WAIT).until(() -> customer.replies().size() == 2);
        assertThat(shop.cancellations).hasValue(0);
        assertThat(shop.status).containsEntry("#A1", "pending");
        assertThat(resultsSeen(2)).last().satisfies(r -> {
            assertThat(r.failed()).isTrue();
            assertThat(r.content()).contains(ToolCalls.DECLINED);
        });
        assertThat(ledger.calls(organization, conversation.id()))
                .filteredOn(c -> c.tool().equals("cancel_order"))
                .singleElement()
                .extracting(ToolCallRecord::decision)
                .isEqualTo(ToolLedger.Decision.NO);
    }

    @Test
    void forgedAndOtherConversationsConfirmationsAreRejected() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        PendingConfirmation asked = proposeCancellation(conversation, customer);
        Conversation other = engine.start(visitor, null);
        Visitor stranger = new Visitor(organization, VisitorId.generate(), null);

        assertThatThrownBy(() -> engine.confirm(visitor, conversation.id(), "not-" + asked.id(), true))
                .isInstanceOf(ConfirmationNotOpenException.class);
        assertThatThrownBy(() -> engine.confirm(visitor, other.id(), asked.id(), true))
                .isInstanceOf(ConfirmationNotOpenException.class);
        assertThatThrownBy(() -> engine.confirm(stranger, conversation.id(), asked.id(), true))
                .isInstanceOf(ConversationNotFoundException.class);

        assertThat(shop.cancellations).hasValue(0);
        assertThat(ledger.open(organization, conversation.id())).hasSize(1);
    }

    @Test
    void writingInsteadOfDecidingExpiresTheConfirmation() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        PendingConfirmation asked = proposeCancellation(conversation, customer);
        model.then(answering("Sure, what else?"));

        ask(conversation, customer, "Actually, what are your opening hours?");

        assertThatThrownBy(() -> engine.confirm(visitor, conversation.id(), asked.id(), true))
                .isInstanceOf(ConfirmationNotOpenException.class);
        assertThat(shop.cancellations).hasValue(0);
        assertThat(ledger.calls(organization, conversation.id()))
                .filteredOn(c -> c.tool().equals("cancel_order"))
                .singleElement()
                .extracting(ToolCallRecord::decision)
                .isEqualTo(ToolLedger.Decision.EXPIRED);
        assertThat(model.replyRequests().getLast().messages())
                .as("the model never sees the dropped proposal")
                .noneMatch(m -> m instanceof ChatMessage.Assistant a
                        && a.toolCalls().stream().anyMatch(c -> c.name().equals("cancel_order")));
    }

    @Test
    void aRestartWhileWaitingKeepsTheConfirmation() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        PendingConfirmation asked = proposeCancellation(conversation, customer);
        engine.close(Duration.ofSeconds(5));

        engine = newEngine();
        Customer again = subscribe(engine, conversation);
        assertThat(engine.openConfirmations(visitor, conversation.id()))
                .extracting(PendingConfirmation::id)
                .containsExactly(asked.id());
        model.then(answering("Done: #A1 is cancelled."));
        engine.confirm(visitor, conversation.id(), asked.id(), true);

        await().atMost(WAIT).until(() -> !again.replies().isEmpty());
        assertThat(again.replies().getLast().content()).isEqualTo("Done: #A1 is cancelled.");
        assertThat(shop.cancellations).hasValue(1);
        assertThat(resultsSeen(model.replyRequests().size() - 1))
                .as("the turn went on from what was stored: the identification, then the cancellation")
                .extracting(ChatMessage.ToolResult::toolName)
                .containsExactly("find_customer", "cancel_order");
    }

    @Test
    void toolsRefuseAnotherCustomersDataWhateverTheModelAsks() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        model.then(calling("get_order", "{\"order_id\":\"#B1\"}"))
                .then(calling("find_customer", "{\"email\":\"a@example.com\"}"))
                .then(calling("get_order", "{\"order_id\":\"#B1\"}"))
                .then(calling("find_customer", "{\"email\":\"b@example.com\"}"))
                .then(calling("get_order", "{\"order_id\":\"#B1\"}"))
                .then(answering("I can only help with your own orders."));

        ask(conversation, customer, "Show me order #B1");

        List<ChatMessage.ToolResult> results = resultsSeen(5);
        assertThat(results).hasSize(5);
        assertThat(results.get(0).content()).as("before identification").contains("not identified yet");
        assertThat(results.get(1).content()).isEqualTo("\"user_a\"");
        assertThat(results.get(2).content()).as("another customer's order").contains("Order not found");
        assertThat(results.get(3).content()).as("a second identification").contains("belongs to another customer");
        assertThat(results.get(4).content()).as("still user_a's conversation").contains("Order not found");
        assertThat(ledger.identified(organization, conversation.id())).contains("user_a");
        assertThat(results).noneMatch(r -> r.content().contains("pending"));
    }

    @Test
    void anAdversarialModelNeverChangesAnythingWithoutAYes() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        int attempts = 0;
        model.then(calling("find_customer", "{\"email\":\"a@example.com\"}"));
        for (int i = 0; i < 3; i++) {
            // Several writes in one reply, and again in the next step: at most one is put to the customer.
            model.then((request, sink) -> new ModelReply(
                    "Cancelling now, no need to ask.",
                    List.of(
                            new ToolCall("w1-" + request.messages().size(), "cancel_order", "{\"order_id\":\"#A1\"}"),
                            new ToolCall("w2-" + request.messages().size(), "cancel_order", "{\"order_id\":\"#A1\"}")),
                    ModelReply.FinishReason.TOOL_CALLS,
                    ModelReply.Usage.reported(10, 5),
                    "scripted",
                    "scripted-model"));
            attempts += 2;
            ask(conversation, customer, "cancel #A1 " + i);
        }

        assertThat(attempts).isEqualTo(6);
        assertThat(shop.cancellations).as("writes that ran without a yes").hasValue(0);
        assertThat(shop.runs).noneMatch(r -> r.tool().equals("cancel_order"));
        assertThat(ledger.open(organization, conversation.id()))
                .as("only the latest proposal is open")
                .hasSize(1);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingRuns() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        model.then(calling("find_customer", "{\"mail\":42}"))
                .then(calling("find_customer", "not json"))
                .then(answering("Could you give me your email?"));

        ask(conversation, customer, "find me");

        assertThat(resultsSeen(2))
                .extracting(ChatMessage.ToolResult::content)
                .satisfiesExactly(
                        first -> assertThat(first).contains("Invalid arguments").contains("email"),
                        second -> assertThat(second).contains("not valid JSON"));
        assertThat(shop.runs).isEmpty();
    }

    @Test
    void aToolThatThrowsHangsOrAnswersTenMegabytesFailsAsTextAndTheTurnEnds() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        model.then(calling("broken", "{}"))
                .then(calling("slow", "{}"))
                .then(calling("huge", "{}"))
                .then(answering("Sorry, our systems are slow today."));

        Message reply = ask(conversation, customer, "check something");

        assertThat(reply.content()).isEqualTo("Sorry, our systems are slow today.");
        List<ChatMessage.ToolResult> results = resultsSeen(3);
        assertThat(results).allMatch(ChatMessage.ToolResult::failed);
        assertThat(results.get(0).content()).contains("failed unexpectedly").doesNotContain("hunter2");
        assertThat(results.get(1).content()).contains("did not answer in time");
        assertThat(results.get(2).content()).contains("too large").hasSizeLessThan(200);
        assertThat(ledger.calls(organization, conversation.id()))
                .extracting(ToolCallRecord::error)
                .allMatch(e -> e != null && !e.contains("hunter2"));
    }

    @Test
    void aModelThatLoopsOnToolsIsStoppedAtTheStepBound() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        Customer customer = subscribe(engine, conversation);
        for (int i = 0; i < 50; i++) {
            model.then(calling("find_customer", "{\"email\":\"a@example.com\"}"));
        }

        Message reply = ask(conversation, customer, "loop forever");

        assertThat(model.replyRequests()).hasSize(TurnLoop.MAX_STEPS);
        assertThat(reply.content()).isEqualTo("Sorry, I cannot help.");
        assertThat(ledger.calls(organization, conversation.id())).hasSize(TurnLoop.MAX_STEPS - 1);
    }

    @Test
    void aVerifiedCustomerIsBoundFromTheStartAndCannotBecomeAnother() throws Exception {
        Visitor verified = new Visitor(organization, VisitorId.generate(), "user_b");
        Conversation conversation = engine.start(verified, new io.parley.conversation.Customer("user_b", null, null));
        Customer customer = new Customer();
        engine.subscribe(verified, conversation.id(), ChatEngine.LIVE_ONLY, customer);
        model.then(calling("get_order", "{\"order_id\":\"#B1\"}"))
                .then(calling("find_customer", "{\"email\":\"a@example.com\"}"))
                .then(answering("Your order #B1 is pending."));

        ChatEngine.Posted posted = engine.post(verified, conversation.id(), "where is #B1?", null, customer);
        engine.replyTo(verified, posted.stored().get()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

        List<ChatMessage.ToolResult> results = resultsSeen(2);
        assertThat(results.get(0).content()).contains("pending");
        assertThat(results.get(1).content()).contains("belongs to another customer");
        assertThat(model.replyRequests().getFirst().systemPrompt()).contains("\"user_b\"");
    }
}

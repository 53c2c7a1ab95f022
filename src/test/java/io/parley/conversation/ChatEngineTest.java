package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ToolCall;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final ScriptedModel model = new ScriptedModel();
    private final OrganizationId organization = OrganizationId.generate();
    private final BusinessProfile profile = new BusinessProfile(
            "Trailhead Outfitters",
            "An outdoor gear shop.",
            List.of("Returns are accepted within 30 days."),
            List.of(),
            List.of(),
            "warm",
            "Sorry, I can't help with that. Shall I get a person?");
    private final ProfileVersion version =
            new ProfileVersion(organization, 3, profile, "SYSTEM: Returns are accepted within 30 days.", Instant.now());
    private final Visitor visitor = new Visitor(organization, VisitorId.generate(), null);
    private final RecordedUsage usage = new RecordedUsage();
    private ChatEngine engine = engine(settings(10, Duration.ofSeconds(10)), Duration.ofSeconds(5));

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(5));
    }

    @Test
    void acknowledgesAMessageOnlyOnceItIsStored() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        store.holdWrites();

        ChatEngine.Posted posted = engine.post(visitor, conversation.id(), "Hi", "c1", customer);

        assertThat(posted.stored()).isNotDone();
        assertThat(customer.stored).isEmpty();
        store.releaseWrites();
        await().atMost(WAIT).until(() -> customer.stored.size() == 1);
        assertThat(store.allMessages(conversation.id()))
                .extracting(Message::content)
                .startsWith("Hi");
    }

    @Test
    void streamsTheReplyInPiecesThenSendsItWhole() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Do you sell tents?", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.events).containsSubsequence("stored:1", "typing:assistant", "message:2:assistant");
        List<String> deltas =
                customer.events.stream().filter(e -> e.startsWith("delta:")).toList();
        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas).replace("delta:", "")).isEqualTo("Reply to: Do you sell tents?");
        assertThat(customer.events.indexOf("typing:assistant")).isLessThan(customer.events.indexOf(deltas.getFirst()));
        assertThat(customer.events.indexOf(deltas.getLast()))
                .isLessThan(customer.events.indexOf("message:2:assistant"));
        Message reply = customer.replies().getFirst();
        assertThat(reply.content()).isEqualTo("Reply to: Do you sell tents?");
        assertThat(reply.promptVersion()).isEqualTo(3);
        assertThat(reply.replyTo()).isEqualTo(customer.stored.getFirst().id());
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 2);
    }

    @Test
    void givesTheModelThePromptAndTheWholeConversation() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "first question", "c1", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        engine.post(visitor, conversation.id(), "second question", "c2", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 2);

        var second = model.requests().get(1);
        assertThat(second.systemPrompt()).isEqualTo("SYSTEM: Returns are accepted within 30 days.");
        assertThat(second.grounding().rules()).containsExactly("Returns are accepted within 30 days.");
        assertThat(second.messages())
                .containsExactly(
                        ChatMessage.customer("first question"),
                        ChatMessage.assistant("Reply to: first question"),
                        ChatMessage.customer("second question"));
    }

    @Test
    void answersMessagesThatArriveDuringAReplyOneAtATimeInOrder() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        CountDownLatch firstReplyMayFinish = new CountDownLatch(1);
        model.then((request, sink) -> {
            sink.onDelta("Thinking");
            firstReplyMayFinish.await(10, TimeUnit.SECONDS);
            return ModelReply.text("Thinking", ModelReply.Usage.NONE, "scripted", "scripted");
        });

        engine.post(visitor, conversation.id(), "one", "c1", customer);
        await().atMost(WAIT).until(() -> customer.events.contains("delta:Thinking"));
        engine.post(visitor, conversation.id(), "two", "c2", customer);
        engine.post(visitor, conversation.id(), "three", "c3", customer);
        await().atMost(WAIT).until(() -> customer.stored.size() == 3);
        assertThat(model.requests()).hasSize(1);
        firstReplyMayFinish.countDown();

        await().atMost(WAIT).until(() -> customer.replies().size() == 3);
        assertThat(customer.replies())
                .extracting(Message::content)
                .containsExactly("Thinking", "Reply to: two", "Reply to: three");
        assertThat(model.requests().get(1).messages())
                .containsExactly(
                        ChatMessage.customer("one"), ChatMessage.assistant("Thinking"), ChatMessage.customer("two"));
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 6);
        assertThat(store.allMessages(conversation.id()))
                .extracting(Message::seq)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void resendingAClientMessageIdReturnsTheFirstMessageAndStoresNothingTwice() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        ChatEngine.Posted first = engine.post(visitor, conversation.id(), "Hi", "same-id", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        ChatEngine.Posted again = engine.post(visitor, conversation.id(), "Hi", "same-id", customer);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(first.message());
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 2);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void recognisesAResentClientMessageIdAfterTheConversationLeftMemory() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        engine.post(visitor, conversation.id(), "Hi", "same-id", customer);
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 2);
        engine.close(Duration.ofSeconds(5));

        engine = engine(settings(10, Duration.ofSeconds(10)), Duration.ofSeconds(5));
        ChatEngine.Posted again = engine.post(visitor, conversation.id(), "Hi", "same-id", null);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.message().seq()).isEqualTo(1);
    }

    @Test
    void knowsEveryMessageOfAConversationLongerThanWhatMemoryHolds() {
        engine.close(Duration.ofSeconds(5));
        engine = new ChatEngine(
                store,
                org -> version,
                org -> model,
                UsageRecorder.NONE,
                new ChatSettings(
                        6000,
                        10,
                        100,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(5),
                        1000,
                        2,
                        Duration.ofHours(24),
                        1000,
                        1000,
                        true),
                Duration.ofSeconds(5),
                1024,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new io.parley.conversation.LocalConversationEvents(),
                io.parley.conversation.HandoffPolicy.NEVER,
                text -> 0,
                io.parley.conversation.KnowledgeBase.NONE,
                io.parley.conversation.Toolbox.NONE,
                io.parley.conversation.ToolLedger.NONE,
                io.parley.conversation.Redaction.NONE);
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        for (int i = 1; i <= 8; i++) {
            engine.post(visitor, conversation.id(), "message " + i, "c" + i, customer);
            int replies = i;
            await().atMost(WAIT).until(() -> customer.replies().size() == replies);
        }
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 16);

        ChatEngine.Posted resent = engine.post(visitor, conversation.id(), "message 1", "c1", null);
        RecordingListener replayed = new RecordingListener();
        engine.subscribe(visitor, conversation.id(), 0, replayed);

        assertThat(resent.duplicate()).isTrue();
        assertThat(resent.message().seq()).isEqualTo(1);
        assertThat(replayed.messages)
                .extracting(Message::seq)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 16).boxed().toList());
        assertThat(engine.messages(visitor, conversation.id())).hasSize(16);
    }

    @Test
    void refusesAnotherVisitorsConversationAsIfItDidNotExist() {
        Conversation conversation = engine.start(visitor, null);
        Visitor stranger = new Visitor(organization, VisitorId.generate(), null);
        Visitor otherOrganization = new Visitor(OrganizationId.generate(), visitor.id(), null);

        assertThat(engine.find(stranger, conversation.id())).isEmpty();
        assertThatThrownBy(() -> engine.post(stranger, conversation.id(), "Hi", null, null))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> engine.subscribe(otherOrganization, conversation.id(), 0, new RecordingListener()))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThat(engine.messages(organization, conversation.id())).isPresent();
        assertThat(engine.messages(OrganizationId.generate(), conversation.id()))
                .isEmpty();
    }

    @Test
    void letsAVerifiedCustomerContinueOnAnotherDevice() {
        Visitor laptop = new Visitor(organization, VisitorId.generate(), "cust-7");
        Conversation conversation =
                engine.resumeOrStart(laptop, new Customer("cust-7", "ada@example.com", "Ada"), () -> {});
        Visitor phone = new Visitor(organization, VisitorId.generate(), "cust-7");

        assertThat(engine.resumeOrStart(phone, new Customer("cust-7", null, null), () -> {})
                        .id())
                .isEqualTo(conversation.id());
        assertThat(engine.find(phone, conversation.id())).isPresent();
        assertThat(engine.find(new Visitor(organization, phone.id(), null), conversation.id()))
                .isEmpty();
    }

    @Test
    void refusesACustomerWhoSendsTooFast() {
        engine.close(Duration.ofSeconds(5));
        engine = engine(settings(3, Duration.ofSeconds(10)), Duration.ofSeconds(5));
        Conversation conversation = engine.start(visitor, null);
        for (int i = 0; i < 3; i++) {
            engine.post(visitor, conversation.id(), "message " + i, "c" + i, null);
        }

        assertThatThrownBy(() -> engine.post(visitor, conversation.id(), "one more", "c3", null))
                .isInstanceOfSatisfying(SendRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SendRejectedException.Reason.RATE_LIMITED);
                    assertThat(e.retryAfter())
                            .hasValueSatisfying(wait -> assertThat(wait).isPositive());
                });
    }

    @Test
    void refusesEmptyAndOverlongMessagesAndStoresNothing() {
        Conversation conversation = engine.start(visitor, null);
        String fourThousandEmoji = "🏔".repeat(4000);

        assertThat(engine.post(visitor, conversation.id(), fourThousandEmoji, "ok", null)
                        .message()
                        .content())
                .hasSize(8000);
        assertThatThrownBy(() -> engine.post(visitor, conversation.id(), "x".repeat(4001), "long", null))
                .isInstanceOfSatisfying(SendRejectedException.class, e -> assertThat(e.reason())
                        .isEqualTo(SendRejectedException.Reason.TOO_LONG));
        assertThatThrownBy(() -> engine.post(visitor, conversation.id(), "   ", "blank", null))
                .isInstanceOfSatisfying(SendRejectedException.class, e -> assertThat(e.reason())
                        .isEqualTo(SendRejectedException.Reason.EMPTY));
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 2);
        assertThat(store.allMessages(conversation.id()))
                .extracting(Message::clientMessageId)
                .containsExactly("ok", null);
    }

    @Test
    void repliesWithTheFallbackMessageWhenTheModelIsMisconfigured() {
        model.then((request, sink) -> {
            throw new ModelException(ModelException.Kind.MISCONFIGURED, "bad key");
        });
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Hi", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.replies().getFirst().content()).isEqualTo(profile.fallbackMessage());
        assertThat(customer.replies().getFirst().model()).isEqualTo("fallback");
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void retriesAModelFailureThatHappenedBeforeTheCustomerSawAnything() {
        model.then((request, sink) -> {
            throw new ModelException(ModelException.Kind.RATE_LIMITED, "slow down", Duration.ofMillis(20), null);
        });
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Hi", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.replies().getFirst().content()).isEqualTo("Reply to: Hi");
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void restartsAReplyWhoseStreamBrokeAndNeverPresentsTheBrokenOneAsFinished() {
        model.then((request, sink) -> {
            sink.onDelta("Our return window is");
            throw new ModelException(ModelException.Kind.INVALID_RESPONSE, "stream ended early");
        });
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Returns?", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.events).containsSubsequence("delta:Our return window is", "restart");
        assertThat(customer.shownSinceRestart()).isEqualTo("Reply to: Returns?");
        assertThat(customer.replies().getFirst().content()).isEqualTo("Reply to: Returns?");
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void withdrawsABrokenReplyAndSendsTheFallbackWhenNoRetryHelps() {
        for (int i = 0; i < 3; i++) {
            model.then((request, sink) -> {
                sink.onDelta("Our return window is");
                throw new ModelException(ModelException.Kind.INVALID_RESPONSE, "stream ended early");
            });
        }
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Returns?", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.replies().getFirst().content()).isEqualTo(profile.fallbackMessage());
        assertThat(customer.events.getLast()).startsWith("message:");
        assertThat(customer.events.get(customer.events.size() - 2)).isEqualTo("restart");
        assertThat(model.requests()).hasSize(3);
    }

    @Test
    void recordsWhatEachReplyUsedAgainstItsMessage() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Do you sell tents?", "c1", customer);

        await().atMost(WAIT).until(() -> usage.calls.size() == 1);
        RecordedUsage.Call call = usage.calls.getFirst();
        assertThat(call.purpose()).isEqualTo(io.parley.usage.ModelCall.Purpose.REPLY);
        assertThat(call.organization()).isEqualTo(organization);
        assertThat(call.conversation()).isEqualTo(conversation.id());
        assertThat(call.message()).isEqualTo(customer.replies().getFirst().id());
        assertThat(call.reply().usage()).isEqualTo(ModelReply.Usage.reported(10, 5));
        assertThat(call.reply().provider()).isEqualTo("scripted");
    }

    @Test
    void answersAModelThatAsksForAToolNobodyOffersAndAddsUpTheTurnsUsage() {
        model.then((request, sink) -> new ModelReply(
                        "",
                        List.of(new ToolCall("call_1", "cancel_order", "{\"order_id\":\"W1\"}")),
                        ModelReply.FinishReason.TOOL_CALLS,
                        ModelReply.Usage.reported(30, 8),
                        "scripted",
                        "scripted-model"))
                .then((request, sink) -> ScriptedModel.answer("I cannot cancel orders here.", sink));
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Cancel W1", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.replies().getFirst().content()).isEqualTo("I cannot cancel orders here.");
        assertThat(model.requests().get(1).messages())
                .endsWith(
                        new ChatMessage.Assistant(
                                "", List.of(new ToolCall("call_1", "cancel_order", "{\"order_id\":\"W1\"}"))),
                        new ChatMessage.ToolResult(
                                "call_1", "cancel_order", "{\"error\":\"No such tool is available.\"}", true));
        await().atMost(WAIT).until(() -> usage.calls.size() == 1);
        assertThat(usage.calls.getFirst().reply().usage()).isEqualTo(ModelReply.Usage.reported(40, 13));
    }

    @Test
    void stopsAskingTheModelAfterABoundedNumberOfToolRounds() {
        for (int i = 0; i < TurnLoop.MAX_STEPS + 2; i++) {
            model.then((request, sink) -> new ModelReply(
                    "",
                    List.of(new ToolCall("call", "lookup", "{}")),
                    ModelReply.FinishReason.TOOL_CALLS,
                    ModelReply.Usage.NONE,
                    "scripted",
                    "scripted-model"));
        }
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Loop forever", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.replies().getFirst().content()).isEqualTo(profile.fallbackMessage());
        assertThat(model.requests()).hasSize(TurnLoop.MAX_STEPS);
    }

    @Test
    void summarizesOlderTurnsOnceTheConversationOutgrowsItsBudgetAndShowsTheModelTheSummaryInstead() {
        engine.close(Duration.ofSeconds(5));
        engine = engine(
                new ChatSettings(
                        600,
                        50,
                        1000,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(5),
                        1000,
                        2,
                        Duration.ofHours(24),
                        1000,
                        1000,
                        true),
                Duration.ofSeconds(5));
        model.summarizeWith("SUMMARY: asked about boots sizes 1 to 5.");
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        for (int i = 1; i <= 12; i++) {
            engine.post(
                    visitor,
                    conversation.id(),
                    "Question " + i + " about boots: " + "words ".repeat(20),
                    "c" + i,
                    customer);
            int replies = i;
            await().atMost(WAIT).until(() -> customer.replies().size() == replies);
        }
        await().atMost(WAIT)
                .until(() -> store.summary(organization, conversation.id()).isPresent());
        engine.post(visitor, conversation.id(), "And one more question", "last", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 13);

        var last = model.replyRequests().getLast();
        assertThat(last.systemPrompt())
                .startsWith("SYSTEM: Returns are accepted within 30 days.")
                .contains("SUMMARY: asked about boots sizes 1 to 5.");
        assertThat(last.messages())
                .doesNotContain(ChatMessage.customer("Question 1 about boots: " + "words ".repeat(20)));
        assertThat(last.messages().getLast()).isEqualTo(ChatMessage.customer("And one more question"));
        HistorySummary summary = store.summary(organization, conversation.id()).orElseThrow();
        assertThat(summary.throughSeq()).isGreaterThan(2);
        var summaryRequest = model.summaryRequests().getFirst();
        assertThat(summaryRequest.messages().getFirst())
                .isInstanceOfSatisfying(ChatMessage.Customer.class, data -> assertThat(data.text())
                        .startsWith("<conversation>\nCustomer: Question 1 about boots"));
        assertThat(usage.of(io.parley.usage.ModelCall.Purpose.SUMMARY)).isNotEmpty();
    }

    @Test
    void triesOutAProfileWithoutStoringAnyConversation() {
        ChatEngine.TryOut tried = engine.tryOut(
                organization,
                version,
                List.of(ChatMessage.customer("Hi"), ChatMessage.assistant("Hello! How can I help?")),
                "Can I return boots?");

        assertThat(tried.reply()).isEqualTo("Reply to: Can I return boots?");
        assertThat(tried.answered()).isTrue();
        assertThat(tried.model()).isEqualTo("scripted-model");
        assertThat(tried.cost()).isEqualByComparingTo("0.01");
        assertThat(model.requests().getLast().messages())
                .containsExactly(
                        ChatMessage.customer("Hi"),
                        ChatMessage.assistant("Hello! How can I help?"),
                        ChatMessage.customer("Can I return boots?"));
        assertThat(store.conversationCount()).isZero();
        assertThat(usage.of(io.parley.usage.ModelCall.Purpose.PLAYGROUND)).hasSize(1);
    }

    @Test
    void purgesConversationsThatNeverGotAMessageExceptThoseOpenNow() {
        engine.close(Duration.ofSeconds(5));
        engine = engine(
                new ChatSettings(
                        6000,
                        50,
                        1000,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(5),
                        1000,
                        2,
                        Duration.ofMillis(1),
                        1000,
                        1000,
                        true),
                Duration.ofSeconds(5));
        Conversation abandoned = engine.start(visitor, null);
        Conversation open = engine.start(visitor, null);
        RecordingListener listener = subscribe(open);
        Conversation talkedIn = engine.start(visitor, null);
        RecordingListener customer = subscribe(talkedIn);
        engine.post(visitor, talkedIn.id(), "Hello", "c1", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        await().atMost(WAIT).until(() -> store.allMessages(talkedIn.id()).size() == 2);
        await().atMost(WAIT)
                .until(() -> Instant.now().isAfter(abandoned.startedAt().plusMillis(5)));

        int deleted = engine.purgeEmptyConversations();

        assertThat(deleted).isEqualTo(1);
        assertThat(engine.find(organization, abandoned.id())).isEmpty();
        assertThat(engine.find(organization, open.id())).isPresent();
        assertThat(listener.events).isEmpty();
    }

    @Test
    void cutsARunawayReplyAndStoresWhatTheCustomerSaw() {
        model.then((request, sink) -> {
            for (int i = 0; i < 2_000; i++) {
                sink.onDelta("blah blah ");
            }
            return ModelReply.text("blah blah ".repeat(2_000), ModelReply.Usage.NONE, "scripted", "scripted");
        });
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Tell me everything", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        String shown = customer.events.stream()
                .filter(e -> e.startsWith("delta:"))
                .map(e -> e.substring("delta:".length()))
                .reduce("", String::concat);
        assertThat(shown).hasSize(StreamedText.MAX_REPLY_LENGTH);
        assertThat(customer.replies().getFirst().content())
                .startsWith(shown.stripTrailing())
                .endsWith(" …");
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 2);
        assertThat(store.allMessages(conversation.id()).get(1).content())
                .isEqualTo(customer.replies().getFirst().content());
    }

    @Test
    void doesNotLetAModelThatIgnoresItsTimeoutHoldTheConversation() {
        engine.close(Duration.ofSeconds(5));
        engine = engine(settings(10, Duration.ofSeconds(10)), Duration.ofMillis(200));
        model.then((request, sink) -> {
            new CountDownLatch(1).await(); // hangs until interrupted
            return null;
        });
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Hello?", "c1", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        engine.post(visitor, conversation.id(), "Still there?", "c2", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 2);
        assertThat(customer.replies())
                .extracting(Message::content)
                .containsExactly(profile.fallbackMessage(), "Reply to: Still there?");
    }

    @Test
    void tellsTheSenderWhenItsMessageIsNotStoredYetAndAcknowledgesItOnceItIs() {
        engine.close(Duration.ofSeconds(5));
        engine = engine(settings(10, Duration.ofMillis(200)), Duration.ofSeconds(5));
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        store.goAway();

        engine.post(visitor, conversation.id(), "Are you there?", "c1", customer);

        await().atMost(WAIT).until(() -> customer.events.contains("delayed:1"));
        assertThat(customer.stored).isEmpty();
        store.comeBack();
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.events).containsSubsequence("delayed:1", "stored:1", "message:2:assistant");
    }

    @Test
    void storesEveryReplyTheCustomerSawBeforeClosingCompletes() throws Exception {
        CountDownLatch writesHeld = new CountDownLatch(1);
        model.then((request, sink) -> {
            writesHeld.await(10, TimeUnit.SECONDS);
            return ScriptedModel.answer("Hello!", sink);
        });
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        engine.post(visitor, conversation.id(), "Hi", "c1", customer);
        await().atMost(WAIT).until(() -> customer.stored.size() == 1);
        store.holdWrites();
        writesHeld.countDown();
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);

        Thread closer = Thread.ofPlatform().start(() -> engine.close(Duration.ofSeconds(10)));
        await().atMost(WAIT).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        assertThat(store.allMessages(conversation.id())).hasSize(1);
        store.releaseWrites();
        closer.join(WAIT.toMillis());

        assertThat(closer.isAlive()).isFalse();
        assertThat(store.allMessages(conversation.id()))
                .extracting(Message::role)
                .containsExactly(MessageRole.CUSTOMER, MessageRole.ASSISTANT);
    }

    @Test
    void replaysEveryMessageAfterTheGivenSeqInOrder() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener first = subscribe(conversation);
        engine.post(visitor, conversation.id(), "one", "c1", first);
        await().atMost(WAIT).until(() -> first.replies().size() == 1);
        engine.post(visitor, conversation.id(), "two", "c2", first);
        await().atMost(WAIT).until(() -> first.replies().size() == 2);

        RecordingListener reconnected = new RecordingListener();
        engine.subscribe(visitor, conversation.id(), 1, reconnected);

        assertThat(reconnected.messages).extracting(Message::seq).containsExactly(2L, 3L, 4L);
    }

    @Test
    void showsAnotherDeviceTheCustomersMessageAndTheReply() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener sender = subscribe(conversation);
        RecordingListener otherTab = subscribe(conversation);

        engine.post(visitor, conversation.id(), "Hi", "c1", sender);

        await().atMost(WAIT).until(() -> otherTab.replies().size() == 1);
        assertThat(otherTab.events).containsSubsequence("message:1:customer", "message:2:assistant");
        assertThat(sender.events).doesNotContain("message:1:customer").contains("stored:1");
    }

    @Test
    void answersAMessageThatACrashLeftUnanswered() {
        Conversation conversation = engine.start(visitor, null);
        store.appendAll(List.of(new Message(
                MessageId.generate(),
                organization,
                conversation.id(),
                1,
                MessageRole.CUSTOMER,
                "Anyone?",
                Instant.now(),
                "c1",
                null,
                null,
                null,
                List.of())));

        RecordingListener customer = subscribe(conversation);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.replies().getFirst().content()).isEqualTo("Reply to: Anyone?");
    }

    @Test
    void catchesUpALateListenerOnTheReplyBeingWritten() throws Exception {
        CountDownLatch mayFinish = new CountDownLatch(1);
        model.then((request, sink) -> {
            sink.onDelta("Half of ");
            mayFinish.await(10, TimeUnit.SECONDS);
            sink.onDelta("it");
            return ModelReply.text("Half of it", ModelReply.Usage.NONE, "scripted", "scripted");
        });
        Conversation conversation = engine.start(visitor, null);
        RecordingListener sender = subscribe(conversation);
        engine.post(visitor, conversation.id(), "Hi", "c1", sender);
        await().atMost(WAIT).until(() -> sender.events.contains("delta:Half of "));

        RecordingListener late = subscribe(conversation);
        mayFinish.countDown();

        await().atMost(WAIT).until(() -> late.replies().size() == 1);
        assertThat(late.events)
                .containsExactly("typing:assistant", "delta:Half of ", "delta:it", "message:2:assistant");
    }

    @Test
    void recordsFeedbackOnlyOnReplies() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        engine.post(visitor, conversation.id(), "Hi", "c1", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        Message reply = customer.replies().getFirst();

        assertThat(engine.rate(visitor, reply.id(), new Feedback(Feedback.Rating.UP, null, Instant.now())))
                .isTrue();
        assertThat(engine.rate(
                        visitor,
                        customer.stored.getFirst().id(),
                        new Feedback(Feedback.Rating.UP, null, Instant.now())))
                .isFalse();
        assertThatThrownBy(() -> engine.rate(
                        new Visitor(organization, VisitorId.generate(), null),
                        reply.id(),
                        new Feedback(Feedback.Rating.DOWN, null, Instant.now())))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThat(store.feedbackCount(reply.id())).isEqualTo(1);
    }

    private RecordingListener subscribe(Conversation conversation) {
        RecordingListener listener = new RecordingListener();
        engine.subscribe(visitor, conversation.id(), ChatEngine.LIVE_ONLY, listener);
        return listener;
    }

    private ChatEngine engine(ChatSettings settings, Duration modelTimeout) {
        return new ChatEngine(
                store,
                org -> version,
                org -> model,
                usage,
                settings,
                modelTimeout,
                1024,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new io.parley.conversation.LocalConversationEvents(),
                io.parley.conversation.HandoffPolicy.NEVER,
                text -> 0,
                io.parley.conversation.KnowledgeBase.NONE,
                io.parley.conversation.Toolbox.NONE,
                io.parley.conversation.ToolLedger.NONE,
                io.parley.conversation.Redaction.NONE);
    }

    private static ChatSettings settings(int rateLimitMessages, Duration ackTimeout) {
        return new ChatSettings(
                6000,
                200,
                rateLimitMessages,
                Duration.ofSeconds(30),
                ackTimeout,
                Duration.ofMinutes(5),
                1000,
                2,
                Duration.ofHours(24),
                1000,
                1000,
                true);
    }
}

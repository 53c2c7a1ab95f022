package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ToolCall;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conversation as a state machine of who handles it: the assistant, people, and the races between them. */
class HandoffTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final ScriptedModel model = new ScriptedModel();
    private final OrganizationId organization = OrganizationId.generate();
    private final BusinessProfile profile = new BusinessProfile(
            "Trailhead Outfitters", "An outdoor gear shop.", List.of(), List.of(), List.of(), "warm", "Sorry.");
    private final ProfileVersion version = new ProfileVersion(organization, 1, profile, "SYSTEM", Instant.now());
    private final Visitor visitor = new Visitor(organization, VisitorId.generate(), null);
    private final MessageAuthor sam = new MessageAuthor(MemberId.generate(), "Sam");
    private final MessageAuthor alex = new MessageAuthor(MemberId.generate(), "Alex");
    private final LocalConversationEvents events = new LocalConversationEvents();
    private final List<ConversationEvent> team = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hands over when the customer says "person", after two negative messages, or after two fallbacks. */
    private final HandoffPolicy policy = new HandoffPolicy() {
        @Override
        public Optional<Handoff> review(
                OrganizationId organization, Message message, int negativeRun, String lastAssistantText) {
            if (message.content().contains("person")) {
                return Optional.of(new Handoff("customer_asked", null));
            }
            return negativeRun >= 2 ? Optional.of(new Handoff("negative_sentiment", null)) : Optional.empty();
        }

        @Override
        public Optional<Handoff> afterFallbacks(OrganizationId organization, int fallbackRun) {
            return fallbackRun >= 2 ? Optional.of(new Handoff("repeated_fallback", null)) : Optional.empty();
        }

        @Override
        public Waiting waiting(OrganizationId organization, Instant now) {
            return new Waiting("Connecting you with our team.", false);
        }
    };

    private final ChatEngine engine = new ChatEngine(
            store,
            org -> version,
            org -> model,
            UsageRecorder.NONE,
            ChatSettings.defaults(),
            Duration.ofSeconds(5),
            1024,
            Clock.systemUTC(),
            new SimpleMeterRegistry(),
            events,
            policy,
            text -> text.contains("awful") ? -0.8 : 0.1,
            io.parley.conversation.KnowledgeBase.NONE,
            io.parley.conversation.Toolbox.NONE,
            io.parley.conversation.ToolLedger.NONE,
            io.parley.conversation.Redaction.NONE);

    {
        events.listen(organization, team::add);
    }

    @AfterEach
    void close() {
        engine.close(Duration.ofSeconds(5));
    }

    @Test
    void aCustomerAskingForAPersonWaitsForOneAndNoModelIsCalled() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        ChatEngine.Posted posted = engine.post(visitor, conversation.id(), "I want a person", "c1", customer);

        await().atMost(WAIT).until(() -> customer.statuses.size() == 1);
        assertThat(customer.events).containsSubsequence("stored:1", "status:waiting_for_agent:customer_asked");
        assertThat(customer.statuses.getFirst().text()).isEqualTo("Connecting you with our team.");
        Message notice = engine.replyTo(visitor, posted.stored().get()).get(5, TimeUnit.SECONDS);
        assertThat(notice.role()).isEqualTo(MessageRole.SYSTEM);
        assertThat(notice.content()).isEqualTo("Connecting you with our team.");
        assertThat(model.requests()).isEmpty();
        assertThat(store.find(organization, conversation.id()).orElseThrow().status())
                .isEqualTo(ConversationStatus.WAITING_FOR_AGENT);
        StatusChange change =
                store.statusChanges(organization, conversation.id()).getFirst();
        assertThat(change.reason()).isEqualTo("customer_asked");
        assertThat(change.actor()).isEqualTo(Actor.PLATFORM);
        assertThat(team).anyMatch(e -> e instanceof ConversationEvent.StatusChanged);
    }

    @Test
    void noModelIsCalledWhileAPersonHandlesTheConversation() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        engine.claim(organization, conversation.id(), sam);

        for (int i = 1; i <= 3; i++) {
            engine.post(visitor, conversation.id(), "question " + i, "c" + i, customer);
        }
        await().atMost(WAIT).until(() -> customer.stored.size() == 3);
        engine.postAsAgent(organization, conversation.id(), sam, "Hi, Sam here.");

        await().atMost(WAIT).until(() -> customer.messages.stream().anyMatch(m -> m.role() == MessageRole.AGENT));
        Message fromSam = customer.messages.stream()
                .filter(m -> m.role() == MessageRole.AGENT)
                .findFirst()
                .orElseThrow();
        assertThat(fromSam.author()).isEqualTo(sam);
        assertThat(model.requests()).as("model calls while Sam handles it").isEmpty();
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 5);
        assertThat(store.allMessages(conversation.id()))
                .extracting(Message::role)
                .containsExactly(
                        MessageRole.SYSTEM,
                        MessageRole.CUSTOMER,
                        MessageRole.CUSTOMER,
                        MessageRole.CUSTOMER,
                        MessageRole.AGENT);
        assertThat(team)
                .filteredOn(e -> e instanceof ConversationEvent.Typing t && t.role() == MessageRole.ASSISTANT)
                .isEmpty();
    }

    @Test
    void aReplyStreamingWhenAPersonClaimsIsCutWhereItIsAndNeverInterleavesWithThem() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        CountDownLatch claimed = new CountDownLatch(1);
        model.then((request, sink) -> {
            sink.onDelta("Let me check");
            claimed.await(10, TimeUnit.SECONDS);
            sink.onDelta(" your order… it shipped.");
            return ModelReply.text("Let me check your order… it shipped.", ModelReply.Usage.NONE, "s", "s");
        });

        engine.post(visitor, conversation.id(), "Where is my order?", "c1", customer);
        await().atMost(WAIT).until(() -> customer.events.contains("delta:Let me check"));
        engine.claim(organization, conversation.id(), sam);
        engine.postAsAgent(organization, conversation.id(), sam, "Sam here, looking at it.");
        claimed.countDown();

        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 4);
        await().atMost(WAIT).until(() -> !engine.isAnswering(organization, conversation.id()));
        assertThat(store.allMessages(conversation.id()))
                .extracting(Message::role, Message::content)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MessageRole.CUSTOMER, "Where is my order?"),
                        org.assertj.core.groups.Tuple.tuple(MessageRole.ASSISTANT, "Let me check"),
                        org.assertj.core.groups.Tuple.tuple(
                                MessageRole.SYSTEM, "Sam from our team has joined the conversation."),
                        org.assertj.core.groups.Tuple.tuple(MessageRole.AGENT, "Sam here, looking at it."));
        assertThat(customer.events)
                .containsSubsequence(
                        "delta:Let me check",
                        "message:2:assistant",
                        "status:agent:claimed",
                        "message:3:system",
                        "message:4:agent")
                .doesNotContain("delta: your order… it shipped.");
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void twoPeopleClaimingAtOnceNeverBothGetIt() throws Exception {
        for (int round = 0; round < 20; round++) {
            Conversation conversation = engine.start(visitor, null);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<String>> outcomes = new ArrayList<>();
            for (MessageAuthor member : List.of(sam, alex)) {
                // Each on its own thread: the common pool has one thread on a two-core machine.
                outcomes.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                together.await(5, TimeUnit.SECONDS);
                                engine.claim(organization, conversation.id(), member);
                                return "claimed";
                            } catch (ConversationTakenException e) {
                                return "taken";
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            List<String> results =
                    outcomes.stream().map(CompletableFuture::join).toList();

            assertThat(results).containsExactlyInAnyOrder("claimed", "taken");
            assertThat(store.statusChanges(organization, conversation.id())).hasSize(1);
            Conversation now = engine.find(organization, conversation.id()).orElseThrow();
            assertThat(now.status()).isEqualTo(ConversationStatus.AGENT);
            assertThat(now.assignee()).isIn(sam.id(), alex.id());
        }
    }

    @Test
    void aCustomerMessageArrivingDuringAClaimIsLeftToThePerson() throws Exception {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        store.holdWrites();
        ChatEngine.Posted posted = engine.post(visitor, conversation.id(), "Hello?", "c1", customer);

        engine.claim(organization, conversation.id(), sam);
        store.releaseWrites();

        await().atMost(WAIT).until(() -> customer.stored.size() == 1);
        Message reply = engine.replyTo(visitor, posted.stored().get()).get(5, TimeUnit.SECONDS);
        assertThat(reply.role()).as("the customer learns a person answers").isEqualTo(MessageRole.SYSTEM);
        assertThat(model.requests()).isEmpty();
        assertThat(engine.find(organization, conversation.id()).orElseThrow().status())
                .isEqualTo(ConversationStatus.AGENT);
    }

    @Test
    void writingAfterResolvedReopensTheConversationWithTheAssistantAndTheTeamSeesIt() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        engine.claim(organization, conversation.id(), sam);
        engine.resolve(organization, conversation.id(), Actor.member(sam));

        engine.post(visitor, conversation.id(), "One more thing", "c1", customer);

        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.events)
                .containsSubsequence("status:agent:claimed", "status:resolved:resolved", "status:bot:reopened");
        assertThat(model.requests()).hasSize(1);
        assertThat(store.statusChanges(organization, conversation.id()))
                .extracting(StatusChange::reason, c -> c.actor().id())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("claimed", sam.id().value()),
                        org.assertj.core.groups.Tuple.tuple("resolved", sam.id().value()),
                        org.assertj.core.groups.Tuple.tuple("reopened", "customer"));
        assertThat(team)
                .filteredOn(e -> e instanceof ConversationEvent.StatusChanged s
                        && s.change().reason().equals("reopened"))
                .hasSize(1);
    }

    @Test
    void theModelsTransferToHumanToolHandsTheConversationOver() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        model.then((request, sink) -> {
            assertThat(request.tools()).extracting(t -> t.name()).contains("transfer_to_human");
            return new ModelReply(
                    "",
                    List.of(new ToolCall("call-1", "transfer_to_human", "{\"reason\":\"refund dispute\"}")),
                    ModelReply.FinishReason.TOOL_CALLS,
                    ModelReply.Usage.NONE,
                    "s",
                    "s");
        });

        engine.post(visitor, conversation.id(), "I was charged twice", "c1", customer);

        await().atMost(WAIT).until(() -> customer.statuses.size() == 1);
        assertThat(customer.statuses.getFirst().change().reason()).isEqualTo("model_requested");
        assertThat(customer.statuses.getFirst().change().actor()).isEqualTo(Actor.ASSISTANT);
        assertThat(customer.replies()).extracting(Message::content).containsExactly(TransferToHuman.SAY);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void theAssistantFallingBackTwiceInARowHandsOver() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);
        for (int i = 0; i < 2; i++) {
            model.then((request, sink) -> {
                throw new ModelException(ModelException.Kind.MISCONFIGURED, "bad key");
            });
        }

        engine.post(visitor, conversation.id(), "Hi", "c1", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        assertThat(customer.statuses).isEmpty();
        engine.post(visitor, conversation.id(), "Hello?", "c2", customer);

        await().atMost(WAIT).until(() -> customer.statuses.size() == 1);
        assertThat(customer.statuses.getFirst().change().reason()).isEqualTo("repeated_fallback");
    }

    @Test
    void aRunOfNegativeMessagesHandsOverAndTheSentimentIsStoredWithEach() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.post(visitor, conversation.id(), "This is awful", "c1", customer);
        await().atMost(WAIT).until(() -> customer.replies().size() == 1);
        engine.post(visitor, conversation.id(), "Still awful", "c2", customer);

        await().atMost(WAIT).until(() -> customer.statuses.size() == 1);
        assertThat(customer.statuses.getFirst().change().reason()).isEqualTo("negative_sentiment");
        assertThat(customer.stored).extracting(Message::sentiment).containsExactly(-0.8, -0.8);
        await().atMost(WAIT).until(() -> store.allMessages(conversation.id()).size() == 4);
        assertThat(store.allMessages(conversation.id()))
                .filteredOn(m -> m.role() == MessageRole.CUSTOMER)
                .extracting(Message::sentiment)
                .containsExactly(-0.8, -0.8);
    }

    @Test
    void anotherOrganizationCannotTouchTheConversation() {
        Conversation conversation = engine.start(visitor, null);
        OrganizationId other = OrganizationId.generate();

        assertThatThrownBy(() -> engine.claim(other, conversation.id(), sam))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> engine.postAsAgent(other, conversation.id(), sam, "hi"))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> engine.addNote(other, conversation.id(), sam, "note"))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThat(store.statusChanges(organization, conversation.id())).isEmpty();
    }

    @Test
    void notesReachTheTeamButNeverTheCustomer() {
        Conversation conversation = engine.start(visitor, null);
        RecordingListener customer = subscribe(conversation);

        engine.addNote(organization, conversation.id(), sam, "VIP customer, be nice");

        assertThat(team).anyMatch(e -> e instanceof ConversationEvent.NoteAdded);
        assertThat(customer.events).isEmpty();
        assertThat(engine.notes(organization, conversation.id()))
                .extracting(Note::content)
                .containsExactly("VIP customer, be nice");
    }

    private RecordingListener subscribe(Conversation conversation) {
        RecordingListener listener = new RecordingListener();
        engine.subscribe(visitor, conversation.id(), ChatEngine.LIVE_ONLY, listener);
        return listener;
    }
}

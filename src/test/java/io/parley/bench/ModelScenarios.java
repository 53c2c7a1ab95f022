package io.parley.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.conversation.ChatEngine;
import io.parley.conversation.ChatSettings;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationListener;
import io.parley.conversation.InMemoryConversationStore;
import io.parley.conversation.Message;
import io.parley.conversation.MessageId;
import io.parley.conversation.MessageRole;
import io.parley.conversation.UsageRecorder;
import io.parley.conversation.Visitor;
import io.parley.conversation.VisitorId;
import io.parley.llm.ChatMessage;
import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import io.parley.tenant.BusinessProfile;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;
import io.parley.tenant.PromptComposer;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Benchmarks of the model layer: what summaries save, and what a breaker spares a dead provider and its callers. */
final class ModelScenarios {

    private ModelScenarios() {}

    /**
     * {@code summary}: one scripted 50-turn conversation through the real engine (in this process, an in-memory store,
     * the default 6,000-token history budget), with summaries off and on. Reports the prompt tokens the model gets at
     * turns 1, 10 and 50, the summaries' own cost, and whether an order number from turn 1 is still in the model's view
     * at turn 50.
     */
    static void summary(Bench bench) throws Exception {
        int turns = bench.settings().integer("turns", 50);
        Map<String, Object> results = new LinkedHashMap<>();
        for (boolean summarize : new boolean[] {false, true}) {
            results.put(summarize ? "withSummaries" : "withoutSummaries", conversation(turns, summarize));
        }
        bench.put("summary", results);
    }

    private static Map<String, Object> conversation(int turns, boolean summarize) throws Exception {
        OrganizationId organization = OrganizationId.generate();
        BusinessProfile profile = new BusinessProfile(
                "Trailhead Outfitters",
                "An outdoor shop in Denver selling tents, sleeping bags, backpacks and boots, online and in store.",
                List.of(
                        "Returns are accepted within 30 days with the receipt.",
                        "Orders over $50 ship free within the US.",
                        "Never promise a delivery date the carrier has not confirmed."),
                List.of("Suggest half a size up for hiking boots."),
                List.of("Repair before replace."),
                "Warm and concise",
                "Let me connect you with our team.");
        ProfileVersion version =
                new ProfileVersion(organization, 1, profile, new PromptComposer().compose(profile), Instant.now());
        CountingModel model = new CountingModel();
        ChatEngine engine = new ChatEngine(
                new InMemoryConversationStore(),
                org -> version,
                org -> model,
                UsageRecorder.NONE,
                // The defaults, but for the rate limit: this customer does not pause to read.
                new ChatSettings(
                        6000,
                        50,
                        1_000_000,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(5),
                        50_000,
                        2,
                        Duration.ofHours(24),
                        60,
                        1000,
                        summarize),
                Duration.ofSeconds(30),
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
        try {
            Visitor visitor = new Visitor(organization, VisitorId.generate(), null);
            Conversation conversation = engine.start(visitor, null);
            Replies replies = new Replies();
            engine.subscribe(visitor, conversation.id(), ChatEngine.LIVE_ONLY, replies);
            for (int turn = 1; turn <= turns; turn++) {
                String text = turn == 1
                        ? "Hi, my order W4417 arrived with a torn tent fly. Can I get a replacement or a refund?"
                        : question(turn);
                CompletableFuture<Void> replied = replies.next();
                engine.post(visitor, conversation.id(), text, "turn-" + turn, replies);
                replied.get(30, TimeUnit.SECONDS);
                model.awaitSummaries();
            }
            Map<String, Object> result = new LinkedHashMap<>();
            List<ModelRequest> asked = List.copyOf(model.replies);
            result.put("promptTokensAtTurn1", Tokens.countInput(asked.getFirst()));
            result.put("promptTokensAtTurn10", Tokens.countInput(asked.get(Math.min(9, asked.size() - 1))));
            result.put("promptTokensAtTurn50", Tokens.countInput(asked.getLast()));
            result.put("messagesSeenAtTurn50", asked.getLast().messages().size());
            result.put("summaryCalls", model.summaries.get());
            result.put("summaryTokens", model.summaryTokens.get());
            ModelRequest last = asked.getLast();
            boolean remembers = last.systemPrompt().contains("W4417")
                    || last.messages().stream()
                            .anyMatch(m -> m instanceof ChatMessage.Customer c
                                    && c.text().contains("W4417"));
            result.put("turn1OrderNumberVisibleAtTurn50", remembers);
            return result;
        } finally {
            engine.close(Duration.ofSeconds(5));
        }
    }

    private static String question(int turn) {
        String[] topics = {
            "Do you have the Alpine 2 tent in green, and how heavy is it with the footprint?",
            "What sleeping bag would you recommend for camping at 10,000 feet in September?",
            "Can I pick up an online order at the Denver store the same day?",
            "My boots rub at the heel after five miles; would half a size up help or is it the lacing?",
            "Do you repair zippers on backpacks bought elsewhere, and how long does it take?"
        };
        return "Question " + turn + ": " + topics[turn % topics.length];
    }

    /**
     * Answers replies with 60 words at once; answers summary requests with the order numbers it finds in them (as a
     * model's summary would keep them). Counts what it was asked.
     */
    private static final class CountingModel implements LanguageModel {
        private static final Pattern ORDER = Pattern.compile("W\\d{4}");
        private static final String ANSWER =
                ("Thanks for asking. We can help with that: here is what we suggest, what it"
                                + " costs and how long it takes, with a couple of alternatives in case it does not suit you. ")
                        .repeat(2);

        final ConcurrentLinkedQueue<ModelRequest> replies = new ConcurrentLinkedQueue<>();
        final AtomicInteger summaries = new AtomicInteger();
        final AtomicInteger summaryTokens = new AtomicInteger();
        private final AtomicInteger summarizing = new AtomicInteger();

        @Override
        public String id() {
            return "bench";
        }

        @Override
        public ModelCapabilities capabilities() {
            return ModelCapabilities.STREAMING_WITH_TOOLS;
        }

        @Override
        public ModelReply generate(ModelRequest request, DeltaSink sink) {
            String first = request.messages().getFirst() instanceof ChatMessage.Customer c ? c.text() : "";
            if (request.messages().size() == 1
                    && (first.startsWith("<conversation>") || first.startsWith("<earlier-summary>"))) {
                summarizing.incrementAndGet();
                try {
                    List<String> orders = new ArrayList<>();
                    Matcher m = ORDER.matcher(first);
                    while (m.find()) {
                        orders.add(m.group());
                    }
                    String summary =
                            "The customer asked about tents, sleeping bags, store pickup, boot fit and repairs;"
                                    + " orders mentioned: "
                                    + String.join(
                                            ", ", orders.stream().distinct().toList()) + ".";
                    summaries.incrementAndGet();
                    summaryTokens.addAndGet((int) Tokens.countInput(request));
                    return ModelReply.text(summary, Tokens.estimate(request, summary), "bench", "bench-model");
                } finally {
                    summarizing.decrementAndGet();
                }
            }
            replies.add(request);
            sink.onDelta(ANSWER);
            return ModelReply.text(ANSWER, Tokens.estimate(request, ANSWER), "bench", "bench-model");
        }

        /**
         * A customer reads and types for seconds between messages, so a summary the last reply started is done by
         * the next one: a short think time, then whatever summary is still running is waited for.
         */
        void awaitSummaries() throws InterruptedException {
            Thread.sleep(20);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (summarizing.get() > 0 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
        }
    }

    /** Completes a future at each reply. */
    private static final class Replies implements ConversationListener {
        private volatile CompletableFuture<Void> next = new CompletableFuture<>();

        CompletableFuture<Void> next() {
            next = new CompletableFuture<>();
            return next;
        }

        @Override
        public void onMessage(Message message) {
            if (message.role() == MessageRole.ASSISTANT) {
                next.complete(null);
            }
        }

        @Override
        public void onTyping(MessageRole role) {}

        @Override
        public void onDelta(MessageId reply, String text) {}
    }

    /**
     * {@code breaker}: the packaged server whose default provider is dead, with the built-in engine as fallback, 100
     * customer messages (10 customers × 10, concurrently), with the circuit breaker on (the defaults) and off. Reports
     * how many calls reached the dead provider and how long customers waited, for a provider that refuses at once
     * (HTTP 503) and one that hangs until the timeout.
     */
    static void breaker(Bench bench) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        for (String death : List.of("http503", "hang")) {
            for (boolean breaker : new boolean[] {true, false}) {
                results.put(death + (breaker ? "WithBreaker" : "WithoutBreaker"), deadProvider(bench, death, breaker));
            }
        }
        bench.put("breaker", results);
    }

    private static Map<String, Object> deadProvider(Bench bench, String death, boolean breaker) throws Exception {
        Map<String, String> values = new LinkedHashMap<>(bench.settings().values());
        String args = "--parley.llm.fallback=builtin --parley.llm.timeout=2s"
                + (breaker ? "" : " --parley.llm.breaker.window=1000 --parley.llm.breaker.minimum-calls=1000");
        values.put("serverArgs", (values.getOrDefault("serverArgs", "") + " " + args).strip());
        values.putIfAbsent("heap", "512m");
        Bench run = new Bench(new Bench.Settings(values));
        OpenAiScript dead = death.equals("hang") ? OpenAiScript.hang() : OpenAiScript.status(503, "{}");
        AtomicInteger reached = new AtomicInteger();
        try (Bench.Target target = run.start(dead)) {
            target.model().respondWith(request -> {
                reached.incrementAndGet();
                return dead;
            });
            ParleyApi api = new ParleyApi(target.server().port());
            Latencies latencies = new Latencies();
            List<Thread> customers = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                customers.add(Thread.ofVirtual().start(() -> {
                    ParleyApi.Visit visit = api.startConversation(target.siteKey());
                    for (int i = 0; i < 10; i++) {
                        long start = System.nanoTime();
                        ParleyApi.Response exchange = api.send(visit, "Do you ship to Canada?", null);
                        latencies.sent.incrementAndGet();
                        if (exchange.status() == 200) {
                            latencies.complete(System.nanoTime() - start);
                        } else {
                            latencies.errors.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread customer : customers) {
                customer.join();
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("messages", 100);
            result.put("callsReachingDeadProvider", reached.get());
            result.putAll(latencies.summary());
            return result;
        }
    }
}

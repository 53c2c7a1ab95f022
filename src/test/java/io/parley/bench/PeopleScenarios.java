package io.parley.bench;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.parley.testing.Chromium;
import io.parley.testing.ParleyApi;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** People in the loop: how fast a request for a person reaches an open inbox, and an inbox with many waiting. */
final class PeopleScenarios {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private PeopleScenarios() {}

    /**
     * A customer asks for a person ({@code runs} times, default 200, after 20 to warm up) while a member has the inbox
     * open: from the customer's message leaving to the inbox's {@code conversation.waiting} frame, and to the
     * customer's own {@code status} frame.
     */
    static void handoff(Bench bench) throws Exception {
        int runs = bench.settings().integer("runs", 200);
        int warmup = bench.settings().integer("warmupRuns", 20);
        try (Bench.Target target = bench.start(Bench.instantModel());
                Socket agent = Socket.open(agentUri(target))) {
            agent.await(f -> type(f, "hello"));
            List<Long> toInbox = new ArrayList<>();
            List<Long> toCustomer = new ArrayList<>();
            for (int i = 0; i < warmup + runs; i++) {
                try (Socket customer = Socket.open(target.chat())) {
                    String conversation = customer.await(f -> type(f, "session"))
                            .path("conversationId")
                            .asString();
                    long sent = System.nanoTime();
                    customer.send("{\"action\":\"sendMessage\",\"message\":\"I want to talk to a person\","
                            + "\"clientMessageId\":\"h" + i + "\"}");
                    agent.await(f -> type(f, "conversation.waiting")
                            && conversation.equals(f.path("conversationId").asString()));
                    long inbox = System.nanoTime() - sent;
                    customer.await(f -> type(f, "status"));
                    long status = System.nanoTime() - sent;
                    if (i >= warmup) {
                        toInbox.add(inbox);
                        toCustomer.add(status);
                    }
                }
            }
            bench.put("requestToInboxMs", percentiles(toInbox));
            bench.put("requestToCustomerStatusMs", percentiles(toCustomer));
            bench.put("modelCalls", target.model().requests().size());
        }
    }

    /**
     * {@code waiting} conversations (default 1,000) wait for a person: the inbox's list over REST and the
     * {@code /ws/agent} hello (time and size, p50 of 20), and the server's heap after GC before and after.
     */
    static void inbox(Bench bench) throws Exception {
        int waiting = bench.settings().integer("waiting", 1000);
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            ParleyApi api = new ParleyApi(target.server().port());
            double heapBefore = target.probe().heapAfterGcMiB();
            long started = System.nanoTime();
            for (int i = 0; i < waiting; i++) {
                ParleyApi.Visit visit = api.startConversation(target.siteKey());
                ParleyApi.Response r = api.send(visit, "I want to talk to a person, my order never came", "w" + i);
                if (r.status() != 200) {
                    throw new IllegalStateException("could not make a conversation wait: " + r);
                }
            }
            bench.put("madeWaitingSeconds", round((System.nanoTime() - started) / 1e9));
            double heapAfter = target.probe().heapAfterGcMiB();
            List<Long> rest = new ArrayList<>();
            int restBytes = 0;
            int listed = 0;
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                ParleyApi.Response r = api.get("/api/v1/admin/inbox", target.ownerToken());
                rest.add(System.nanoTime() - t);
                restBytes = r.body().toString().length();
                listed = r.body().path("items").size();
            }
            List<Long> hello = new ArrayList<>();
            int helloBytes = 0;
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                try (Socket agent = Socket.open(agentUri(target))) {
                    JsonNode frame = agent.await(f -> type(f, "hello"));
                    hello.add(System.nanoTime() - t);
                    helloBytes = frame.toString().length();
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("browser", browserLoad(target, waiting));
            result.put("waiting", waiting);
            result.put("listed", listed);
            result.put("restListMs", percentiles(rest));
            result.put("restListKiB", round(restBytes / 1024.0));
            result.put("socketHelloMs", percentiles(hello));
            result.put("socketHelloKiB", round(helloBytes / 1024.0));
            result.put("serverHeapAfterGcMiBBefore", round(heapBefore));
            result.put("serverHeapAfterGcMiBWithWaiting", round(heapAfter));
            result.put("serverRssMiB", round(target.probe().rssMiB()));
            bench.put("inbox", result);
        }
    }

    /**
     * The console's inbox page in Chromium, signed in as the owner: from navigating to it until all {@code waiting}
     * conversations are listed (p50 of 5 loads after one to warm up), and the page's JavaScript heap then.
     */
    private static Map<String, Object> browserLoad(Bench.Target target, int waiting) {
        String base = "http://127.0.0.1:" + target.server().port();
        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.browser().newPage();
            page.navigate(base + "/console/login");
            page.getByLabel("Email").fill(target.ownerEmail());
            page.getByLabel("Password").fill("correct horse battery staple");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                    .click();
            page.waitForURL(java.util.regex.Pattern.compile(".*/console(/.*)?$"));
            List<Long> loads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long t = System.nanoTime();
                page.navigate(base + "/console/inbox");
                page.waitForFunction(
                        "n => document.querySelectorAll('#waiting-list .queue-item').length >= n",
                        waiting,
                        new Page.WaitForFunctionOptions().setTimeout(60_000));
                if (i > 0) {
                    loads.add(System.nanoTime() - t);
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("pageLoadToListedMs", percentiles(loads));
            result.put(
                    "jsHeapUsedMiB",
                    round(((Number) page.evaluate("performance.memory.usedJSHeapSize")).doubleValue() / 1048576));
            result.put("domNodes", page.evaluate("document.getElementsByTagName('*').length"));
            return result;
        }
    }

    private static URI agentUri(Bench.Target target) {
        return URI.create("ws://127.0.0.1:" + target.server().port() + "/ws/agent?accessToken="
                + URLEncoder.encode(target.ownerToken(), StandardCharsets.UTF_8));
    }

    private static boolean type(JsonNode frame, String type) {
        return type.equals(frame.path("type").asString());
    }

    private static Map<String, Object> percentiles(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", sorted.size());
        p.put("p50", ms(sorted.get((int) Math.floor(0.50 * (sorted.size() - 1)))));
        p.put("p90", ms(sorted.get((int) Math.floor(0.90 * (sorted.size() - 1)))));
        p.put("p99", ms(sorted.get((int) Math.floor(0.99 * (sorted.size() - 1)))));
        p.put("max", ms(sorted.getLast()));
        return p;
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** A WebSocket whose text frames are read as JSON into a queue. */
    private record Socket(WebSocket socket, BlockingQueue<JsonNode> frames) implements AutoCloseable {

        static Socket open(URI uri) {
            BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
            StringBuilder partial = new StringBuilder();
            WebSocket socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(uri, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                frames.add(Bench.JSON.readTree(partial.toString()));
                                partial.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }
                    })
                    .join();
            return new Socket(socket, frames);
        }

        void send(String frame) {
            socket.sendText(frame, true).join();
        }

        JsonNode await(Predicate<JsonNode> matching) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                JsonNode frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new IllegalStateException("no matching frame within " + WAIT);
                }
                if (matching.test(frame)) {
                    return frame;
                }
            }
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }
}

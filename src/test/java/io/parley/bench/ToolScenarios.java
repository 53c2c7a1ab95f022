package io.parley.bench;

import io.parley.testing.ChatClient;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.RecordedOpenAiRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Tools on the retail demo store: what a tool step adds to a turn beyond the tool's own time, and how many changes a
 * model bent on making them gets through without the customer's "yes".
 */
final class ToolScenarios {

    private static final String PRODUCT = "9523456873";
    private static final String EMAIL = "sofia.rossi2645@example.com";
    private static final String ORDER = "#W5918442";

    private ToolScenarios() {}

    /**
     * One customer, back to back: turns the model answers at once, then turns where it first calls a store lookup
     * ({@code get_product_details}, a database read) and answers with its result. The tool's own time is the
     * server's {@code parley.tool.calls} timer; the rest of the difference is the platform's (and the second model
     * round trip's).
     */
    static void tools(Bench bench) throws Exception {
        int messages = bench.settings().integer("messages", 1000);
        int warmup = bench.settings().integer("warmupMessages", 1000);
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            ParleyApi api = new ParleyApi(target.server().port());
            ParleyApi.Response loaded = api.call(
                    "POST", "/api/v1/admin/organization/template", target.ownerToken(), Map.of("template", "retail"));
            if (loaded.status() != 200) {
                throw new IllegalStateException("the retail template did not load: " + loaded.status());
            }
            bench.put("plain", measure(target, warmup, messages).summary());

            target.model()
                    .respondWith(request -> afterTool(request)
                            ? Bench.instantModel()
                            : OpenAiScript.toolCall(
                                    "call_1", "get_product_details", "{\"product_id\":\"" + PRODUCT + "\"}"));
            Map<String, Double> before = toolTimer(target.server().port());
            Latencies withTool = measure(target, warmup, messages);
            Map<String, Double> after = toolTimer(target.server().port());
            bench.put("oneToolStep", withTool.summary());
            double calls = after.getOrDefault("count", 0.0) - before.getOrDefault("count", 0.0);
            double seconds = after.getOrDefault("sum", 0.0) - before.getOrDefault("sum", 0.0);
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("calls", calls);
            tool.put("meanMs", round(1000 * seconds / Math.max(1, calls)));
            tool.put("p50MsLastMinutes", round(1000 * after.getOrDefault("p50", Double.NaN)));
            tool.put("p99MsLastMinutes", round(1000 * after.getOrDefault("p99", Double.NaN)));
            bench.put("toolOwnTime", tool);
            bench.put("serverRssMiB", target.probe().rssMiB());
        }
    }

    /**
     * A model that tries to change an order on every turn, and a customer who never says yes (and tries forged
     * confirmation ids): every write the model asks for is counted, then the audit and the order say how many ran.
     */
    static void adversarial(Bench bench) throws Exception {
        int turns = bench.settings().integer("turns", 200);
        AtomicInteger attempts = new AtomicInteger();
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            ParleyApi api = new ParleyApi(target.server().port());
            api.call("POST", "/api/v1/admin/organization/template", target.ownerToken(), Map.of("template", "retail"));
            List<OpenAiScript> writes = List.of(
                    OpenAiScript.toolCall(
                            "w",
                            "cancel_pending_order",
                            "{\"order_id\":\"" + ORDER + "\",\"reason\":\"no longer needed\"}"),
                    OpenAiScript.toolCall(
                            "w",
                            "modify_pending_order_address",
                            "{\"order_id\":\"" + ORDER + "\",\"address1\":\"1 Attacker Way\",\"address2\":\"\","
                                    + "\"city\":\"Austin\",\"state\":\"TX\",\"country\":\"USA\",\"zip\":\"78701\"}"),
                    OpenAiScript.toolCall(
                            "w",
                            "modify_user_address",
                            "{\"user_id\":\"sofia_rossi_8776\",\"address1\":\"1 Attacker Way\",\"address2\":\"\","
                                    + "\"city\":\"Austin\",\"state\":\"TX\",\"country\":\"USA\",\"zip\":\"78701\"}"));
            target.model().respondWith(request -> {
                if (!identified(request)) {
                    return OpenAiScript.toolCall("id", "find_user_id_by_email", "{\"email\":\"" + EMAIL + "\"}");
                }
                if (afterTool(request) && lastToolWasWrite(request)) {
                    return OpenAiScript.reply("Done, all changed."); // never reached without a decision
                }
                return writes.get(attempts.getAndIncrement() % writes.size());
            });
            int forged = 0;
            int confirmationsShown = 0;
            String conversationId;
            try (ChatClient chat = ChatClient.connect(target.server().port(), target.siteKey())) {
                conversationId = chat.await("session").path("conversationId").asString();
                for (int i = 0; i < turns; i++) {
                    chat.sendMessage("Just do it, change my order, message " + i, "m" + i);
                    JsonNode asked = chat.await("confirmation");
                    confirmationsShown++;
                    // A forged id and another conversation's id are refused; the real one is never answered.
                    chat.send("{\"action\":\"confirm\",\"id\":\""
                            + asked.path("id").asString() + "x\",\"decision\":\"yes\"}");
                    chat.await("error");
                    forged++;
                }
            }
            JsonNode calls = api.get(
                            "/api/v1/admin/conversations/" + conversationId + "/tool-calls", target.ownerToken())
                    .body()
                    .path("items");
            int ran = 0;
            int writesAudited = 0;
            for (JsonNode call : calls) {
                if (call.path("kind").asString().equals("write")) {
                    writesAudited++;
                    if (call.has("result")) {
                        ran++;
                    }
                }
            }
            JsonNode order = api.get("/api/v1/store/orders/" + ORDER.replace("#", "%23"), target.ownerToken())
                    .body();
            bench.put("writeCallsAttempted", attempts.get());
            bench.put("confirmationsShown", confirmationsShown);
            bench.put("forgedConfirmationsSent", forged);
            bench.put("writesAuditedAsExpired", writesAudited);
            bench.put("writesThatRan", ran);
            bench.put("orderStatusAfter", order.path("status").asString());
            bench.put(
                    "orderAddressAfter", order.path("address").path("address1").asString());
        }
    }

    private static Latencies measure(Bench.Target target, int warmup, int messages) throws InterruptedException {
        Latencies latencies = new Latencies();
        try (Workload crowd = new Workload(BenchSession.Mode.CHAT, latencies)) {
            crowd.open(1, i -> target.chat(), true);
            crowd.closedLoopUntil(warmup);
            latencies.reset();
            crowd.closedLoopUntil(messages);
        }
        return latencies;
    }

    private static boolean afterTool(RecordedOpenAiRequest request) {
        List<RecordedOpenAiRequest.Message> messages = request.messages();
        return !messages.isEmpty() && messages.getLast().role().equals("tool");
    }

    private static boolean identified(RecordedOpenAiRequest request) {
        return request.bodyText().contains("sofia_rossi_8776");
    }

    private static boolean lastToolWasWrite(RecordedOpenAiRequest request) {
        String body = request.bodyText();
        return body.contains("Nothing was changed") || body.contains("\\\"status\\\":\\\"cancelled\\\"");
    }

    private static final Pattern TIMER = Pattern.compile(
            "^parley_tool_calls_seconds(_count|_sum|)\\{([^}]*)\\} ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE);

    /** The server's tool timer for successful reads: count, sum (s), and its recent p50/p99 (s). */
    private static Map<String, Double> toolTimer(int port) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient()
                .send(
                        io.parley.testing.ParleyProcess.metricsRequest(port).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> timer = new LinkedHashMap<>();
        Matcher m = TIMER.matcher(text);
        while (m.find()) {
            String labels = m.group(2);
            if (!labels.contains("kind=\"read\"") || !labels.contains("outcome=\"done\"")) {
                continue;
            }
            double value = Double.parseDouble(m.group(3));
            switch (m.group(1)) {
                case "_count" -> timer.put("count", value);
                case "_sum" -> timer.put("sum", value);
                default -> {
                    if (labels.contains("quantile=\"0.5\"")) {
                        timer.put("p50", value);
                    } else if (labels.contains("quantile=\"0.99\"")) {
                        timer.put("p99", value);
                    }
                }
            }
        }
        return timer;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

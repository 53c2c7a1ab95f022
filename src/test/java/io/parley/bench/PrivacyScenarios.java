package io.parley.bench;

import io.parley.testing.ParleyApi;
import java.util.LinkedHashMap;
import java.util.Map;

/** Customers' data on request: how long exporting and erasing one customer with a long history takes. */
final class PrivacyScenarios {

    private PrivacyScenarios() {}

    /**
     * One customer writes {@code messages}/2 messages over REST (each answered by the instant model, so the history
     * holds {@code messages}); then their data is exported and erased through the admin API, each timed.
     */
    static void erase(Bench bench) throws Exception {
        int messages = bench.settings().integer("messages", 1000);
        try (Bench.Target target = bench.start(Bench.instantModel())) {
            ParleyApi api = new ParleyApi(target.server().port());
            ParleyApi.Visit visit = api.startConversation(target.siteKey());
            for (int i = 0; i < messages / 2; i++) {
                ParleyApi.Response sent = api.send(visit, "Question number " + i + " about my order", "m" + i);
                if (sent.status() != 200) {
                    throw new IllegalStateException("message " + i + " was refused: " + sent.status());
                }
            }
            String visitor = api.get("/api/v1/admin/conversations/" + visit.conversationId(), target.ownerToken())
                    .body()
                    .path("customer")
                    .path("visitorId")
                    .asString();
            long stored = api.get("/api/v1/admin/conversations/" + visit.conversationId(), target.ownerToken())
                    .body()
                    .path("messageCount")
                    .asLong();

            long exportStart = System.nanoTime();
            ParleyApi.Response export = api.get("/api/v1/admin/customers/" + visitor + "/export", target.ownerToken());
            double exportMs = (System.nanoTime() - exportStart) / 1e6;
            long eraseStart = System.nanoTime();
            ParleyApi.Response erased =
                    api.call("DELETE", "/api/v1/admin/customers/" + visitor, target.ownerToken(), null);
            double eraseMs = (System.nanoTime() - eraseStart) / 1e6;
            int after = api.get("/api/v1/admin/conversations/" + visit.conversationId(), target.ownerToken())
                    .status();

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("messagesStored", stored);
            result.put("exportStatus", export.status());
            result.put(
                    "exportedMessages",
                    export.body().path("conversations").get(0).path("messages").size());
            result.put("exportMs", Math.round(exportMs * 10) / 10.0);
            result.put("eraseStatus", erased.status());
            result.put("eraseMs", Math.round(eraseMs * 10) / 10.0);
            result.put("conversationAfterErase", after);
            bench.put("erase", result);
        }
    }
}

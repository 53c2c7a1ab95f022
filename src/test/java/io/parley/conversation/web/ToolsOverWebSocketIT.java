package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.ParleyApplication;
import io.parley.testing.ChatClient;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ScriptedOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Tools over the real wire, on the retail demo store: the customer's confirmation over WebSocket, single-use and bound
 * to its conversation, kept across a restart of the server; the tools and their audit per organization; running a
 * tool by hand. The model is a scripted stand-in speaking OpenAI's protocol.
 */
class ToolsOverWebSocketIT {

    private static final ScriptedOpenAiServer MODEL = ScriptedOpenAiServer.start();
    private static final String EMAIL = "sofia.rossi2645@example.com";
    private static final String ORDER = "#W5918442";

    @AfterAll
    static void stopModel() {
        MODEL.close();
    }

    @Test
    void aPendingConfirmationSurvivesARestartAndIsUsedOnce() throws Exception {
        Path data = Files.createTempDirectory("parley-tools-");
        ParleyApi.Organization store;
        ParleyApi.Organization other;
        String conversationId;
        String token;
        String confirmationId;
        try (ConfigurableApplicationContext first = start(data)) {
            ParleyApi api = new ParleyApi(port(first));
            store = api.signUp("CloudMart");
            other = api.signUp("Other Outfitters");
            assertThat(api.call(
                                    "POST",
                                    "/api/v1/admin/organization/template",
                                    store.accessToken(),
                                    Map.of("template", "retail"))
                            .status())
                    .isEqualTo(200);
            MODEL.script(
                    OpenAiScript.toolCall("c1", "find_user_id_by_email", "{\"email\":\"" + EMAIL + "\"}"),
                    OpenAiScript.toolCall(
                            "c2",
                            "cancel_pending_order",
                            "{\"order_id\":\"" + ORDER + "\",\"reason\":\"ordered by mistake\"}"));
            try (ChatClient chat = ChatClient.connect(port(first), store.siteKey())) {
                JsonNode session = chat.await("session");
                conversationId = session.path("conversationId").asString();
                token = session.path("visitorToken").asString();
                chat.sendMessage("I'm " + EMAIL + ", cancel " + ORDER + " please, I ordered it by mistake", "m1");

                // The reply says what will happen, then the card asks.
                assertThat(chat.awaitMessage("assistant")
                                .path("message")
                                .path("content")
                                .asString())
                        .startsWith("Please confirm:");
                JsonNode asked = chat.await("confirmation");
                confirmationId = asked.path("id").asString();
                assertThat(asked.path("tool").asString()).isEqualTo("cancel_pending_order");
                assertThat(asked.path("summary").asString()).contains(ORDER);
                assertThat(asked.path("arguments").path("reason").asString()).isEqualTo("ordered by mistake");

                chat.send("{\"action\":\"confirm\",\"id\":\"forged-" + confirmationId + "\",\"decision\":\"yes\"}");
                assertThat(chat.await("error").path("problem").path("status").asInt())
                        .isEqualTo(404);
                chat.send("{\"action\":\"confirm\",\"id\":\"" + confirmationId + "\",\"decision\":\"maybe\"}");
                assertThat(chat.await(f -> f.path("type").asString().equals("error")
                                        && f.path("problem").path("status").asInt() == 400)
                                .path("problem")
                                .path("detail")
                                .asString())
                        .contains("decision");
            }
            assertThat(status(api, store)).as("nothing changed before yes").isEqualTo("pending");
        }

        try (ConfigurableApplicationContext second = start(data)) {
            ParleyApi api = new ParleyApi(port(second));
            try (ChatClient chat = ChatClient.connect(port(second), store.siteKey(), token, conversationId, null)) {
                chat.await("session");
                JsonNode again = chat.await("confirmation");
                assertThat(again.path("id").asString())
                        .as("shown again after the restart")
                        .isEqualTo(confirmationId);

                MODEL.script(OpenAiScript.reply("Order " + ORDER + " is cancelled."));
                chat.send("{\"action\":\"confirm\",\"id\":\"" + confirmationId + "\",\"decision\":\"yes\"}");
                assertThat(chat.await(f -> f.path("type").asString().equals("message")
                                        && f.path("message")
                                                .path("content")
                                                .asString()
                                                .endsWith("is cancelled."))
                                .path("message")
                                .path("role")
                                .asString())
                        .isEqualTo("assistant");
                assertThat(status(api, store)).isEqualTo("cancelled");

                chat.send("{\"action\":\"confirm\",\"id\":\"" + confirmationId + "\",\"decision\":\"yes\"}");
                assertThat(chat.await("error").path("problem").path("status").asInt())
                        .as("a confirmation is single-use")
                        .isEqualTo(404);
            }

            JsonNode calls = api.get(
                            "/api/v1/admin/conversations/" + conversationId + "/tool-calls", store.accessToken())
                    .body()
                    .path("items");
            assertThat(calls)
                    .extracting(c -> c.path("tool").asString())
                    .containsExactly("find_user_id_by_email", "cancel_pending_order");
            JsonNode cancel = calls.get(1);
            assertThat(cancel.path("decision").asString()).isEqualTo("yes");
            assertThat(cancel.path("kind").asString()).isEqualTo("write");
            assertThat(cancel.path("customer").asString()).isEqualTo("sofia_rossi_8776");
            assertThat(cancel.path("result").path("status").asString()).isEqualTo("cancelled");
            assertThat(cancel.path("arguments").path("order_id").asString()).isEqualTo(ORDER);

            // Another organization sees none of it.
            assertThat(api.get("/api/v1/admin/conversations/" + conversationId + "/tool-calls", other.accessToken())
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/admin/tools", other.accessToken())
                            .body()
                            .path("tools"))
                    .extracting(t -> t.path("name").asString())
                    .containsExactly("transfer_to_human");
            assertThat(api.call(
                                    "POST",
                                    "/api/v1/admin/tools/get_order_details/invoke",
                                    other.accessToken(),
                                    Map.of("arguments", Map.of("order_id", ORDER)))
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void theBusinessListsAndRunsItsTools() throws Exception {
        try (ConfigurableApplicationContext app = start(Files.createTempDirectory("parley-tools-"))) {
            ParleyApi api = new ParleyApi(port(app));
            ParleyApi.Organization store = api.signUp("CloudMart");
            api.call("POST", "/api/v1/admin/organization/template", store.accessToken(), Map.of("template", "retail"));

            JsonNode tools =
                    api.get("/api/v1/admin/tools", store.accessToken()).body().path("tools");
            assertThat(tools).hasSize(16);
            assertThat(tools)
                    .filteredOn(t -> t.path("kind").asString().equals("write"))
                    .extracting(t -> t.path("name").asString())
                    .containsExactlyInAnyOrder(
                            "cancel_pending_order",
                            "modify_pending_order_address",
                            "modify_pending_order_payment",
                            "modify_pending_order_items",
                            "exchange_delivered_order_items",
                            "return_delivered_order_items",
                            "modify_user_address");
            JsonNode lookup = tools.valueStream()
                    .filter(t -> t.path("name").asString().equals("get_order_details"))
                    .findFirst()
                    .orElseThrow();
            assertThat(lookup.path("parameters").path("required"))
                    .extracting(JsonNode::asString)
                    .containsExactly("order_id");
            assertThat(lookup.path("identity").asString()).isEqualTo("customer");

            ParleyApi.Response found = invoke(api, store, "get_order_details", Map.of("order_id", ORDER));
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.body().path("result").path("user_id").asString()).isEqualTo("sofia_rossi_8776");

            ParleyApi.Response missing = invoke(api, store, "get_order_details", Map.of("order_id", "#W0000000"));
            assertThat(missing.status()).isEqualTo(422);
            assertThat(missing.body().path("detail").asString()).isEqualTo("Order not found");

            ParleyApi.Response bad = invoke(api, store, "get_order_details", Map.of("order", 42));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().path("errors").get(0).path("field").asString())
                    .isEqualTo("arguments");

            assertThat(invoke(api, store, "drop_database", Map.of()).status()).isEqualTo(404);
        }
    }

    @Test
    void aRestClientConfirmsToo() throws Exception {
        try (ConfigurableApplicationContext app = start(Files.createTempDirectory("parley-tools-"))) {
            ParleyApi api = new ParleyApi(port(app));
            ParleyApi.Organization store = api.signUp("CloudMart");
            api.call("POST", "/api/v1/admin/organization/template", store.accessToken(), Map.of("template", "retail"));
            ParleyApi.Visit visit = api.startConversation(store.siteKey());
            ParleyApi.Visit stranger = api.startConversation(store.siteKey());
            MODEL.script(
                    OpenAiScript.toolCall("c1", "find_user_id_by_email", "{\"email\":\"" + EMAIL + "\"}"),
                    OpenAiScript.toolCall(
                            "c2",
                            "cancel_pending_order",
                            "{\"order_id\":\"" + ORDER + "\",\"reason\":\"no longer needed\"}"));

            ParleyApi.Response sent = api.send(visit, "I'm " + EMAIL + ", cancel " + ORDER, "r1");
            assertThat(sent.body().path("reply").path("content").asString()).startsWith("Please confirm:");
            String path = "/api/v1/conversations/" + visit.conversationId() + "/confirmations";
            JsonNode open = api.get(path, visit.visitorToken()).body().path("items");
            assertThat(open).hasSize(1);
            String id = open.get(0).path("id").asString();

            assertThat(api.get(path, stranger.visitorToken()).status()).isEqualTo(404);
            assertThat(api.call("POST", path + "/" + id, stranger.visitorToken(), Map.of("decision", "yes"))
                            .status())
                    .isEqualTo(404);
            assertThat(api.call("POST", path + "/" + id, visit.visitorToken(), Map.of("decision", "maybe"))
                            .status())
                    .isEqualTo(400);
            assertThat(status(api, store)).isEqualTo("pending");

            MODEL.script(OpenAiScript.reply("Cancelled."));
            assertThat(api.call("POST", path + "/" + id, visit.visitorToken(), Map.of("decision", "yes"))
                            .status())
                    .isEqualTo(202);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> api.get(
                                    "/api/v1/conversations/" + visit.conversationId() + "/messages",
                                    visit.visitorToken())
                            .body()
                            .path("messages")
                            .valueStream()
                            .anyMatch(m -> m.path("content").asString().equals("Cancelled.")));
            assertThat(status(api, store)).isEqualTo("cancelled");
            assertThat(api.call("POST", path + "/" + id, visit.visitorToken(), Map.of("decision", "yes"))
                            .status())
                    .isEqualTo(404);
        }
    }

    private static ParleyApi.Response invoke(
            ParleyApi api, ParleyApi.Organization org, String tool, Map<String, Object> arguments) {
        return api.call(
                "POST", "/api/v1/admin/tools/" + tool + "/invoke", org.accessToken(), Map.of("arguments", arguments));
    }

    private static String status(ParleyApi api, ParleyApi.Organization org) {
        return api.get("/api/v1/store/orders/" + ORDER.replace("#", "%23"), org.accessToken())
                .body()
                .path("status")
                .asString();
    }

    private static ConfigurableApplicationContext start(Path data) {
        Map<String, Object> properties = new HashMap<>(MODEL.springProperties("scripted"));
        properties.put("server.port", "0");
        properties.put("parley.data-dir", data.toString());
        properties.put("parley.demo.enabled", "false");
        return new SpringApplicationBuilder(ParleyApplication.class)
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}

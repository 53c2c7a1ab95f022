package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.ParleyApplication;
import io.parley.testing.ChatClient;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ScriptedOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Conversations outlive the process: history after a restart, and a reply being written finishes on shutdown. */
class RestartIT {

    private static final ScriptedOpenAiServer MODEL = ScriptedOpenAiServer.start();

    @AfterAll
    static void stopModel() {
        MODEL.close();
    }

    @Test
    void keepsTheHistoryAndTheReplyTheCustomerWasReadingAcrossAGracefulRestart() throws Exception {
        Path data = Files.createTempDirectory("parley-restart-");
        String siteKey;
        String conversationId;
        String token;
        try (ConfigurableApplicationContext first = start(data)) {
            ParleyApi api = new ParleyApi(port(first));
            siteKey = api.signUp("Restart Rentals").siteKey();
            try (ChatClient chat = ChatClient.connect(port(first), siteKey)) {
                JsonNode session = chat.await("session");
                conversationId = session.path("conversationId").asString();
                token = session.path("visitorToken").asString();
                chat.sendMessage("Do you rent kayaks?", "m1");
                chat.awaitMessage("assistant");

                MODEL.script(OpenAiScript.reply("Yes: kayaks, canoes and paddle boards, by the day or the week.")
                        .inChunks(6)
                        .withDelay(Duration.ofMillis(150)));
                chat.sendMessage("What else?", "m2");
                chat.await("delta");
                first.close(); // graceful: the reply being streamed finishes and is stored before the process ends
            }
        }

        try (ConfigurableApplicationContext second = start(data)) {
            ParleyApi api = new ParleyApi(port(second));
            JsonNode messages = api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                    .body()
                    .path("messages");

            assertThat(messages).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
            assertThat(messages)
                    .extracting(m -> m.path("content").asString())
                    .containsExactly(
                            "Do you rent kayaks?",
                            "Echo: Do you rent kayaks?",
                            "What else?",
                            "Yes: kayaks, canoes and paddle boards, by the day or the week.");
            try (ChatClient chat = ChatClient.connect(port(second), siteKey, token, conversationId, null)) {
                chat.await("session");
                chat.resume(conversationId, 0);
                List<JsonNode> replayed = List.of(
                        chat.await("message"), chat.await("message"), chat.await("message"), chat.await("message"));
                assertThat(replayed)
                        .extracting(f -> f.path("message").path("seq").asLong())
                        .containsExactly(1L, 2L, 3L, 4L);

                chat.sendMessage("Thanks!", "m3");
                assertThat(chat.awaitMessage("assistant")
                                .path("message")
                                .path("seq")
                                .asLong())
                        .isEqualTo(6);
                JsonNode lastRequest = MODEL.lastRequest().body();
                assertThat(lastRequest.path("messages")).hasSize(6); // system + 4 earlier + "Thanks!"
            }
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        Map<String, Object> properties = new HashMap<>(MODEL.springProperties("scripted"));
        properties.put("server.port", "0");
        properties.put("parley.data-dir", data.toString());
        properties.put("parley.demo.enabled", "false");
        return new SpringApplicationBuilder(ParleyApplication.class).run(arguments(properties));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** As command-line arguments, which outrank application.yml (default properties would not). */
    private static String[] arguments(Map<String, ?> properties) {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }
}

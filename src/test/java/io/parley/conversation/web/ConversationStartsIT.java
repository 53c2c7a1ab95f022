package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ChatClient;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyApi.Organization;
import io.parley.testing.ParleyApi.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A visitor starting conversations in a loop, over REST or by opening sockets, is stopped after a few per minute,
 * per client address and per site key, before any row or model call; coming back to a conversation costs nothing.
 * Client addresses are told apart as a proxy in front of Parley tells them: with {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationStartsIT {

    private static final int PER_ADDRESS = 3;
    private static final int PER_SITE_KEY = 5;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ParleyApi api;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-starts-");
        registry.add("parley.data-dir", dataDir::toString);
        registry.add("parley.demo.enabled", () -> "false");
        registry.add("parley.chat.starts-per-address", () -> String.valueOf(PER_ADDRESS));
        registry.add("parley.chat.starts-per-site-key", () -> String.valueOf(PER_SITE_KEY));
        // The test plays the proxy: only a trusted one may say who the client is.
        registry.add("parley.security.trusted-proxies", () -> "127.0.0.1/32,::1/128");
    }

    @BeforeEach
    void client() {
        api = new ParleyApi(port);
    }

    @Test
    void refusesOneAddressPastItsLimitOverRestAndWebSocketWithoutStoringAConversation() {
        Organization org = api.signUp("Alpine");
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(start(org, "203.0.113.7").status()).isEqualTo(201);
        }

        Response refused = start(org, "203.0.113.7");
        try (ChatClient socket = socket(org, "203.0.113.7", null)) {
            JsonNode error = socket.await("error");
            assertThat(error.path("problem").path("status").asInt()).isEqualTo(429);
            assertThat(error.path("problem").path("type").asString()).isEqualTo("/problems/too-many-conversations");
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("type").asString()).isEqualTo("/problems/too-many-conversations");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(conversations(org)).isEqualTo(PER_ADDRESS);
        assertThat(start(org, "203.0.113.8").status()).as("another address").isEqualTo(201);
    }

    @Test
    void refusesOneSiteKeyPastItsLimitWhateverTheAddresses() {
        Organization org = api.signUp("Tiny");
        for (int i = 0; i < PER_SITE_KEY; i++) {
            assertThat(start(org, "198.51.100." + i).status()).isEqualTo(201);
        }

        assertThat(start(org, "198.51.100.99").status()).isEqualTo(429);
        assertThat(conversations(org)).isEqualTo(PER_SITE_KEY);
        Organization other = api.signUp("Other");
        assertThat(start(other, "198.51.100.98").status())
                .as("another organization")
                .isEqualTo(201);
    }

    @Test
    void letsAVisitorComeBackToItsConversationWhateverTheLimit() {
        Organization org = api.signUp("Returning");
        String token;
        String conversation;
        try (ChatClient first = socket(org, "192.0.2.44", null)) {
            JsonNode session = first.await("session");
            token = session.path("visitorToken").asString();
            conversation = session.path("conversationId").asString();
        }
        for (int i = 1; i < PER_ADDRESS; i++) {
            start(org, "192.0.2.44");
        }

        for (int i = 0; i < PER_ADDRESS + 2; i++) {
            try (ChatClient again = socket(org, "192.0.2.44", token)) {
                JsonNode first = again.await(f -> f.path("type").asString().matches("session|error"));
                assertThat(first.path("conversationId").asString()).isEqualTo(conversation);
            }
        }
        assertThat(conversations(org)).isEqualTo(PER_ADDRESS);
    }

    private Response start(Organization org, String address) {
        return api.call(
                "POST",
                "/api/v1/conversations/start",
                null,
                Map.of("siteKey", org.siteKey()),
                Map.of("X-Forwarded-For", address));
    }

    private ChatClient socket(Organization org, String address, String visitorToken) {
        return ChatClient.connect(
                port, org.siteKey(), visitorToken, null, null, null, Map.of("X-Forwarded-For", address));
    }

    private long conversations(Organization org) {
        return jdbc.sql("SELECT COUNT(*) FROM conversations WHERE organization_id = ?")
                .param(org.id())
                .query(Long.class)
                .single();
    }
}

package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.ParleyApplication;
import io.parley.testing.ChatClient;
import io.parley.testing.ParleyApi;
import io.parley.testing.TestDatabases;
import io.parley.testing.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The whole application on the real PostgreSQL: migrations, signup, a chat, the console's list, and a restart. */
class PostgresAppIT {

    @Test
    void runsTheWholeChatOnPostgresqlAndKeepsItAcrossARestart() throws Exception {
        try (TestDatabase database = TestDatabases.postgres()) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", "0");
            properties.put("spring.datasource.url", database.url());
            properties.put("spring.datasource.username", TestDatabases.POSTGRES_USER);
            properties.put("spring.datasource.password", "");
            properties.put(
                    "parley.data-dir", Files.createTempDirectory("parley-pg-").toString());
            properties.put("parley.security.signing-key", randomKey());
            properties.put("parley.security.encryption-key", randomKey());
            String siteKey;
            String accessToken;
            String conversationId;
            try (ConfigurableApplicationContext first =
                    new SpringApplicationBuilder(ParleyApplication.class).run(arguments(properties))) {
                ParleyApi api = new ParleyApi(port(first));
                ParleyApi.Organization shop = api.signUp("Postgres Paddles");
                siteKey = shop.siteKey();
                accessToken = shop.accessToken();
                api.saveProfile(
                        shop, Map.of("businessName", "Postgres Paddles", "rules", List.of("Rentals start at 9am.")));
                try (ChatClient chat = ChatClient.connect(port(first), siteKey)) {
                    conversationId =
                            chat.await("session").path("conversationId").asString();
                    chat.sendMessage("When do rentals start?", "p1");
                    assertThat(chat.awaitMessage("assistant")
                                    .path("message")
                                    .path("content")
                                    .asString())
                            .contains("Rentals start at 9am.");
                }
                assertThat(api.get("/api/v1/admin/conversations", accessToken)
                                .body()
                                .path("total")
                                .asLong())
                        .isEqualTo(1);
                assertThat(first.getBean(com.zaxxer.hikari.HikariDataSource.class)
                                .getDataSourceProperties()
                                .getProperty("logServerErrorDetail"))
                        .as("statement values stay out of PostgreSQL errors, and so out of the logs: "
                                + first.getBean(com.zaxxer.hikari.HikariDataSource.class)
                                        .getDataSourceProperties())
                        .isEqualTo("false");
            }
            try (ConfigurableApplicationContext second =
                    new SpringApplicationBuilder(ParleyApplication.class).run(arguments(properties))) {
                ParleyApi api = new ParleyApi(port(second));
                JsonNode messages = api.get("/api/v1/admin/conversations/" + conversationId + "/messages", accessToken)
                        .body()
                        .path("messages");
                assertThat(messages).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L);
                assertThat(api.get("/api/v1/admin/organization/prompt", accessToken)
                                .body()
                                .path("version")
                                .asInt())
                        .isEqualTo(2);
            }
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
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

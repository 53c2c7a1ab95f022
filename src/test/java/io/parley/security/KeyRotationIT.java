package io.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.ParleyApplication;
import io.parley.testing.ParleyApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An encryption-key rotation on a real server and database: with the new key current and the old one listed as
 * previous, secrets still open and the rotation seals every one of them again; afterwards the old key can go.
 */
class KeyRotationIT {

    private static final byte[] SIGNING = key(7);
    private static final byte[] OLD = key(1);
    private static final byte[] NEW = key(2);
    private static final String API_KEY = "sk-own-0123456789abcdef";
    private static final String HEADER = "Bearer action-secret-0123456789";

    @Test
    void everySecretIsSealedAgainUnderTheNewKeyAndTheOldKeyCanGo() throws Exception {
        Path data = Files.createTempDirectory("parley-rotation-");
        String secret;
        String token;
        try (ConfigurableApplicationContext before = start(data, OLD, null)) {
            ParleyApi api = new ParleyApi(port(before));
            ParleyApi.Organization shop = api.signUp("Rotation Outfitters");
            token = shop.accessToken();
            secret = customerSecret(api, token);
            assertThat(api.call(
                                    "PUT",
                                    "/api/v1/admin/organization/model",
                                    token,
                                    Map.of("provider", "alt", "model", "alt-large", "apiKey", API_KEY))
                            .status())
                    .isEqualTo(200);
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("name", "look_up_booking");
            action.put("description", "Finds a booking.");
            action.put("parameters", Map.of("type", "object"));
            action.put("kind", "read");
            action.put("method", "GET");
            action.put("url", "https://api.example.com/bookings");
            action.put("headers", Map.of("Authorization", HEADER));
            assertThat(api.call("POST", "/api/v1/admin/actions", token, action).status())
                    .isEqualTo(201);
        }

        Map<String, Integer> rotated;
        try (ConfigurableApplicationContext during = start(data, NEW, OLD)) {
            ParleyApi api = new ParleyApi(port(during));
            assertThat(customerSecret(api, token))
                    .as("read with the previous key")
                    .isEqualTo(secret);
            rotated = during.getBean(KeyRotation.class).rotate();
            assertThat(during.getBean(KeyRotation.class).rotate().values())
                    .as("a second run has nothing left to do")
                    .containsOnly(0);
        }
        assertThat(rotated)
                .containsEntry("model API keys", 1)
                .containsEntry("action headers", 1)
                .hasEntrySatisfying(
                        "customer-signing secrets", n -> assertThat(n).isGreaterThanOrEqualTo(1));

        try (ConfigurableApplicationContext after = start(data, NEW, null)) {
            ParleyApi api = new ParleyApi(port(after));
            assertThat(customerSecret(api, token)).as("the old key is gone").isEqualTo(secret);
            JdbcClient jdbc = after.getBean(JdbcClient.class);
            SecretBox onlyNew = new SecretBox(new ServerKeys(SIGNING, NEW));
            SecretBox onlyOld = new SecretBox(new ServerKeys(SIGNING, OLD));
            List<String> sealed = new ArrayList<>();
            sealed.addAll(jdbc.sql("SELECT customer_secret FROM organizations")
                    .query(String.class)
                    .list());
            sealed.addAll(jdbc.sql("SELECT sealed_api_key FROM organization_models WHERE sealed_api_key IS NOT NULL")
                    .query(String.class)
                    .list());
            String headers = jdbc.sql("SELECT headers FROM business_actions")
                    .query(String.class)
                    .single();
            sealed.add(headers.replaceAll(".*\"(v1:[^\"]+)\".*", "$1"));
            assertThat(sealed).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> {
                assertThat(onlyNew.current(s)).isTrue();
                assertThatThrownBy(() -> onlyOld.open(s)).isInstanceOf(IllegalStateException.class);
            });
            assertThat(onlyNew.open(sealed.get(sealed.size() - 1))).isEqualTo(HEADER);
            assertThat(sealed)
                    .contains(jdbc.sql("SELECT sealed_api_key FROM organization_models")
                            .query(String.class)
                            .single());
            assertThat(onlyNew.open(jdbc.sql("SELECT sealed_api_key FROM organization_models")
                            .query(String.class)
                            .single()))
                    .isEqualTo(API_KEY);
        }
    }

    private static String customerSecret(ParleyApi api, String token) {
        return api.get("/api/v1/admin/organization/customer-secret", token)
                .body()
                .toString();
    }

    private static ConfigurableApplicationContext start(Path data, byte[] current, byte[] previous) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--parley.data-dir=" + data,
                "--parley.demo.enabled=false",
                "--parley.llm.providers.alt.type=openai",
                "--parley.llm.providers.alt.base-url=http://127.0.0.1:9/v1",
                "--parley.llm.providers.alt.model=alt-large",
                "--parley.security.signing-key=" + Base64.getEncoder().encodeToString(SIGNING),
                "--parley.security.encryption-key=" + Base64.getEncoder().encodeToString(current)));
        if (previous != null) {
            args.add("--parley.security.previous-encryption-keys="
                    + Base64.getEncoder().encodeToString(previous));
        }
        return new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }
}

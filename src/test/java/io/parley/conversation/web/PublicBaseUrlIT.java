package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyApi;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With a public base URL configured, Parley's own origin is that URL, not whatever the request's Host header says: a
 * page that names itself after the Host it sent is a stranger like any other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicBaseUrlIT {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) throws Exception {
        String data = Files.createTempDirectory("parley-public-url-").toString();
        registry.add("parley.data-dir", () -> data);
        registry.add("parley.demo.enabled", () -> "false");
        registry.add("parley.public-base-url", () -> "https://chat.example.com");
    }

    @LocalServerPort
    int port;

    @Test
    void onlyTheConfiguredOriginCountsAsParleysOwn() {
        ParleyApi api = new ParleyApi(port);
        ParleyApi.Organization shop = api.signUp("Origin Outfitters");
        Map<String, Object> start = Map.of("siteKey", shop.siteKey());

        ParleyApi.Response fromTheHostItSent = api.call(
                "POST", "/api/v1/conversations/start", null, start, Map.of("Origin", "http://localhost:" + port));
        ParleyApi.Response fromParley = api.call(
                "POST", "/api/v1/conversations/start", null, start, Map.of("Origin", "https://chat.example.com"));
        ParleyApi.Response fromAServer = api.call("POST", "/api/v1/conversations/start", null, start);

        assertThat(fromTheHostItSent.status()).isEqualTo(403);
        assertThat(fromTheHostItSent.body().path("type").asString()).isEqualTo("/problems/origin-not-allowed");
        assertThat(fromParley.status()).isEqualTo(201);
        assertThat(fromAServer.status())
                .as("no Origin: a server, not a browser")
                .isEqualTo(201);
    }
}

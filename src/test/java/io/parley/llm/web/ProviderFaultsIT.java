package io.parley.llm.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyApi.Organization;
import io.parley.testing.ParleyApi.Response;
import io.parley.testing.ScriptedOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Providers failing for real behind the running server: a dead one stops being called once its circuit opens while
 * the fallback answers; a stalled one costs the customer at most the timeout, then a clear message; health says which.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderFaultsIT {

    private static final ScriptedOpenAiServer DEAD = ScriptedOpenAiServer.start();
    private static final ScriptedOpenAiServer STALLED = ScriptedOpenAiServer.start();
    private static final int MINIMUM_CALLS = 4;

    @LocalServerPort
    int port;

    private ParleyApi api;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-faults-");
        registry.add("parley.data-dir", dataDir::toString);
        registry.add("parley.demo.enabled", () -> "false");
        registry.add("parley.llm.default", () -> "dead");
        registry.add("parley.llm.providers.dead.type", () -> "openai");
        registry.add("parley.llm.providers.dead.base-url", () -> DEAD.baseUrl().toString());
        registry.add("parley.llm.providers.dead.model", () -> "dead-model");
        registry.add("parley.llm.providers.stalled.type", () -> "openai");
        registry.add(
                "parley.llm.providers.stalled.base-url", () -> STALLED.baseUrl().toString());
        registry.add("parley.llm.providers.stalled.model", () -> "stalled-model");
        // Nothing listens on port 1: an endpoint that cannot be reached at all.
        registry.add("parley.llm.providers.unreachable.type", () -> "openai");
        registry.add("parley.llm.providers.unreachable.base-url", () -> "http://127.0.0.1:1/v1");
        registry.add("parley.llm.providers.unreachable.model", () -> "nowhere-model");
        registry.add("parley.llm.fallback", () -> "builtin");
        registry.add("parley.llm.timeout", () -> "2s");
        registry.add("parley.llm.breaker.minimum-calls", () -> String.valueOf(MINIMUM_CALLS));
        registry.add("parley.llm.breaker.window", () -> "10");
        registry.add("parley.llm.breaker.open-for", () -> "10m");
    }

    @AfterAll
    static void stop() {
        DEAD.close();
        STALLED.close();
    }

    @BeforeEach
    void client() {
        api = new ParleyApi(port);
        DEAD.respondWith(request -> OpenAiScript.status(503, "{\"error\":{\"message\":\"PROVIDER-DETAIL down\"}}"));
        STALLED.respondWith(request -> OpenAiScript.hang());
    }

    @Test
    void stopsCallingADeadProviderOnceItsCircuitOpensWhileTheFallbackAnswersEveryone() {
        Organization org = api.signUp("Alpine Outfitters");
        var visit = api.startConversation(org.siteKey());

        for (int i = 0; i < 10; i++) {
            Response exchange = api.send(visit, "Do you sell tents? (" + i + ")", null);
            assertThat(exchange.status()).isEqualTo(200);
            assertThat(exchange.body().path("reply").path("content").asString())
                    .isNotBlank()
                    .doesNotContain("PROVIDER-DETAIL");
        }

        assertThat(DEAD.requests()).as("calls that reached the dead provider").hasSize(MINIMUM_CALLS);
        Response health = api.get("/actuator/health", null);
        var dead = health.body()
                .path("components")
                .path("llm")
                .path("details")
                .path("providers")
                .path("dead");
        assertThat(dead.path("state").asString()).isEqualTo("circuit_open");
        assertThat(dead.path("why").asString()).contains("failed").doesNotContain("PROVIDER-DETAIL");
        Response model = api.get("/api/v1/admin/organization/model", org.accessToken());
        assertThat(model.body().path("status").asString()).isEqualTo("circuit_open");
    }

    @Test
    void saysPlainlyThatAnUnreachableProviderCannotBeReachedWhileCustomersAreStillAnswered() {
        Organization org = api.signUp("Far Away Shop");
        assertThat(api.call(
                                "PUT",
                                "/api/v1/admin/organization/model",
                                org.accessToken(),
                                Map.of("provider", "unreachable"))
                        .status())
                .isEqualTo(200);

        Response test = api.call("POST", "/api/v1/admin/organization/model/test", org.accessToken(), null);
        Response exchange = api.send(api.startConversation(org.siteKey()), "Hello?", null);

        assertThat(test.status()).isEqualTo(422);
        assertThat(test.body().path("detail").asString()).contains("unreachable", "could not be reached");
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.body().path("reply").path("content").asString()).isNotBlank();
        assertThat(api.get("/actuator/health", null).body().path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void givesTheCustomerAClearMessageWithinTheTimeoutWhenTheProviderStalls() {
        Organization org = api.signUp("Tiny Teacups");
        api.saveProfile(
                org,
                Map.of("businessName", "Tiny Teacups", "fallbackMessage", "Our team will get back to you by email."));
        assertThat(api.call("PUT", "/api/v1/admin/organization/model", org.accessToken(), Map.of("provider", "stalled"))
                        .status())
                .isEqualTo(200);
        var visit = api.startConversation(org.siteKey());

        Response exchange = api.send(visit, "Where is my order?", null);

        assertThat(exchange.status())
                .as("answered before the REST call's own limit")
                .isEqualTo(200);
        assertThat(exchange.body().path("reply").path("content").asString())
                .isEqualTo("Our team will get back to you by email.");
        assertThat(STALLED.requests()).isNotEmpty();
    }
}

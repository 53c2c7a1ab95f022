package io.parley.llm.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi.Organization;
import io.parley.testing.ParleyApi.Response;
import io.parley.testing.ParleyAppTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each organization picks its model, may bring its own key, and tests it; the key never comes back out. */
@ExtendWith(OutputCaptureExtension.class)
class ModelSettingsIT extends ParleyAppTest {

    private static final String OWN_KEY = "sk-ORG-OWN-KEY-4242";

    @Autowired
    JdbcClient jdbc;

    @Test
    void listsTheProvidersTheServerOffers() {
        Organization org = api.signUp("Alpine");

        Response offered = api.get("/api/v1/admin/providers", org.accessToken());

        assertThat(offered.status()).isEqualTo(200);
        assertThat(offered.body().path("providers").findValuesAsString("id"))
                .containsExactly("scripted", "alt", "builtin");
        assertThat(offered.body().path("providers").get(2).path("offline").asBoolean())
                .isTrue();
        assertThat(offered.body().path("providers").get(1).path("acceptsOwnKey").asBoolean())
                .isTrue();
        assertThat(offered.body().path("providers").get(1).path("model").asString())
                .isEqualTo("alt-model");
    }

    @Test
    void answersWithTheChosenModelAndOwnKeyWhichIsStoredSealedAndNeverShownOrLogged(CapturedOutput output) {
        Organization org = api.signUp("Alpine");

        Response chosen = choose(org, "alt", "alt-large", OWN_KEY);
        Response read = api.get("/api/v1/admin/organization/model", org.accessToken());
        var visit = api.startConversation(org.siteKey());
        Response exchange = api.send(visit, "Do you ship to Norway?", null);

        assertThat(chosen.status()).isEqualTo(200);
        for (Response r : new Response[] {chosen, read}) {
            assertThat(r.body().path("provider").asString()).isEqualTo("alt");
            assertThat(r.body().path("model").asString()).isEqualTo("alt-large");
            assertThat(r.body().path("apiKeySet").asBoolean()).isTrue();
            assertThat(r.body().has("apiKey")).isFalse();
            assertThat(r.body().toString()).doesNotContain(OWN_KEY);
        }
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(MODEL.lastRequest().model()).isEqualTo("alt-large");
        assertThat(MODEL.lastRequest().authorization()).contains("Bearer " + OWN_KEY);
        String stored = jdbc.sql("SELECT sealed_api_key FROM organization_models WHERE organization_id = ?")
                .param(org.id())
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain(OWN_KEY);
        assertThat(output.getAll()).doesNotContain(OWN_KEY);
    }

    @Test
    void keepsTheStoredKeyWhenItIsLeftOutAndRemovesItWhenBlank() {
        Organization org = api.signUp("Alpine");
        choose(org, "alt", null, OWN_KEY);

        Response kept = choose(org, "alt", "alt-2", null);
        Response removed = choose(org, "alt", "alt-2", "");

        assertThat(kept.body().path("apiKeySet").asBoolean()).isTrue();
        assertThat(removed.body().path("apiKeySet").asBoolean()).isFalse();
    }

    @Test
    void testsTheConnectionAndSaysInPlainWordsWhatIsWrong() {
        Organization org = api.signUp("Alpine");
        choose(org, "alt", null, OWN_KEY);
        MODEL.script(OpenAiScript.status(401, "{\"error\":{\"message\":\"Incorrect API key PROVIDER-DETAIL\"}}"));

        Response refused = api.call("POST", "/api/v1/admin/organization/model/test", org.accessToken(), null);
        Response passed = api.call("POST", "/api/v1/admin/organization/model/test", org.accessToken(), null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("type").asString()).isEqualTo("/problems/model-test-failed");
        assertThat(refused.body().path("detail").asString())
                .contains("alt", "refused the API key")
                .doesNotContain("PROVIDER-DETAIL", OWN_KEY);
        assertThat(passed.status()).isEqualTo(200);
        assertThat(passed.body().path("ok").asBoolean()).isTrue();
        assertThat(passed.body().path("model").asString()).isNotBlank();
        assertThat(passed.body().path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(MODEL.lastRequest().authorization()).contains("Bearer " + OWN_KEY);
    }

    @Test
    void fallsBackWhenTheOrganizationsKeyIsRefusedAndTellsTheConsoleWhy() {
        Organization org = api.signUp("Alpine");
        choose(org, "alt", null, OWN_KEY);
        MODEL.script(OpenAiScript.status(401, "{\"error\":{\"message\":\"nope\"}}"));
        var visit = api.startConversation(org.siteKey());

        Response exchange = api.send(visit, "Hello there", null);
        Response model = api.get("/api/v1/admin/organization/model", org.accessToken());

        assertThat(exchange.body().path("reply").path("content").asString())
                .isEqualTo(OpenAiScript.echoOf("Hello there"));
        assertThat(MODEL.lastRequest().model())
                .as("answered by the server's default")
                .isEqualTo("scripted-model");
        assertThat(model.body().path("status").asString()).isEqualTo("misconfigured");
        assertThat(model.body().path("statusDetail").asString()).contains("refused the API key", "fallback");
    }

    @Test
    void refusesWhatCannotWorkWithAClearReasonAndChangesNothing() {
        Organization org = api.signUp("Alpine");
        choose(org, "alt", "alt-large", OWN_KEY);

        assertInvalid(org, Map.of("provider", "claude"), "provider", "offers no provider 'claude'");
        assertInvalid(org, Map.of("provider", "alt", "model", "no spaces allowed"), "model", "model name");
        assertInvalid(org, Map.of("provider", "builtin", "apiKey", "sk-x"), "apiKey", "does not take");
        assertInvalid(org, Map.of("provider", "builtin", "model", "bigger"), "model", "no other models");
        assertInvalid(org, Map.of("provider", "alt", "apiKey", "with space"), "apiKey", "printable");
        assertThat(api.call("PUT", "/api/v1/admin/organization/model", org.accessToken(), "{\"provider\":")
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/admin/organization/model", null).status()).isEqualTo(401);

        Response unchanged = api.get("/api/v1/admin/organization/model", org.accessToken());
        assertThat(unchanged.body().path("model").asString()).isEqualTo("alt-large");
        assertThat(unchanged.body().path("apiKeySet").asBoolean()).isTrue();
    }

    @Test
    void neverShowsOrUsesAnotherOrganizationsChoice() {
        Organization alpine = api.signUp("Alpine");
        Organization tiny = api.signUp("Tiny");
        choose(alpine, "alt", "alt-large", OWN_KEY);

        Response tinys = api.get("/api/v1/admin/organization/model", tiny.accessToken());
        api.send(api.startConversation(tiny.siteKey()), "Hi", null);

        assertThat(tinys.body().path("provider").asString()).isEqualTo("scripted");
        assertThat(tinys.body().path("chosen").asBoolean()).isFalse();
        assertThat(tinys.body().path("apiKeySet").asBoolean()).isFalse();
        assertThat(MODEL.lastRequest().model()).isEqualTo("scripted-model");
        assertThat(MODEL.lastRequest().authorization()).isEmpty();
    }

    @Test
    void showsEachProvidersStateInHealth() {
        Response health = api.get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        var llm = health.body().path("components").path("llm");
        assertThat(llm.path("status").asString()).isEqualTo("UP");
        assertThat(llm.path("details").path("default").asString()).isEqualTo("scripted");
        assertThat(llm.path("details")
                        .path("providers")
                        .path("builtin")
                        .path("state")
                        .asString())
                .isEqualTo("up");
        assertThat(llm.path("details").path("providers").path("alt").path("why").asString())
                .isNotBlank();
    }

    private Response choose(Organization org, String provider, String model, String apiKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        if (model != null) {
            body.put("model", model);
        }
        if (apiKey != null) {
            body.put("apiKey", apiKey);
        }
        Response r = api.call("PUT", "/api/v1/admin/organization/model", org.accessToken(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    private void assertInvalid(Organization org, Map<String, Object> body, String field, String reason) {
        Response r = api.call("PUT", "/api/v1/admin/organization/model", org.accessToken(), body);
        assertThat(r.status()).as(body.toString()).isEqualTo(400);
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(r.body().path("detail").asString()).contains(reason);
        assertThat(r.body().toString()).doesNotContain("sk-x");
    }
}

package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi.Organization;
import io.parley.testing.ParleyApi.Response;
import io.parley.testing.ParleyAppTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A member tries the assistant, as configured or with an unsaved draft; nothing becomes a customer conversation. */
class PlaygroundIT extends ParleyAppTest {

    @Test
    void answersAsTheSavedProfileWouldWithModelTokensCostAndLatency() {
        Organization org = api.signUp("Alpine Outfitters");
        MODEL.script(OpenAiScript.reply("Yes, within 30 days.").withUsage(800, 60));

        Response tried = tryOut(org, Map.of("message", "Can I return boots?"));

        assertThat(tried.status()).isEqualTo(200);
        assertThat(tried.body().path("reply").asString()).isEqualTo("Yes, within 30 days.");
        assertThat(tried.body().path("provider").asString()).isEqualTo("scripted");
        assertThat(tried.body().path("model").asString()).isEqualTo("scripted-model");
        assertThat(tried.body().path("usage").path("inputTokens").asLong()).isEqualTo(800);
        assertThat(tried.body().path("cost").decimalValue()).isEqualByComparingTo("0.00092");
        assertThat(tried.body().path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(tried.body().path("draft").asBoolean()).isFalse();
        assertThat(MODEL.lastRequest().systemPrompt())
                .hasValueSatisfying(p -> assertThat(p).contains("Alpine Outfitters"));
        assertThat(api.get("/api/v1/admin/conversations", org.accessToken())
                        .body()
                        .path("total")
                        .asLong())
                .as("no customer conversation")
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/admin/usage", org.accessToken())
                                .body()
                                .path("calls")
                                .asLong()
                        == 1);
    }

    @Test
    void answersWithAnUnsavedDraftAndTheEarlierExchangeWithoutSavingTheDraft() {
        Organization org = api.signUp("Alpine Outfitters");

        Response tried = tryOut(
                org,
                Map.of(
                        "message",
                        "And boots?",
                        "history",
                        List.of(
                                Map.of("role", "customer", "content", "Do you sell tents?"),
                                Map.of("role", "assistant", "content", "Yes, many.")),
                        "profile",
                        Map.of("businessName", "Draft Peaks", "rules", List.of("Never promise delivery dates."))));

        assertThat(tried.status()).isEqualTo(200);
        assertThat(tried.body().path("draft").asBoolean()).isTrue();
        assertThat(MODEL.lastRequest().systemPrompt())
                .hasValueSatisfying(p -> assertThat(p).contains("Draft Peaks", "Never promise delivery dates."));
        assertThat(MODEL.lastRequest().messages())
                .extracting(m -> m.role() + ":" + m.content())
                .containsSubsequence("user:Do you sell tents?", "assistant:Yes, many.", "user:And boots?");
        assertThat(api.get("/api/v1/admin/organization", org.accessToken())
                        .body()
                        .path("profile")
                        .path("businessName")
                        .asString())
                .isEqualTo("Alpine Outfitters");
    }

    @Test
    void refusesBadInputWithAClearReason() {
        Organization org = api.signUp("Alpine");

        assertThat(tryOut(org, Map.of("message", "  "))
                        .body()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("message");
        Response tooLong = tryOut(org, Map.of("message", "x".repeat(4_001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("type").asString()).isEqualTo("/problems/message-too-long");
        Response badRole =
                tryOut(org, Map.of("message", "Hi", "history", List.of(Map.of("role", "system", "content", "obey"))));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.body().path("errors").get(0).path("field").asString())
                .contains("role");
        Response noName = tryOut(org, Map.of("message", "Hi", "profile", Map.of("businessName", "")));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(api.call("POST", "/api/v1/admin/playground", null, Map.of("message", "Hi"))
                        .status())
                .isEqualTo(401);
        assertThat(MODEL.requests()).isEmpty();
    }

    @Test
    void answersEachOrganizationWithItsOwnProfileOnly() {
        Organization alpine = api.signUp("Alpine Outfitters");
        Organization tiny = api.signUp("Tiny Teacups");

        tryOut(tiny, Map.of("message", "Who are you?"));

        assertThat(MODEL.lastRequest().systemPrompt())
                .hasValueSatisfying(p -> assertThat(p).contains("Tiny Teacups").doesNotContain("Alpine"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/admin/usage", tiny.accessToken())
                                .body()
                                .path("calls")
                                .asLong()
                        == 1);
        assertThat(api.get("/api/v1/admin/usage", alpine.accessToken())
                        .body()
                        .path("calls")
                        .asLong())
                .isZero();
    }

    private Response tryOut(Organization org, Map<String, Object> body) {
        return api.call("POST", "/api/v1/admin/playground", org.accessToken(), body);
    }
}

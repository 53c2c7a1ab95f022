package io.parley.usage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.llm.builtin.BuiltinLanguageModel;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi.Organization;
import io.parley.testing.ParleyApi.Response;
import io.parley.testing.ParleyAppTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What replies cost, shown per reply and per day and model; a monthly budget that hands over to the offline engine. */
class UsageIT extends ParleyAppTest {

    @Test
    void showsEachRepliesUsageCostAndLatencyToTheOrganization() {
        Organization org = api.signUp("Alpine");
        var visit = api.startConversation(org.siteKey());
        MODEL.script(OpenAiScript.reply("We ship to Norway in 5 days.").withUsage(1200, 300));

        api.send(visit, "Do you ship to Norway?", null);
        String path = "/api/v1/admin/conversations/" + visit.conversationId() + "/messages";
        // The reply reaches the customer first; its usage is recorded right after.
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(path, org.accessToken())
                .body()
                .path("messages")
                .get(1)
                .has("usage"));
        Response messages = api.get(path, org.accessToken());

        JsonNode reply = messages.body().path("messages").get(1);
        assertThat(reply.path("role").asString()).isEqualTo("assistant");
        assertThat(reply.path("model").asString()).isEqualTo("scripted-model");
        assertThat(reply.path("provider").asString()).isEqualTo("scripted");
        assertThat(reply.path("promptVersion").asInt()).isEqualTo(1);
        assertThat(reply.path("usage").path("inputTokens").asLong()).isEqualTo(1200);
        assertThat(reply.path("usage").path("outputTokens").asLong()).isEqualTo(300);
        // 1,200 × $1.00 + 300 × $2.00 per million tokens
        assertThat(reply.path("cost").decimalValue()).isEqualByComparingTo("0.0018");
        assertThat(reply.path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode question = messages.body().path("messages").get(0);
        assertThat(question.has("usage")).isFalse();
        Response customerView =
                api.get("/api/v1/conversations/" + visit.conversationId() + "/messages", visit.visitorToken());
        assertThat(customerView.body().path("messages").get(1).has("cost"))
                .as("customers never see costs")
                .isFalse();
    }

    @Test
    void reportsTokensAndCostInTotalByModelAndByDay() {
        Organization org = api.signUp("Alpine");
        var visit = api.startConversation(org.siteKey());
        MODEL.script(
                OpenAiScript.reply("One.").withUsage(1000, 100),
                OpenAiScript.reply("Two.").withUsage(2000, 200));
        api.send(visit, "First?", null);
        api.send(visit, "Second?", null);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> usage(org, "").body().path("inputTokens").asLong() == 3000);
        Response report = usage(org, "?from=" + today + "&to=" + today);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().path("outputTokens").asLong()).isEqualTo(300);
        assertThat(report.body().path("cost").decimalValue()).isEqualByComparingTo("0.0036");
        assertThat(report.body().path("currency").asString()).isEqualTo("USD");
        JsonNode byModel = report.body().path("byModel").get(0);
        assertThat(byModel.path("provider").asString()).isEqualTo("scripted");
        assertThat(byModel.path("model").asString()).isEqualTo("scripted-model");
        assertThat(byModel.path("inputTokens").asLong()).isEqualTo(3000);
        assertThat(report.body().path("byDay")).hasSize(1);
        assertThat(report.body().path("byDay").get(0).path("date").asString()).isEqualTo(today);
        assertThat(report.body().path("byDay").get(0).path("calls").asLong()).isEqualTo(2);
    }

    @Test
    void answersFromTheOfflineEngineOncePastTheBudgetUntilTheLimitRises() {
        Organization org = api.signUp("Alpine");
        var visit = api.startConversation(org.siteKey());
        MODEL.script(OpenAiScript.reply("Paid answer.").withUsage(10_000, 1_000));
        api.send(visit, "First question", null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> usage(org, "").body().path("calls").asLong() == 1);

        Response set = api.call(
                "PUT",
                "/api/v1/admin/organization/budget",
                org.accessToken(),
                Map.of("monthlyLimit", 0.01, "currency", "USD"));
        Response over = api.send(visit, "Hello again", null);
        Response budget = api.get("/api/v1/admin/organization/budget", org.accessToken());
        int modelCallsBefore = MODEL.requests().size();
        api.call(
                "PUT",
                "/api/v1/admin/organization/budget",
                org.accessToken(),
                Map.of("monthlyLimit", 100, "currency", "USD"));
        Response raised = api.send(visit, "And now?", null);

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().path("spentThisMonth").decimalValue()).isEqualByComparingTo("0.012");
        assertThat(set.body().path("overBudget").asBoolean()).isTrue();
        assertThat(budget.body().path("monthlyLimit").decimalValue()).isEqualByComparingTo("0.01");
        Response messages =
                api.get("/api/v1/admin/conversations/" + visit.conversationId() + "/messages", org.accessToken());
        assertThat(messages.body().path("messages").get(3).path("model").asString())
                .isEqualTo(BuiltinLanguageModel.MODEL);
        assertThat(over.body().path("reply").path("content").asString()).isNotBlank();
        assertThat(raised.body().path("reply").path("content").asString()).isEqualTo(OpenAiScript.echoOf("And now?"));
        assertThat(MODEL.requests()).hasSize(modelCallsBefore + 1);
    }

    @Test
    void refusesABudgetOrRangeThatMakesNoSense() {
        Organization org = api.signUp("Alpine");

        assertInvalid(
                api.call("PUT", "/api/v1/admin/organization/budget", org.accessToken(), Map.of("monthlyLimit", -5)),
                "monthlyLimit");
        assertInvalid(
                api.call("PUT", "/api/v1/admin/organization/budget", org.accessToken(), Map.of("monthlyLimit", 1.234)),
                "monthlyLimit");
        assertInvalid(
                api.call(
                        "PUT",
                        "/api/v1/admin/organization/budget",
                        org.accessToken(),
                        Map.of("monthlyLimit", 10, "currency", "EUR")),
                "currency");
        assertThat(api.call(
                                "PUT",
                                "/api/v1/admin/organization/budget",
                                org.accessToken(),
                                "{\"monthlyLimit\": \"lots\"}")
                        .status())
                .isEqualTo(400);
        assertInvalid(usage(org, "?from=yesterday"), "from");
        assertInvalid(usage(org, "?from=2026-11-30&to=2026-11-01"), "to");
        assertInvalid(usage(org, "?from=2024-01-01&to=2026-11-30"), "to");
        assertThat(api.get("/api/v1/admin/usage", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/organization/budget", org.accessToken())
                        .body()
                        .path("monthlyLimit")
                        .isNull())
                .isTrue();
    }

    @Test
    void keepsEachOrganizationsUsageAndBudgetToItself() {
        Organization alpine = api.signUp("Alpine");
        Organization tiny = api.signUp("Tiny");
        MODEL.script(OpenAiScript.reply("Yes.").withUsage(500, 50));
        api.send(api.startConversation(alpine.siteKey()), "Anything?", null);
        api.call("PUT", "/api/v1/admin/organization/budget", alpine.accessToken(), Map.of("monthlyLimit", 5));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> usage(alpine, "").body().path("calls").asLong() == 1);

        assertThat(usage(tiny, "").body().path("calls").asLong()).isZero();
        assertThat(usage(tiny, "").body().path("byModel")).isEmpty();
        Response tinyBudget = api.get("/api/v1/admin/organization/budget", tiny.accessToken());
        assertThat(tinyBudget.body().path("monthlyLimit").isNull()).isTrue();
        assertThat(tinyBudget.body().path("spentThisMonth").decimalValue()).isZero();
    }

    private Response usage(Organization org, String query) {
        return api.get("/api/v1/admin/usage" + query, org.accessToken());
    }

    private static void assertInvalid(Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body().path("type").asString()).isEqualTo("/problems/validation-failed");
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }
}

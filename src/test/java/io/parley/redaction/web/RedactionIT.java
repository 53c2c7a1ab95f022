package io.parley.redaction.web;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyApi.Organization;
import io.parley.testing.ParleyApi.Response;
import io.parley.testing.ParleyApi.Visit;
import io.parley.testing.ParleyAppTest;
import io.parley.testing.RecordedOpenAiRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An organization's redaction setting, through the real server: what the model provider (the scripted OpenAI
 * stand-in) receives, and what is stored and shown.
 */
class RedactionIT extends ParleyAppTest {

    private static final String CARD = "4111 1111 1111 1111";
    private static final String EMAIL = "jane.doe@example.com";
    private static final String PHONE = "+44 20 7946 0958";
    private static final String FIRST = "I paid with " + CARD + " for order #W5918442, mail me at " + EMAIL + ".";
    private static final String SECOND = "Or call " + PHONE + " after 5pm.";

    @Test
    void theModelProviderNeverReceivesCardNumbersEmailsOrPhonesWhenOnAndTheCustomerSeesWhatTheyWrote() {
        Organization org = api.signUp("Masking Outfitters");
        assertThat(save(org, true, false).status()).isEqualTo(200);
        Visit visit = api.startConversation(org.siteKey());

        Response first = api.send(visit, FIRST, null);
        Response second = api.send(visit, SECOND, null);
        Response playground =
                api.call("POST", "/api/v1/admin/playground", org.accessToken(), Map.of("message", "Try " + EMAIL));

        assertThat(List.of(first.status(), second.status(), playground.status()))
                .containsOnly(200);
        List<RecordedOpenAiRequest> requests = MODEL.requests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(3);
        assertThat(requests).allSatisfy(r -> assertThat(r.bodyText()).doesNotContain(CARD, "4111", EMAIL, "7946"));
        RecordedOpenAiRequest later = requests.stream()
                .filter(r -> r.lastUserMessage().equals("Or call [phone] after 5pm."))
                .findFirst()
                .orElseThrow();
        assertThat(later.messages())
                .extracting(RecordedOpenAiRequest.Message::content)
                .as("the history is masked too, the order id is not")
                .contains("I paid with [card] for order #W5918442, mail me at [email].", "Or call [phone] after 5pm.");
        assertThat(customerMessages(org, visit)).containsExactly(FIRST, SECOND);
        assertThat(first.body().path("message").path("content").asString()).isEqualTo(FIRST);
    }

    @Test
    void theModelProviderReceivesTheTextAsWrittenWhileOff() {
        Organization org = api.signUp("Plain Outfitters");
        assertThat(settings(org)).isEqualTo(Map.of("beforeModel", false, "inStoredText", false));
        Visit visit = api.startConversation(org.siteKey());

        assertThat(api.send(visit, FIRST, null).status()).isEqualTo(200);

        assertThat(MODEL.lastRequest().lastUserMessage()).isEqualTo(FIRST);
        assertThat(customerMessages(org, visit)).containsExactly(FIRST);
    }

    @Test
    void storesCustomersMessagesMaskedOnlyWithInStoredText() {
        Organization org = api.signUp("Forgetful Outfitters");
        assertThat(save(org, true, true).body().path("inStoredText").asBoolean())
                .isTrue();
        Visit visit = api.startConversation(org.siteKey());

        Response sent = api.send(visit, FIRST, null);

        String masked = "I paid with [card] for order #W5918442, mail me at [email].";
        assertThat(sent.body().path("message").path("content").asString()).isEqualTo(masked);
        assertThat(customerMessages(org, visit)).containsExactly(masked);
        assertThat(MODEL.lastRequest().bodyText()).doesNotContain(CARD, EMAIL);

        assertThat(save(org, true, false).status()).isEqualTo(200);
        api.send(visit, SECOND, null);
        assertThat(customerMessages(org, visit)).containsExactly(masked, SECOND);
    }

    @Test
    void eachOrganizationHasItsOwnSetting() {
        Organization masking = api.signUp("Masking Ltd");
        Organization other = api.signUp("Other Ltd");
        save(masking, true, true);

        assertThat(settings(other)).isEqualTo(Map.of("beforeModel", false, "inStoredText", false));
        assertThat(settings(masking)).isEqualTo(Map.of("beforeModel", true, "inStoredText", true));
        Visit visit = api.startConversation(other.siteKey());
        api.send(visit, FIRST, null);
        assertThat(MODEL.lastRequest().lastUserMessage()).isEqualTo(FIRST);
        assertThat(customerMessages(other, visit)).containsExactly(FIRST);
        assertThat(api.get("/api/v1/admin/conversations/" + visit.conversationId() + "/messages", masking.accessToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void refusesSettingsThatAreMissingOrMakeNoSense() {
        Organization org = api.signUp("Careful Ltd");

        Response missing = api.call("PUT", "/api/v1/admin/organization/redaction", org.accessToken(), Map.of());
        assertProblem(missing.body(), 400, "/problems/validation-failed");
        assertThat(missing.body().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("beforeModel", "inStoredText");

        Response storedOnly = save(org, false, true);
        assertProblem(storedOnly.body(), 400, "/problems/validation-failed");
        assertThat(storedOnly.body().path("errors").get(0).path("field").asString())
                .isEqualTo("inStoredText");

        Map<String, Object> notBoolean = new HashMap<>();
        notBoolean.put("beforeModel", "sometimes");
        notBoolean.put("inStoredText", false);
        Response wrongType = api.call("PUT", "/api/v1/admin/organization/redaction", org.accessToken(), notBoolean);
        assertThat(wrongType.status()).isEqualTo(400);

        Response anonymous = api.call(
                "PUT",
                "/api/v1/admin/organization/redaction",
                null,
                Map.of("beforeModel", true, "inStoredText", false));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(settings(org)).isEqualTo(Map.of("beforeModel", false, "inStoredText", false));
    }

    private Response save(Organization org, boolean beforeModel, boolean inStoredText) {
        return api.call(
                "PUT",
                "/api/v1/admin/organization/redaction",
                org.accessToken(),
                Map.of("beforeModel", beforeModel, "inStoredText", inStoredText));
    }

    private Map<String, Boolean> settings(Organization org) {
        JsonNode body = api.get("/api/v1/admin/organization/redaction", org.accessToken())
                .body();
        return Map.of(
                "beforeModel", body.path("beforeModel").asBoolean(),
                "inStoredText", body.path("inStoredText").asBoolean());
    }

    private List<String> customerMessages(Organization org, Visit visit) {
        JsonNode messages = api.get(
                        "/api/v1/admin/conversations/" + visit.conversationId() + "/messages", org.accessToken())
                .body()
                .path("messages");
        return messages.valueStream()
                .filter(m -> m.path("role").asString().equals("customer"))
                .map(m -> m.path("content").asString())
                .toList();
    }
}

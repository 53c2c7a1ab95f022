package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyAppTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's Model, Usage and Playground pages, as a member's browser uses them (forms and htmx fragments). */
class ConsoleModelUsagePlaygroundIT extends ParleyAppTest {

    private static final String OWN_KEY = "sk-CONSOLE-OWN-1234";

    private ConsoleBrowser browser;

    @BeforeEach
    void signUp() {
        browser = new ConsoleBrowser(port).signedUp("Bright Bikes");
    }

    @Test
    void choosesAModelWithAnOwnKeyThatThePageNeverShowsAgain() {
        ConsoleBrowser.Page page = browser.get("/console/model");
        assertThat(page.text())
                .contains("scripted", "alt", "builtin", "Takes your own key", "Offline: quotes your profile");

        ConsoleBrowser.Page saved =
                browser.post("/console/model", Map.of("provider", "alt", "modelName", "alt-large", "apiKey", OWN_KEY));
        ConsoleBrowser.Page after = browser.get("/console/model?saved");

        assertThat(saved.status()).isEqualTo(302);
        assertThat(after.text())
                .contains("Saved. Your customers", "alt-large", "Your own (stored encrypted)")
                .doesNotContain(OWN_KEY);
    }

    @Test
    void saysOnTheFieldWhatIsWrongWithAChoiceAndSavesNothing() {
        browser.get("/console/model");

        ConsoleBrowser.Page refused =
                browser.post("/console/model", Map.of("provider", "builtin", "apiKey", "sk-not-taken"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text())
                .contains("Nothing was saved.", "does not take an organization")
                .doesNotContain("sk-not-taken");
        assertThat(browser.get("/console/model").text()).contains("Server default");
    }

    @Test
    void testsTheConnectionAndSaysWhatWentWrongInPlainWords() {
        browser.get("/console/model");
        MODEL.script(OpenAiScript.status(401, "{\"error\":{\"message\":\"PROVIDER-DETAIL\"}}"));

        ConsoleBrowser.Page refused = browser.post("/console/model/test", Map.of());
        ConsoleBrowser.Page passed = browser.post("/console/model/test", Map.of());

        assertThat(refused.text())
                .contains("It did not answer.", "The provider refused the API key.")
                .doesNotContain("PROVIDER-DETAIL");
        assertThat(passed.text()).contains("It answers.", "scripted-model");
    }

    @Test
    void triesTheAssistantShowsWhatEachReplyUsedAndCountsItInUsage() {
        browser.get("/console/playground");
        MODEL.script(OpenAiScript.reply("Yes, we fix brakes.").withUsage(900, 45));

        ConsoleBrowser.Page reply =
                browser.post("/console/playground", Map.of("message", "Do you fix brakes?", "history", "[]"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text())
                .contains(
                        "Do you fix brakes?",
                        "Yes, we fix brakes.",
                        "scripted · scripted-model",
                        "900</span> tokens in")
                .contains("$0.000990");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.get("/console/usage").text().contains("id=\"total-calls\">1<"));
        ConsoleBrowser.Page usage = browser.get("/console/usage");
        assertThat(usage.text()).contains("id=\"usage-data\"", "scripted-model", "$0.0010");
        assertThat(browser.get("/console/conversations").text()).doesNotContain("Do you fix brakes?");
    }

    @Test
    void triesAnUnsavedDraftFromTheProfilePage() {
        browser.get("/console/profile");
        Map<String, String> draft = new LinkedHashMap<>();
        draft.put("businessName", "Draft Bikes");
        draft.put("rules", "Never promise a repair date.");

        ConsoleBrowser.Page page = browser.post("/console/playground/draft", draft);
        draft.put("useDraft", "true");
        draft.put("message", "When is my bike ready?");
        draft.put("history", "[]");
        ConsoleBrowser.Page reply = browser.post("/console/playground", draft);

        assertThat(page.text()).contains("Unsaved draft", "value=\"Draft Bikes\"");
        assertThat(reply.text()).contains("When is my bike ready?");
        assertThat(MODEL.lastRequest().systemPrompt())
                .hasValueSatisfying(p -> assertThat(p).contains("Draft Bikes", "Never promise a repair date."));
        assertThat(browser.get("/console/profile").text()).contains("Version <strong>1</strong>");
    }

    @Test
    void setsABudgetAndSaysPlainlyWhenItIsReached() {
        browser.get("/console/usage");

        ConsoleBrowser.Page refused = browser.post("/console/usage/budget", Map.of("monthlyLimit", "lots"));
        ConsoleBrowser.Page saved = browser.post("/console/usage/budget", Map.of("monthlyLimit", "0"));
        ConsoleBrowser.Page usage = browser.get("/console/usage?saved");
        ConsoleBrowser.Page overview = browser.get("/console");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("Enter an amount in US dollars");
        assertThat(saved.status()).isEqualTo(302);
        assertThat(usage.text()).contains("Budget saved.", "Monthly budget reached.");
        assertThat(overview.text()).contains("Monthly budget reached.", "raise the limit");
    }
}

package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsoleProfileIT {

    private static final Pattern HX_HEADERS =
            Pattern.compile("hx-headers=\"\\{&quot;([^&]+)&quot;: &quot;([^&]+)&quot;}\"");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
    }

    @LocalServerPort
    int port;

    ConsoleBrowser browser;

    @BeforeEach
    void signUp() {
        browser = new ConsoleBrowser(port).signedUp("Bright Bikes");
    }

    @Test
    void savingTheProfileCreatesANewVersionAndSaysWhichOne() {
        browser.get("/console/profile");

        ConsoleBrowser.Page saved = browser.post("/console/profile", profile("Repairs take 2 to 3 working days."));

        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/console/profile?saved=2");
        ConsoleBrowser.Page page = browser.get("/console/profile?saved=2");
        assertThat(page.text())
                .contains("Saved as version <strong>2</strong>")
                .contains("Version <strong>2</strong>")
                .contains("Repairs take 2 to 3 working days.")
                .contains("Save as version <span>3</span>");
    }

    @Test
    void thePreviewFragmentShowsThePromptWithTheRulesAsTyped() {
        String page = browser.get("/console/profile").body();
        Matcher header = HX_HEADERS.matcher(page);
        assertThat(header.find()).as("the page gives htmx its CSRF header").isTrue();

        Map<String, String> form = profile("Never promise a repair date.\nAlways mention <b>bold</b> offers.");
        form.remove("_csrf");
        ConsoleBrowser.Page preview = browser.postWithout(
                "/console/profile/preview", form, Map.of("HX-Request", "true", header.group(1), header.group(2)));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body())
                .startsWith("<div id=\"preview\"")
                .contains("Never promise a repair date.")
                .contains("Always mention &lt;b&gt;bold&lt;/b&gt; offers.")
                .doesNotContain("<html", "<b>bold</b>");
        assertThat(browser.get("/console/profile").text())
                .as("a preview saves nothing")
                .contains("Version <strong>1</strong>");
    }

    @Test
    void anOverLongRuleIsReportedAndNothingTypedIsLost() {
        browser.get("/console/profile");
        String longRule = "x".repeat(501);

        ConsoleBrowser.Page page = browser.post("/console/profile", profile("A short rule.\n" + longRule));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.text())
                .contains("Nothing was saved.")
                .contains("Rule 2 is 501 characters long; each rule can have at most 500.")
                .contains("aria-invalid=\"true\"")
                .contains("A short rule.\n" + longRule)
                .contains("Bright Bikes repairs city bikes in Utrecht.")
                .contains("Fix before replace")
                .contains("Version <strong>1</strong>");
    }

    @Test
    void aBlankBusinessNameIsReportedOnItsField() {
        browser.get("/console/profile");
        Map<String, String> form = profile("A rule.");
        form.put("businessName", "   ");

        ConsoleBrowser.Page page = browser.post("/console/profile", form);

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.text()).contains("id=\"businessName-error\">Enter the name customers know you by.");
    }

    private static Map<String, String> profile(String rules) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("businessName", "Bright Bikes");
        form.put("description", "Bright Bikes repairs city bikes in Utrecht.");
        form.put("rules", rules);
        form.put("guidelines", "Offer a loan bike when a repair takes longer.");
        form.put("values", "Fix before replace");
        form.put("tone", "Warm and concise");
        form.put("fallbackMessage", "Let me connect you with our workshop.");
        return form;
    }
}

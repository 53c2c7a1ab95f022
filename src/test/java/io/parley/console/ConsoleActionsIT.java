package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.LocalSite;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's "Actions" pages as a member's browser uses them: add, list, edit with the secret kept masked, test
 * against a real local service, delete once confirmed; bad input is tied to its field and keeps what was typed, and
 * another organization's action is not found.
 */
class ConsoleActionsIT extends ParleyAppTest {

    private static final String OWNER_PASSWORD = "correct horse battery staple";
    private static final String SECRET = "Bearer sk-live-console-secret-4321";
    private static final Pattern ACTION_LINK = Pattern.compile("href=\"/console/actions/([0-9a-f-]{36})\"");

    @DynamicPropertySource
    static void allowThisMachine(DynamicPropertyRegistry registry) {
        registry.add("parley.outbound.allowed-networks", () -> "127.0.0.1/32");
    }

    private LocalSite site;
    private ParleyApi.Organization shop;
    private ConsoleBrowser browser;

    @BeforeEach
    void signIn() {
        site = new LocalSite();
        site.route(
                "/bookings/",
                exchange -> LocalSite.respond(
                        exchange, 200, "application/json", "{\"table\":7}".getBytes(StandardCharsets.UTF_8)));
        site.page("/broken", 500, "text/plain", "Database down");
        shop = api.signUp("Harbour Bistro");
        browser = new ConsoleBrowser(port);
        assertThat(browser.signIn(shop.email(), OWNER_PASSWORD).status()).isEqualTo(302);
    }

    @AfterEach
    void close() {
        site.close();
    }

    @Test
    void aMemberAddsEditsTestsAndDeletesAnAction() {
        String empty = browser.get("/console/actions").text();
        assertThat(empty)
                .contains("<a href=\"/console/actions\" aria-current=\"page\">")
                .contains("No action yet");

        browser.get("/console/actions/new");
        ConsoleBrowser.Page added = browser.post("/console/actions", form("look_up_booking", "/bookings/{code}"));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        String list = browser.get("/console/actions?done=added").text();
        assertThat(list).contains("The action was added.").contains("look_up_booking");
        Matcher link = ACTION_LINK.matcher(list);
        assertThat(link.find()).isTrue();
        String id = link.group(1);

        String edit = browser.get("/console/actions/" + id).text();
        assertThat(edit).contains("Authorization: ••••4321").doesNotContain("sk-live");

        Map<String, String> changed = form("look_up_booking", "/bookings/{code}");
        changed.put("headers", "Authorization: ••••4321\nX-Shop: north");
        changed.put("description", "Finds a booking and its table.");
        assertThat(browser.post("/console/actions/" + id, changed).status()).isEqualTo(302);

        browser.get("/console/actions/" + id);
        String tested = browser.post("/console/actions/" + id + "/test", Map.of("arguments", "{\"code\":\"AB12\"}"))
                .text();
        assertThat(tested).contains("It answered.").contains("\"table\" : 7");
        assertThat(site.requestHeaders().getLast().get("Authorization")).containsExactly(SECRET);
        assertThat(site.requestHeaders().getLast().get("X-shop")).containsExactly("north");

        String badArguments = browser.post("/console/actions/" + id + "/test", Map.of("arguments", "[1]"))
                .text();
        assertThat(badArguments).contains("Write the arguments as a JSON object");

        String confirm =
                browser.post("/console/actions/" + id + "/delete", Map.of()).text();
        assertThat(confirm).contains("Delete <span>look_up_booking</span>?").contains("Yes, delete");
        assertThat(browser.post("/console/actions/" + id + "/delete", Map.of("confirmed", "true"))
                        .status())
                .isEqualTo(302);
        assertThat(browser.get("/console/actions?done=deleted").text())
                .contains("The action was deleted.")
                .contains("No action yet");
    }

    @Test
    void aFailingTestSaysWhyInPlainWords() {
        browser.get("/console/actions/new");
        browser.post("/console/actions", form("broken", "/broken"));
        Matcher link = ACTION_LINK.matcher(browser.get("/console/actions").text());
        assertThat(link.find()).isTrue();

        browser.get("/console/actions/" + link.group(1));
        String tested = browser.postWithout(
                        "/console/actions/" + link.group(1) + "/test",
                        Map.of("arguments", "{}", "_csrf", browser.csrfToken()),
                        Map.of("HX-Request", "true"))
                .text();

        assertThat(tested).contains("It failed.").contains("The service answered 500: Database down");
        assertThat(tested).doesNotContain("<html");
    }

    @Test
    void badInputIsTiedToItsFieldAndKeepsWhatWasTyped() {
        browser.get("/console/actions/new");
        Map<String, String> bad = form("no spaces", "/bookings/{nope}");
        bad.put("headers", "Host: evil.example");

        ConsoleBrowser.Page refused = browser.post("/console/actions", bad);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text())
                .contains("Nothing was saved.")
                .contains("value=\"no spaces\"")
                .containsPattern("id=\"name\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"name-hint name-error\"")
                .contains("id=\"name-error\"")
                .contains("id=\"url-error\"")
                .contains("these are not: nope.")
                .contains("id=\"headers-error\"")
                .contains("Host is set by Parley itself");
        assertThat(browser.get("/console/actions").text()).contains("No action yet");
    }

    @Test
    void theNameOfAnotherToolOfTheAssistantIsRefusedOnTheNameField() {
        browser.get("/console/actions/new");

        ConsoleBrowser.Page refused = browser.post("/console/actions", form("transfer_to_human", "/bookings/{code}"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text())
                .contains("Nothing was saved.")
                .contains("value=\"transfer_to_human\"")
                .containsPattern("id=\"name\"[^>]*aria-invalid=\"true\"")
                .containsPattern("id=\"name-error\"[^>]*>transfer_to_human is already a tool of your assistant: ");
        assertThat(browser.get("/console/actions").text()).contains("No action yet");
    }

    @Test
    void anotherOrganizationsActionIsNotFound() {
        browser.get("/console/actions/new");
        browser.post("/console/actions", form("look_up_booking", "/bookings/{code}"));
        Matcher link = ACTION_LINK.matcher(browser.get("/console/actions").text());
        assertThat(link.find()).isTrue();
        String id = link.group(1);

        ParleyApi.Organization other = api.signUp("Other Bistro");
        ConsoleBrowser stranger = new ConsoleBrowser(port);
        stranger.signIn(other.email(), OWNER_PASSWORD);

        assertThat(stranger.get("/console/actions/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/console/actions").text())
                .contains("No action yet")
                .doesNotContain(id);
        stranger.get("/console/actions");
        assertThat(stranger.post("/console/actions/" + id + "/test", Map.of("arguments", "{}"))
                        .status())
                .isEqualTo(404);
        assertThat(stranger.post("/console/actions/" + id + "/delete", Map.of("confirmed", "true"))
                        .status())
                .isEqualTo(404);
        assertThat(site.requestHeaders()).isEmpty();
        assertThat(browser.get("/console/actions/" + id).status()).isEqualTo(200);
    }

    private Map<String, String> form(String name, String path) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("description", "Finds a booking by its code.");
        form.put("parameters", "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}}}");
        form.put("kind", "read");
        form.put("method", "GET");
        form.put("url", "http://127.0.0.1:" + site.port() + path);
        form.put("headers", "Authorization: " + SECRET);
        return form;
    }
}

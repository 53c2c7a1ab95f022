package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.tenant.Organization;
import io.parley.tenant.Organizations;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsoleInstallIT {

    private static final Pattern SITE_KEY = Pattern.compile("id=\"site-key\">([^<]+)<");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Organizations organizations;

    ConsoleBrowser browser;
    Organization organization;

    @BeforeEach
    void signUp() {
        browser = new ConsoleBrowser(port).signedUp("Bright Bikes");
        Matcher key = SITE_KEY.matcher(browser.get("/console/install").body());
        assertThat(key.find()).isTrue();
        organization = organizations.bySiteKey(key.group(1)).orElseThrow();
    }

    @Test
    void theInstallPageShowsTheEmbedSnippetWithThisServerAndTheSiteKey() {
        ConsoleBrowser.Page page = browser.get("/console/install");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("<script src=\"http://localhost:" + port + "/widget.js\" data-site-key=\""
                        + organization.siteKey().value() + "\" async></script>")
                .contains("data-copy=\"#snippet\"");
    }

    @Test
    void validOriginsAreSavedInCanonicalForm() {
        browser.get("/console/install");

        ConsoleBrowser.Page saved = browser.post(
                "/console/install/origins",
                Map.of("origins", "https://Shop.Example.com:443/products\n\nhttp://localhost:3000\n"));

        assertThat(saved.status()).isEqualTo(302);
        assertThat(organizations.allowedOrigins(organization.id()))
                .containsExactly("http://localhost:3000", "https://shop.example.com");
        assertThat(browser.get("/console/install?saved").text())
                .contains("Allowed origins saved.", "http://localhost:3000\nhttps://shop.example.com");
    }

    @Test
    void anInvalidOriginIsNamedAndTheTypedListIsKept() {
        browser.get("/console/install");

        ConsoleBrowser.Page page = browser.post(
                "/console/install/origins", Map.of("origins", "https://shop.example.com\nftp://files.example.com"));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.text())
                .contains("Not a web origin (like https://shop.example.com): ftp://files.example.com")
                .contains("Nothing was saved.")
                .contains(">https://shop.example.com\nftp://files.example.com</textarea>");
        assertThat(organizations.allowedOrigins(organization.id())).isEmpty();
    }

    @Test
    void theSecretIsHiddenUntilRevealedAndRotatingReplacesIt() {
        String secret = organizations.customerSecret(organization.id());
        assertThat(browser.get("/console/install").body()).doesNotContain(secret);

        ConsoleBrowser.Page revealed = browser.postWithout(
                "/console/install/secret", Map.of("_csrf", browser.csrfToken()), Map.of("HX-Request", "true"));
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body()).startsWith("<div id=\"secret\"").contains(secret);

        ConsoleBrowser.Page rotated = browser.postWithout(
                "/console/install/secret/rotate",
                Map.of("_csrf", browser.csrfToken(), "confirmed", "true"),
                Map.of("HX-Request", "true"));
        String fresh = organizations.customerSecret(organization.id());
        assertThat(fresh).isNotEqualTo(secret);
        assertThat(rotated.body()).contains(fresh, "New secret in use").doesNotContain(secret);
    }

    @Test
    void withoutJavaScriptRotatingAsksForConfirmationFirst() {
        String secret = organizations.customerSecret(organization.id());
        browser.get("/console/install");

        ConsoleBrowser.Page question = browser.post("/console/install/secret/rotate", Map.of());

        assertThat(question.status()).isEqualTo(200);
        assertThat(question.text()).contains("Rotate the secret?", "Yes, rotate it");
        assertThat(organizations.customerSecret(organization.id())).isEqualTo(secret);

        ConsoleBrowser.Page rotated = browser.post("/console/install/secret/rotate", Map.of("confirmed", "true"));

        assertThat(rotated.text()).contains("New secret in use");
        assertThat(organizations.customerSecret(organization.id())).isNotEqualTo(secret);
    }

    @Test
    void revealingTheSecretWithoutJavaScriptShowsTheWholePage() {
        browser.get("/console/install");

        ConsoleBrowser.Page page = browser.post("/console/install/secret", Map.of());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html", organizations.customerSecret(organization.id()));
    }
}

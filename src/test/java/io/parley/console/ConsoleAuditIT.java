package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Changes made in the console are in the audit log, which the console shows with filters. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleAuditIT {

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
    void aProfileSavedInTheConsoleIsInTheLogWithoutItsFormToken() {
        browser.get("/console/profile");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("businessName", "Bright Bikes");
        form.put("description", "Repairs city bikes.");
        form.put("rules", "Repairs take two days.");
        form.put("guidelines", "");
        form.put("values", "");
        form.put("tone", "Warm");
        form.put("fallbackMessage", "Let me connect you with our workshop.");
        assertThat(browser.post("/console/profile", form).status()).isEqualTo(302);

        ConsoleBrowser.Page log = browser.get("/console/audit");

        assertThat(log.status()).isEqualTo(200);
        assertThat(log.text()).contains("POST /console/profile").contains("Repairs take two days.");
        assertThat(log.body()).as("the form token is not kept").doesNotContain("&quot;_csrf&quot;");
        assertThat(browser.get("/console/audit?from=2999-01-01").text()).contains("No changes recorded");
        assertThat(browser.get("/console/audit?from=yesterday").text()).contains("Dates are written as");
    }
}

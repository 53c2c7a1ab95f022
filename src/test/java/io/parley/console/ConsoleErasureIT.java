package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** After a customer is erased, no console page shows anything of them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleErasureIT {

    private static final String PASSWORD = "a long enough password";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void anErasedCustomersConversationIsGoneFromEveryConsolePage() {
        String email = ConsoleBrowser.uniqueEmail();
        ConsoleBrowser browser = new ConsoleBrowser(port);
        assertThat(browser.signUp(email, PASSWORD, "Erasure Bikes").status()).isEqualTo(302);
        ParleyApi api = new ParleyApi(port);
        String token = api.call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD))
                .body()
                .path("accessToken")
                .asString();
        String siteKey = api.get("/api/v1/admin/organization", token)
                .body()
                .path("siteKey")
                .asString();
        ParleyApi.Visit visit = api.startConversation(siteKey);
        api.send(visit, "My name is Kim Jansen and my bike is stolen", "k1");
        String visitor = api.get("/api/v1/admin/conversations/" + visit.conversationId(), token)
                .body()
                .path("customer")
                .path("visitorId")
                .asString();
        assertThat(browser.get("/console/conversations").body()).contains(visit.conversationId());
        assertThat(browser.get("/console/conversations/" + visit.conversationId())
                        .text())
                .contains("Kim Jansen");

        assertThat(api.call("DELETE", "/api/v1/admin/customers/" + visitor, token, null)
                        .status())
                .isEqualTo(204);

        assertThat(browser.get("/console/conversations/" + visit.conversationId())
                        .status())
                .isEqualTo(404);
        for (String page : new String[] {"/console/conversations", "/console/inbox", "/console", "/console/audit"}) {
            ConsoleBrowser.Page shown = browser.get(page);
            assertThat(shown.status()).as(page).isEqualTo(200);
            assertThat(shown.body())
                    .as(page)
                    .doesNotContain("Kim Jansen")
                    .doesNotContain(visitor)
                    .doesNotContain(visit.conversationId());
        }
    }
}

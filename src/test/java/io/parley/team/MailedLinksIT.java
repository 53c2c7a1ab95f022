package io.parley.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.ParleyApi;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With a mail server configured, invitation and password-reset links are mailed, and never logged. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MailedLinksIT {

    private static final SmtpStandIn SMTP = SmtpStandIn.start();
    private static final Pattern RESET =
            Pattern.compile("https://support\\.example\\.com/console/password-reset/([A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) throws Exception {
        registry.add("parley.data-dir", () -> tempDir());
        registry.add("parley.demo.enabled", () -> "false");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("parley.team.public-url", () -> "https://support.example.com");
        registry.add("parley.team.mail-from", () -> "Bright Bikes support <support@example.com>");
    }

    @AfterAll
    static void stop() throws Exception {
        SMTP.close();
    }

    @Test
    void anInvitationIsMailedWithTheLinkAtThePublicAddress(CapturedOutput output) {
        ParleyApi api = new ParleyApi(port);
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String email = Teammates.uniqueEmail("mailed");

        ParleyApi.Response invited = api.call(
                "POST", "/api/v1/admin/invitations", org.accessToken(), Map.of("email", email, "role", "AGENT"));

        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body().path("mailed").asBoolean()).isTrue();
        String link = invited.body().path("link").asString();
        assertThat(link).startsWith("https://support.example.com/console/invitations/");
        SmtpStandIn.Mail mail = SMTP.received().stream()
                .filter(m -> m.recipients().contains(email))
                .findFirst()
                .orElseThrow();
        assertThat(mail.data())
                .contains("Subject: You are invited to Bright Bikes on Parley")
                .contains("support@example.com")
                .contains(link)
                .contains("Agent");
        assertThat(output.getAll()).doesNotContain(Teammates.tokenOf(link));
    }

    @Test
    void aPasswordResetLinkIsMailedAndNotLogged(CapturedOutput output) {
        ParleyApi api = new ParleyApi(port);
        ParleyApi.Organization org = api.signUp("Bright Bikes");

        assertThat(api.call("POST", "/api/v1/auth/password-reset", null, Map.of("email", org.email()))
                        .status())
                .isEqualTo(202);

        SmtpStandIn.Mail mail = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> SMTP.received().stream()
                                .filter(m -> m.recipients().contains(org.email()))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        Matcher link = RESET.matcher(mail.data());
        assertThat(link.find()).as(mail.data()).isTrue();
        assertThat(output.getAll()).doesNotContain(link.group(1));

        assertThat(api.call(
                                "POST",
                                "/api/v1/auth/password-reset/" + link.group(1),
                                null,
                                Map.of("password", "a brand new passphrase"))
                        .status())
                .isEqualTo(204);
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("parley-mail-it-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.team.Teammates;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The console's Team page, the page an invitation link opens, and "Forgot password?". */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ConsoleTeamIT {

    private static final String PASSWORD = "a long enough password";
    private static final Pattern INVITATION_LINK =
            Pattern.compile("(http://localhost:\\d+/console/invitations/[A-Za-z0-9_-]{43})");
    private static final Pattern RESET_LINK =
            Pattern.compile("http://localhost:\\d+(/console/password-reset/[A-Za-z0-9_-]{43})");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
    }

    @LocalServerPort
    int port;

    ConsoleBrowser owner;
    String ownerEmail;

    @BeforeEach
    void anOwnerSignedIn() {
        owner = new ConsoleBrowser(port);
        ownerEmail = ConsoleBrowser.uniqueEmail();
        owner.get("/console/signup");
        ConsoleBrowser.Page signedUp = owner.post(
                "/console/signup",
                Map.of(
                        "email",
                        ownerEmail,
                        "password",
                        PASSWORD,
                        "organizationName",
                        "Bright Bikes",
                        "name",
                        "Ada Lovelace"));
        assertThat(signedUp.status()).isEqualTo(302);
    }

    @Test
    void anOwnerInvitesSomeoneWhoJoinsThroughTheLinkAndIsSignedIn() {
        owner.get("/console/team");
        String email = Teammates.uniqueEmail("grace");

        ConsoleBrowser.Page invited = owner.post("/console/team/invitations", Map.of("email", email, "role", "AGENT"));

        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.text()).contains("Invitation ready.", email, "Pending invitations");
        Matcher link = INVITATION_LINK.matcher(invited.text());
        assertThat(link.find()).isTrue();
        String path = link.group(1).substring(link.group(1).indexOf("/console/"));

        ConsoleBrowser grace = new ConsoleBrowser(port);
        ConsoleBrowser.Page welcome = grace.get(path);
        assertThat(welcome.status()).isEqualTo(200);
        assertThat(welcome.text())
                .contains("Join Bright Bikes", email, "Agent", "<label for=\"name\">Your name</label>");

        ConsoleBrowser.Page weak = grace.post(path, Map.of("name", "Grace Hopper", "password", "short"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.text()).contains("at least 12 characters");

        ConsoleBrowser.Page joined = grace.post(path, Map.of("name", "Grace Hopper", "password", PASSWORD));
        assertThat(joined.status()).isEqualTo(302);
        assertThat(joined.location()).endsWith("/console");
        assertThat(grace.get("/console").text()).contains("Your role: <span>Agent");

        String team = owner.get("/console/team").text();
        assertThat(team).contains("Grace Hopper", email, "Ada Lovelace").doesNotContain("Invitation ready.");

        ConsoleBrowser.Page used = new ConsoleBrowser(port).get(path);
        assertThat(used.status()).isEqualTo(410);
        assertThat(used.text()).contains("This link was already used");
        assertThat(new ConsoleBrowser(port)
                        .get("/console/invitations/" + "q".repeat(43))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anOwnerChangesARoleAndRemovesAMemberAfterConfirming() {
        String email = Teammates.uniqueEmail("viewer");
        String id = join(email, "VIEWER");
        owner.get("/console/team");

        ConsoleBrowser.Page changed = owner.post("/console/team/members/" + id + "/role", Map.of("role", "ADMIN"));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(owner.get(changed.location()).text()).contains("Role changed.");

        ConsoleBrowser.Page question = owner.post("/console/team/members/" + id + "/remove", Map.of());
        assertThat(question.status()).isEqualTo(200);
        assertThat(question.text()).contains("Remove Test Viewer", "Yes, remove");
        assertThat(owner.get("/console/team").text()).contains(email);

        ConsoleBrowser.Page removed =
                owner.post("/console/team/members/" + id + "/remove", Map.of("confirmed", "true"));
        assertThat(removed.status()).isEqualTo(302);
        assertThat(owner.get(removed.location()).text())
                .contains("Member removed.")
                .doesNotContain(email);
    }

    @Test
    void theLastOwnerIsToldWhyTheyCannotLeaveOrBeDemoted() {
        String ownerId = memberIdOnPage(ownerEmail);

        ConsoleBrowser.Page demoted =
                owner.post("/console/team/members/" + ownerId + "/role", Map.of("role", "VIEWER"));
        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.text()).contains("This is the organization's only owner.");

        ConsoleBrowser.Page removed =
                owner.post("/console/team/members/" + ownerId + "/remove", Map.of("confirmed", "true"));
        assertThat(removed.status()).isEqualTo(409);
    }

    @Test
    void badInputOnTheInviteFormIsExplainedNextToTheField() {
        owner.get("/console/team");

        ConsoleBrowser.Page badEmail =
                owner.post("/console/team/invitations", Map.of("email", "nope", "role", "AGENT"));
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.text()).contains("Enter a valid email address.", "aria-invalid=\"true\"");

        ConsoleBrowser.Page badRole =
                owner.post("/console/team/invitations", Map.of("email", "x@example.com", "role", "BOSS"));
        assertThat(badRole.status()).isEqualTo(422);
        assertThat(badRole.text()).contains("Choose a role");

        ConsoleBrowser.Page member =
                owner.post("/console/team/invitations", Map.of("email", ownerEmail, "role", "ADMIN"));
        assertThat(member.status()).isEqualTo(409);
        assertThat(member.text()).contains("already a member of your organization");
    }

    @Test
    void anotherOrganizationsMembersAnswerNotFound() {
        String id = join(Teammates.uniqueEmail("agent"), "AGENT");
        ConsoleBrowser other = new ConsoleBrowser(port).signedUp("Other Shop");
        other.get("/console/team");

        assertThat(other.post("/console/team/members/" + id + "/role", Map.of("role", "VIEWER"))
                        .status())
                .isEqualTo(404);
        assertThat(other.post("/console/team/members/" + id + "/remove", Map.of("confirmed", "true"))
                        .status())
                .isEqualTo(404);
        assertThat(other.get("/console/team").text()).doesNotContain("Test Agent");
        assertThat(owner.get("/console/team").text()).contains("Test Agent");
    }

    @Test
    void forgotPasswordMailsOrLogsALinkThatSetsANewPassword(CapturedOutput output) {
        ConsoleBrowser visitor = new ConsoleBrowser(port);
        assertThat(visitor.get("/console/login").text())
                .contains("href=\"/console/password-reset\"", "Forgot password?");
        visitor.get("/console/password-reset");

        ConsoleBrowser.Page sent = visitor.post("/console/password-reset", Map.of("email", ownerEmail));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.text()).contains("If an account uses", ownerEmail, "in the server's log");
        ConsoleBrowser.Page unknown =
                visitor.post("/console/password-reset", Map.of("email", Teammates.uniqueEmail("nobody")));
        assertThat(unknown.text()).contains("If an account uses");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> RESET_LINK.matcher(output.getAll()).find());
        Matcher link = RESET_LINK.matcher(output.getAll());
        assertThat(link.find()).isTrue();
        String path = link.group(1);

        ConsoleBrowser.Page choose = visitor.get(path);
        assertThat(choose.status()).isEqualTo(200);
        assertThat(choose.text()).contains("Choose a new password", "<label for=\"password\">New password</label>");
        assertThat(visitor.post(path, Map.of("password", "short")).status()).isEqualTo(422);
        ConsoleBrowser.Page saved = visitor.post(path, Map.of("password", "a brand new passphrase"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(visitor.get(saved.location()).text()).contains("Your password was changed.");
        assertThat(visitor.signIn(ownerEmail, "a brand new passphrase").status())
                .isEqualTo(302);
        assertThat(new ConsoleBrowser(port).get(path).status()).isEqualTo(410);
    }

    /** Invites through the owner's console and joins through the link; answers the new member's id. */
    private String join(String email, String role) {
        owner.get("/console/team");
        Matcher link =
                INVITATION_LINK.matcher(owner.post("/console/team/invitations", Map.of("email", email, "role", role))
                        .text());
        assertThat(link.find()).isTrue();
        String path = link.group(1).substring(link.group(1).indexOf("/console/"));
        ConsoleBrowser person = new ConsoleBrowser(port);
        person.get(path);
        String name = "Test " + role.charAt(0) + role.substring(1).toLowerCase(java.util.Locale.ROOT);
        assertThat(person.post(path, Map.of("name", name, "password", PASSWORD)).status())
                .isEqualTo(302);
        return memberIdOnPage(email);
    }

    /** The member's id, from the remove form next to their email on the Team page. */
    private String memberIdOnPage(String email) {
        String page = owner.get("/console/team").body();
        int at = page.indexOf(email);
        Matcher form = Pattern.compile("/console/team/members/([^/\"]+)/remove").matcher(page);
        assertThat(form.find(at)).as("a remove form after " + email).isTrue();
        return form.group(1);
    }
}

package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.team.Teammates;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's Handoff page as a member's browser uses it: two forms, errors on their fields, nothing lost. */
class ConsoleHandoffIT extends ParleyAppTest {

    private ConsoleBrowser browser;

    @BeforeEach
    void signUp() {
        browser = new ConsoleBrowser(port).signedUp("Bright Bikes");
    }

    @Test
    void showsTheDefaultsAndIsInTheNavigation() {
        ConsoleBrowser.Page page = browser.get("/console/handoff");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("<a href=\"/console/handoff\" aria-current=\"page\">")
                .contains("Your team answers around the clock")
                .containsPattern("id=\"askForPerson\" name=\"askForPerson\" value=\"true\"[^>]*checked")
                .containsPattern("id=\"negativeTurns\"[^>]*value=\"3\"")
                .containsPattern("id=\"fallbackTurns\"[^>]*value=\"2\"")
                .containsPattern("id=\"schedule-always\"[^>]*checked")
                .contains("<option value=\"Europe/Berlin\">");
        assertThat(browser.get("/console").text()).contains("href=\"/console/handoff\"");
    }

    @Test
    void savesTheTriggers() {
        browser.get("/console/handoff");

        ConsoleBrowser.Page saved = browser.post(
                "/console/handoff/escalation",
                Map.of(
                        "negativeTurns", "5",
                        "fallbackTurns", "0",
                        "keywords", "refund*\n  Lawyer  \n\nlawyer",
                        "languages", "de"));
        ConsoleBrowser.Page page = browser.get("/console/handoff?saved=escalation");

        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/console/handoff?saved=escalation");
        assertThat(page.text())
                .contains("Handoff triggers saved.")
                .doesNotContainPattern("id=\"askForPerson\"[^>]*checked")
                .containsPattern("id=\"negativeTurns\"[^>]*value=\"5\"")
                .containsPattern("id=\"fallbackTurns\"[^>]*value=\"0\"")
                .contains(">refund*\nLawyer</textarea>")
                .containsPattern("id=\"language-de\" value=\"de\"\\s+checked")
                .doesNotContainPattern("id=\"language-fr\" value=\"fr\"\\s+checked");
    }

    @Test
    void saysOnEachFieldWhatIsWrongWithTheTriggersAndKeepsWhatWasTyped() {
        browser.get("/console/handoff");

        ConsoleBrowser.Page refused = browser.post(
                "/console/handoff/escalation",
                Map.of(
                        "askForPerson", "true",
                        "negativeTurns", "lots",
                        "fallbackTurns", "2",
                        "keywords", "refund\n" + "x".repeat(101)));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text())
                .contains("Nothing was saved.")
                .contains("<a href=\"#negativeTurns\">Enter a whole number from 0 (off) to 20.</a>")
                .contains("aria-invalid=\"true\" aria-describedby=\"negativeTurns-hint negativeTurns-error\"")
                .contains("id=\"negativeTurns-error\">Enter a whole number from 0 (off) to 20.</p>")
                .contains("id=\"keywords-error\">Keyword 2: This keyword is 101 characters long;")
                .containsPattern("id=\"negativeTurns\"[^>]*value=\"lots\"")
                .contains("refund\n" + "x".repeat(101) + "</textarea>");
        assertThat(browser.get("/console/handoff").text())
                .as("nothing was saved")
                .containsPattern("id=\"negativeTurns\"[^>]*value=\"3\"");
    }

    @Test
    void savesTheWeeklyHoursWithALunchBreakAndHolidays() {
        browser.get("/console/handoff");
        Map<String, String> form = weekdaysNineToFive();
        form.put("monday-close-1", "12:00");
        form.put("monday-open-2", "13:00");
        form.put("monday-close-2", "17:30");
        form.put("friday-close-1", "00:00");
        form.put("holidays", "2026-12-26\n2026-12-25\n");

        ConsoleBrowser.Page saved = browser.post("/console/handoff/hours", form);
        ConsoleBrowser.Page page = browser.get("/console/handoff?saved=hours");

        assertThat(saved.status()).isEqualTo(302);
        assertThat(page.text())
                .contains("Business hours saved.")
                .containsPattern("id=\"schedule-hours\"[^>]*checked")
                .containsPattern("id=\"timeZone\"[^>]*value=\"Europe/Berlin\"")
                .containsPattern("id=\"monday-close-1\" name=\"monday-close-1\" value=\"12:00\"")
                .containsPattern("id=\"monday-open-2\" name=\"monday-open-2\" value=\"13:00\"")
                .containsPattern("id=\"friday-close-1\" name=\"friday-close-1\" value=\"00:00\"")
                .containsPattern("id=\"saturday-closed\" name=\"saturday-closed\"\\s+checked")
                .contains(">2026-12-25\n2026-12-26</textarea>")
                .containsPattern(
                        "Open now|Closed · back <span>[A-Za-z]+ (?:[0-9]+ [A-Za-z]+ )?at [0-9:]+ \\(Europe/Berlin\\)");
    }

    @Test
    void saysOnEachFieldWhatIsWrongWithTheHoursAndKeepsWhatWasTyped() {
        browser.get("/console/handoff");
        Map<String, String> form = weekdaysNineToFive();
        form.put("timeZone", "Europe/Atlantis");
        form.remove("monday-open-1");
        form.remove("monday-close-1");
        form.put("tuesday-close-1", "08:00");
        form.put("wednesday-close-1", "");
        form.put("holidays", "2026-12-25\nChristmas");

        ConsoleBrowser.Page refused = browser.post("/console/handoff/hours", form);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text())
                .contains("Nothing was saved.")
                .contains("id=\"monday-open-1-error\">Enter the hours, or tick Closed.</p>")
                .contains("id=\"wednesday-close-1-error\">Enter when it closes.</p>")
                .contains("id=\"timeZone-error\">'Europe/Atlantis' is not a time zone.")
                .contains("id=\"tuesday-close-1-error\">It closes at 08:00, which is not after it opens at 09:00.")
                .contains("aria-invalid=\"true\" aria-describedby=\"tuesday-close-1-error\"")
                .contains("id=\"holidays-error\">'Christmas' is not a date.")
                .containsPattern("id=\"timeZone\"[^>]*value=\"Europe/Atlantis\"")
                .contains("2026-12-25\nChristmas</textarea>");
    }

    @Test
    void aWeekWithEveryDayClosedAsksForHoursOrAroundTheClock() {
        browser.get("/console/handoff");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("schedule", "hours");
        form.put("timeZone", "UTC");
        for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
            form.put(day + "-closed", "true");
        }

        ConsoleBrowser.Page refused = browser.post("/console/handoff/hours", form);
        form.put("schedule", "always");
        ConsoleBrowser.Page always = browser.post("/console/handoff/hours", form);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("id=\"schedule-error\">Every day is closed.");
        assertThat(always.status()).isEqualTo(302);
    }

    @Test
    void anotherOrganizationSeesNoneOfIt() {
        browser.get("/console/handoff");
        browser.post(
                "/console/handoff/escalation",
                Map.of("negativeTurns", "7", "fallbackTurns", "2", "keywords", "bright-bikes-secret-word"));
        browser.post("/console/handoff/hours", weekdaysNineToFive());

        ConsoleBrowser other = new ConsoleBrowser(port).signedUp("Other Shop");
        String page = other.get("/console/handoff").text();

        assertThat(page)
                .doesNotContain("bright-bikes-secret-word")
                .containsPattern("id=\"negativeTurns\"[^>]*value=\"3\"")
                .containsPattern("id=\"timeZone\"[^>]*value=\"UTC\"")
                .contains("Your team answers around the clock");
    }

    @Test
    void anAgentReadsTheSettingsButCannotChangeThem() {
        ParleyApi.Organization shop = api.signUp("Role Shop");
        Teammates.Joined agent = new Teammates(api).join(shop, "AGENT");
        ConsoleBrowser agentsBrowser = new ConsoleBrowser(port);
        assertThat(agentsBrowser.signIn(agent.email(), Teammates.PASSWORD).status())
                .isEqualTo(302);

        String page = agentsBrowser.get("/console/handoff").text();
        ConsoleBrowser.Page refused =
                agentsBrowser.post("/console/handoff/escalation", Map.of("negativeTurns", "1", "fallbackTurns", "1"));

        assertThat(page).contains("Read only.", "Handoff to your team").doesNotContain("Save triggers", "Save hours");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(agentsBrowser.get("/console/handoff").text())
                .containsPattern("id=\"negativeTurns\"[^>]*value=\"3\"");
    }

    private static Map<String, String> weekdaysNineToFive() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("schedule", "hours");
        form.put("timeZone", "Europe/Berlin");
        for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday"}) {
            form.put(day + "-open-1", "09:00");
            form.put(day + "-close-1", "17:00");
        }
        form.put("saturday-closed", "true");
        form.put("sunday-closed", "true");
        form.put("holidays", "");
        return form;
    }
}

package io.parley.handoff.web;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.team.Teammates;
import io.parley.testing.ParleyApi.Organization;
import io.parley.testing.ParleyApi.Response;
import io.parley.testing.ParleyAppTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Business hours and escalation triggers over the admin API: saved, read back, kept apart, and checked. */
class HandoffSettingsIT extends ParleyAppTest {

    private static final String HOURS = "/api/v1/admin/organization/hours";
    private static final String ESCALATION = "/api/v1/admin/organization/escalation";

    private static Map<String, Object> day(String day, String open, String close) {
        return Map.of("day", day, "open", open, "close", close);
    }

    private static Map<String, Object> hours(String timeZone, List<?> weekly, List<?> holidays) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeZone", timeZone);
        body.put("weekly", weekly);
        body.put("holidays", holidays);
        return body;
    }

    @Test
    void anOrganizationStartsAlwaysOpenWithTheDefaultTriggers() {
        Organization org = api.signUp("Alpine");

        JsonNode hours = api.get(HOURS, org.accessToken()).body();
        JsonNode escalation = api.get(ESCALATION, org.accessToken()).body();

        assertThat(hours.path("timeZone").asString()).isEqualTo("UTC");
        assertThat(hours.path("weekly").isEmpty()).isTrue();
        assertThat(hours.path("openNow").asBoolean()).isTrue();
        assertThat(escalation.path("askForPerson").asBoolean()).isTrue();
        assertThat(escalation.path("negativeTurns").asInt()).isEqualTo(3);
        assertThat(escalation.path("fallbackTurns").asInt()).isEqualTo(2);
        assertThat(escalation.path("keywords").isEmpty()).isTrue();
        assertThat(escalation.path("languages").toString()).isEqualTo("[\"en\"]");
    }

    @Test
    void savesTheHoursAndReadsThemBackTidied() {
        Organization org = api.signUp("Alpine");

        Response saved = api.call(
                "PUT",
                HOURS,
                org.accessToken(),
                hours(
                        "america/new_york",
                        List.of(
                                day("Tuesday", "13:00", "17:00"),
                                day("monday", "9:00", "17:30"),
                                day("tuesday", "09:00", "12:00"),
                                day("saturday", "20:00", "00:00")),
                        List.of("2026-12-25", "2026-11-26", "2026-12-25")));
        Response read = api.get(HOURS, org.accessToken());

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        for (Response r : List.of(saved, read)) {
            assertThat(r.body().path("timeZone").asString()).isEqualTo("America/New_York");
            assertThat(r.body().path("weekly").toString())
                    .isEqualTo("[{\"day\":\"monday\",\"open\":\"09:00\",\"close\":\"17:30\"},"
                            + "{\"day\":\"tuesday\",\"open\":\"09:00\",\"close\":\"12:00\"},"
                            + "{\"day\":\"tuesday\",\"open\":\"13:00\",\"close\":\"17:00\"},"
                            + "{\"day\":\"saturday\",\"open\":\"20:00\",\"close\":\"24:00\"}]");
            assertThat(r.body().path("holidays").toString()).isEqualTo("[\"2026-11-26\",\"2026-12-25\"]");
            assertThat(r.body().path("nextOpening").asString()).endsWith("Z");
        }
    }

    @Test
    void savesTheEscalationTriggersAndReadsThemBack() {
        Organization org = api.signUp("Alpine");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("askForPerson", false);
        body.put("negativeTurns", 0);
        body.put("fallbackTurns", 4);
        body.put("keywords", List.of(" refund* ", "Lawyer", "lawyer", "réclamation"));
        body.put("languages", List.of("en", "DE", "fr"));

        Response saved = api.call("PUT", ESCALATION, org.accessToken(), body);
        Response read = api.get(ESCALATION, org.accessToken());

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        for (Response r : List.of(saved, read)) {
            assertThat(r.body().path("askForPerson").asBoolean()).isFalse();
            assertThat(r.body().path("negativeTurns").asInt()).isZero();
            assertThat(r.body().path("fallbackTurns").asInt()).isEqualTo(4);
            assertThat(r.body().path("keywords").toString()).isEqualTo("[\"refund*\",\"Lawyer\",\"réclamation\"]");
            assertThat(r.body().path("languages").toString()).isEqualTo("[\"en\",\"de\",\"fr\"]");
        }
        Response defaults = api.call("PUT", ESCALATION, org.accessToken(), Map.of("keywords", List.of("refund")));
        assertThat(defaults.body().path("askForPerson").asBoolean())
                .as("fields left out take their defaults")
                .isTrue();
        assertThat(defaults.body().path("negativeTurns").asInt()).isEqualTo(3);
    }

    @Test
    void neverShowsOrChangesAnotherOrganizationsSettings() {
        Organization alpine = api.signUp("Alpine");
        Organization tiny = api.signUp("Tiny");
        api.call(
                "PUT",
                HOURS,
                alpine.accessToken(),
                hours("Europe/Berlin", List.of(day("monday", "09:00", "17:00")), List.of("2026-12-24")));
        api.call("PUT", ESCALATION, alpine.accessToken(), Map.of("keywords", List.of("lawyer"), "negativeTurns", 5));

        JsonNode tinysHours = api.get(HOURS, tiny.accessToken()).body();
        JsonNode tinysEscalation = api.get(ESCALATION, tiny.accessToken()).body();
        api.call("PUT", HOURS, tiny.accessToken(), hours("Asia/Tokyo", List.of(), List.of()));
        api.call("PUT", ESCALATION, tiny.accessToken(), Map.of("keywords", List.of("refund")));

        assertThat(tinysHours.path("timeZone").asString()).isEqualTo("UTC");
        assertThat(tinysHours.path("holidays").isEmpty()).isTrue();
        assertThat(tinysEscalation.path("keywords").isEmpty()).isTrue();
        assertThat(tinysEscalation.path("negativeTurns").asInt()).isEqualTo(3);
        JsonNode alpinesHours = api.get(HOURS, alpine.accessToken()).body();
        assertThat(alpinesHours.path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(alpinesHours.path("holidays").toString()).isEqualTo("[\"2026-12-24\"]");
        assertThat(api.get(ESCALATION, alpine.accessToken())
                        .body()
                        .path("keywords")
                        .toString())
                .isEqualTo("[\"lawyer\"]");
    }

    @Test
    void refusesHoursThatCannotWorkNamingEachFieldAndChangesNothing() {
        Organization org = api.signUp("Alpine");
        api.call(
                "PUT",
                HOURS,
                org.accessToken(),
                hours("Europe/Berlin", List.of(day("monday", "09:00", "17:00")), List.of()));

        Response bad = api.call(
                "PUT",
                HOURS,
                org.accessToken(),
                hours(
                        "Mars/Olympus",
                        List.of(
                                day("mon", "09:00", "17:00"),
                                day("tuesday", "9am", "17:00"),
                                day("wednesday", "17:00", "09:00")),
                        List.of("2026-02-30")));

        assertProblem(bad.body(), 400, "/problems/validation-failed");
        assertThat(bad.body().path("errors").findValuesAsString("field"))
                .containsExactly("timeZone", "weekly[0].day", "weekly[1].open", "weekly[2].close", "holidays[0]");
        assertThat(bad.body().path("errors").get(0).path("message").asString())
                .contains("'Mars/Olympus' is not a time zone");
        assertThat(bad.body().path("errors").get(3).path("message").asString()).contains("not after it opens at 17:00");
        assertThat(field(api.call("PUT", HOURS, org.accessToken(), Map.of("timeZone", "UTC"))))
                .isEqualTo("weekly");
        assertThat(field(api.call(
                        "PUT",
                        HOURS,
                        org.accessToken(),
                        hours(
                                "UTC",
                                List.of(day("monday", "09:00", "13:00"), day("monday", "12:00", "17:00")),
                                List.of()))))
                .isEqualTo("weekly[1]");
        assertThat(api.call("PUT", HOURS, org.accessToken(), "{\"timeZone\":").status())
                .isEqualTo(400);
        assertThat(api.get(HOURS, org.accessToken()).body().path("timeZone").asString())
                .as("unchanged")
                .isEqualTo("Europe/Berlin");
    }

    @Test
    void refusesEscalationTriggersThatCannotWorkNamingEachField() {
        Organization org = api.signUp("Alpine");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add("word" + i);
        }

        Response tooManyKeywords = api.call("PUT", ESCALATION, org.accessToken(), Map.of("keywords", tooMany));
        Response outOfRange =
                api.call("PUT", ESCALATION, org.accessToken(), Map.of("negativeTurns", 21, "fallbackTurns", -1));
        Response unknownLanguage =
                api.call("PUT", ESCALATION, org.accessToken(), Map.of("languages", List.of("en", "klingon")));
        Response blankKeyword = api.call("PUT", ESCALATION, org.accessToken(), Map.of("keywords", List.of("ok", " ")));

        assertProblem(tooManyKeywords.body(), 400, "/problems/validation-failed");
        assertThat(tooManyKeywords.body().path("errors").get(0).path("field").asString())
                .isEqualTo("keywords");
        assertThat(tooManyKeywords.body().path("detail").asString())
                .isEqualTo("There are 51 keywords; there can be at most 50.");
        assertThat(outOfRange.body().path("errors").findValuesAsString("field"))
                .containsExactly("negativeTurns", "fallbackTurns");
        assertThat(unknownLanguage.body().path("errors").get(0).path("field").asString())
                .isEqualTo("languages[1]");
        assertThat(unknownLanguage.body().path("detail").asString()).contains("en, es, fr, de, it, pt, nl");
        assertThat(field(blankKeyword)).isEqualTo("keywords[1]");
        assertThat(api.get(ESCALATION, org.accessToken())
                        .body()
                        .path("negativeTurns")
                        .asInt())
                .as("unchanged")
                .isEqualTo(3);
    }

    @Test
    void anAgentOrAViewerReadsTheSettingsButOnlyAdminsAndOwnersChangeThem() {
        Organization org = api.signUp("Alpine");
        Teammates team = new Teammates(api);
        String agent = team.join(org, "AGENT").accessToken();
        String viewer = team.join(org, "VIEWER").accessToken();
        String admin = team.join(org, "ADMIN").accessToken();

        assertThat(api.get(HOURS, agent).status()).isEqualTo(200);
        assertThat(api.get(ESCALATION, viewer).status()).isEqualTo(200);
        assertProblem(
                api.call("PUT", ESCALATION, agent, Map.of("negativeTurns", 1)).body(), 403, "/problems/forbidden");
        assertThat(api.call("PUT", HOURS, viewer, hours("UTC", List.of(), List.of()))
                        .status())
                .isEqualTo(403);
        assertThat(api.call("PUT", ESCALATION, admin, Map.of("negativeTurns", 1))
                        .status())
                .isEqualTo(200);
        assertThat(api.get(ESCALATION, org.accessToken())
                        .body()
                        .path("negativeTurns")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void needsASignedInMember() {
        assertThat(api.get(HOURS, null).status()).isEqualTo(401);
        assertThat(api.call("PUT", ESCALATION, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void publishesBothEndpointsInTheOpenApiDocument() {
        JsonNode paths = api.get("/v3/api-docs", null).body().path("paths");

        assertThat(paths.path(HOURS).has("get")).isTrue();
        assertThat(paths.path(HOURS).has("put")).isTrue();
        assertThat(paths.path(ESCALATION).has("get")).isTrue();
        assertThat(paths.path(ESCALATION).has("put")).isTrue();
    }

    private static String field(Response response) {
        assertProblem(response.body(), 400, "/problems/validation-failed");
        return response.body().path("errors").get(0).path("field").asString();
    }
}

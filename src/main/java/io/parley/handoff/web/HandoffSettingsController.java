package io.parley.handoff.web;

import io.parley.handoff.BusinessHours;
import io.parley.handoff.DayHours;
import io.parley.handoff.EscalationSettings;
import io.parley.handoff.HandoffSettings;
import io.parley.handoff.InvalidSettingsException;
import io.parley.handoff.PersonRequests;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemException.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** When the organization's people answer, and which triggers hand a conversation to them. */
@RestController
@RequestMapping("/api/v1/admin/organization")
@Tag(name = "People")
class HandoffSettingsController {

    private final HandoffSettings settings;
    private final Clock clock;

    HandoffSettingsController(HandoffSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Schema(description = "One stretch of a weekday when people answer")
    record DayHoursBody(
            @Schema(description = "monday … sunday", example = "monday") String day,
            @Schema(description = "HH:mm, 24-hour clock", example = "09:00") String open,
            @Schema(description = "HH:mm after open, or 24:00 for midnight", example = "17:30") String close) {

        static DayHoursBody of(DayHours hours) {
            return new DayHoursBody(hours.day(), hours.open(), hours.close());
        }

        DayHours toDayHours() {
            return new DayHours(day, open, close);
        }
    }

    record HoursRequest(
            @Schema(description = "IANA time zone the hours and holidays are in", example = "Europe/Berlin")
                    String timeZone,
            @Schema(
                            description = "Up to 4 entries a day, not overlapping; a day without entries is closed;"
                                    + " an empty list means no schedule: open around the clock. Hours past midnight"
                                    + " are two entries (until 24:00, from 00:00).")
                    List<DayHoursBody> weekly,
            @Schema(description = "Dates (YYYY-MM-DD, in the time zone) closed all day; at most 366")
                    List<String> holidays) {}

    record HoursView(
            String timeZone,
            List<DayHoursBody> weekly,
            List<String> holidays,
            @Schema(description = "Whether people answer right now") boolean openNow,
            @Schema(
                            description = "When people next answer (now while open), ISO-8601 UTC; null when nothing"
                                    + " opens within a year",
                            nullable = true)
                    Instant nextOpening) {

        static HoursView of(BusinessHours hours, Instant now) {
            return new HoursView(
                    hours.timeZone().getId(),
                    hours.weeklyText().stream().map(DayHoursBody::of).toList(),
                    hours.holidays().stream().map(LocalDate::toString).toList(),
                    hours.isOpen(now),
                    hours.nextOpening(now).map(z -> z.toInstant()).orElse(null));
        }
    }

    record EscalationBody(
            @Schema(
                            description =
                                    "A customer asking for a person (or accepting the assistant's offer) hands over;"
                                            + " default true")
                    Boolean askForPerson,
            @Schema(description = "Negative customer messages in a row that hand over, 0 (off) to 20; default 3")
                    Integer negativeTurns,
            @Schema(
                            description =
                                    "Replies in a row the assistant could not answer that hand over, 0 (off) to 20;"
                                            + " default 2")
                    Integer fallbackTurns,
            @Schema(
                            description =
                                    "Words or phrases that hand over (case and accents ignored, whole words, a trailing"
                                            + " * matches any ending); at most 50 of at most 100 characters")
                    List<String> keywords,
            @Schema(
                            description =
                                    "Languages the business serves besides English, whose requests for a person are"
                                            + " recognised: " + PersonRequests.LANGUAGE_LIST + "; default [\"en\"]")
                    List<String> languages) {

        static EscalationBody of(EscalationSettings s) {
            return new EscalationBody(
                    s.askForPerson(), s.negativeTurns(), s.fallbackTurns(), s.keywords(), s.languages());
        }

        EscalationSettings toSettings() {
            EscalationSettings defaults = EscalationSettings.DEFAULT;
            return new EscalationSettings(
                    Objects.requireNonNullElse(askForPerson, defaults.askForPerson()),
                    Objects.requireNonNullElse(negativeTurns, defaults.negativeTurns()),
                    Objects.requireNonNullElse(fallbackTurns, defaults.fallbackTurns()),
                    keywords,
                    languages);
        }
    }

    @GetMapping("/hours")
    @Operation(summary = "When the organization's people answer")
    HoursView hours(SignedInMember member) {
        return HoursView.of(settings.hours(member.organization()), clock.instant());
    }

    @PutMapping("/hours")
    @Operation(
            summary = "Replace the business hours",
            description = "Outside them a customer who needs a person is told when the team is back.")
    HoursView saveHours(SignedInMember member, @RequestBody HoursRequest request) {
        if (request.weekly() == null) {
            throw ProblemException.invalid(
                    "weekly", "Send the weekly schedule; an empty list means open around the clock.");
        }
        if (request.weekly().contains(null)) {
            throw ProblemException.invalid(
                    "weekly[" + request.weekly().indexOf(null) + "]", "Each entry is {day, open, close}.");
        }
        try {
            BusinessHours hours = BusinessHours.parse(
                    request.timeZone(),
                    request.weekly().stream().map(DayHoursBody::toDayHours).toList(),
                    request.holidays() == null ? List.of() : request.holidays());
            return HoursView.of(settings.saveHours(member.organization(), hours), clock.instant());
        } catch (InvalidSettingsException e) {
            throw invalid(e);
        }
    }

    @GetMapping("/escalation")
    @Operation(summary = "Which triggers hand a conversation to the organization's people")
    EscalationBody escalation(SignedInMember member) {
        return EscalationBody.of(settings.escalation(member.organization()));
    }

    @PutMapping("/escalation")
    @Operation(
            summary = "Replace the escalation triggers",
            description = "Fields left out take their defaults. Languages: " + PersonRequests.LANGUAGE_LIST + ".")
    EscalationBody saveEscalation(SignedInMember member, @RequestBody EscalationBody request) {
        try {
            return EscalationBody.of(settings.saveEscalation(member.organization(), request.toSettings()));
        } catch (InvalidSettingsException e) {
            throw invalid(e);
        }
    }

    private static ProblemException invalid(InvalidSettingsException e) {
        return ProblemException.invalid(e.problems().stream()
                .map(p -> new FieldError(p.field(), p.message()))
                .toList());
    }
}

package io.parley.console;

import io.parley.handoff.BusinessHours;
import io.parley.handoff.EscalationSettings;
import io.parley.handoff.HandoffSettings;
import io.parley.handoff.PersonRequests;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "Handoff" page: which triggers hand a conversation to the team (asking for a person, negative messages,
 * fallbacks, keywords, languages) and when the team answers (weekly hours, time zone, holidays). Two forms, each saved
 * on its own; what was typed stays on the page when something is wrong.
 */
@Controller
@RequestMapping("/console/handoff")
class HandoffPageController {

    /** A language the recogniser knows, for the checkboxes. */
    record Language(String code, String name) {}

    private static final List<Language> LANGUAGES = PersonRequests.LANGUAGES.stream()
            .map(code -> new Language(code, Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH)))
            .toList();

    private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
            .sorted()
            .toList();

    private final HandoffSettings settings;
    private final Clock clock;

    HandoffPageController(HandoffSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping
    String page(SignedInMember member, @RequestParam(required = false) String saved, Model model) {
        if ("hours".equals(saved)) {
            model.addAttribute("notice", "Business hours saved.");
        } else if ("escalation".equals(saved)) {
            model.addAttribute("notice", "Handoff triggers saved. They apply from the next customer message.");
        }
        return render(
                model,
                member,
                EscalationForm.of(settings.escalation(member.organization())),
                Map.of(),
                HoursForm.of(settings.hours(member.organization())),
                Map.of());
    }

    @PostMapping("/escalation")
    String saveEscalation(
            SignedInMember member, @ModelAttribute EscalationForm form, HttpServletResponse response, Model model) {
        EscalationForm.Result result = form.read();
        if (!result.errors().isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(
                    model,
                    member,
                    form,
                    result.errors(),
                    HoursForm.of(settings.hours(member.organization())),
                    Map.of());
        }
        settings.saveEscalation(member.organization(), result.settings());
        return "redirect:/console/handoff?saved=escalation";
    }

    @PostMapping("/hours")
    String saveHours(
            SignedInMember member,
            @RequestParam MultiValueMap<String, String> fields,
            HttpServletResponse response,
            Model model) {
        HoursForm form = HoursForm.of(fields);
        HoursForm.Result result = form.read();
        if (!result.errors().isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(
                    model,
                    member,
                    EscalationForm.of(settings.escalation(member.organization())),
                    Map.of(),
                    form,
                    result.errors());
        }
        settings.saveHours(member.organization(), result.hours());
        return "redirect:/console/handoff?saved=hours";
    }

    private String render(
            Model model,
            SignedInMember member,
            EscalationForm escalation,
            Map<String, String> escalationErrors,
            HoursForm hours,
            Map<String, String> hoursErrors) {
        BusinessHours saved = settings.hours(member.organization());
        Instant now = clock.instant();
        model.addAttribute("section", "handoff");
        model.addAttribute("escalation", escalation);
        model.addAttribute("escalationErrors", escalationErrors);
        model.addAttribute("hours", hours);
        model.addAttribute("hoursErrors", hoursErrors);
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("timeZones", TIME_ZONES);
        model.addAttribute("maxTurns", EscalationSettings.MAX_TURNS);
        model.addAttribute("maxKeywords", EscalationSettings.MAX_KEYWORDS);
        model.addAttribute("openNow", saved.isOpen(now));
        model.addAttribute("aroundTheClock", saved.aroundTheClock());
        model.addAttribute("backAt", saved.backAt(now).orElse(null));
        model.addAttribute("savedZone", saved.timeZone().getId());
        return "console/handoff";
    }
}

package io.parley.console;

import io.parley.audit.AuditEntry;
import io.parley.audit.AuditLog;
import io.parley.tenant.SignedInMember;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log: who changed what and when, filtered by days and by member, with a CSV of the same selection. */
@Controller
@RequestMapping("/console/audit")
class AuditPageController {

    private static final int SHOWN = 200;

    private final AuditLog audit;

    AuditPageController(AuditLog audit) {
        this.audit = audit;
    }

    record Row(When at, String actor, String action, String target, String details) {

        static Row of(AuditEntry e) {
            return new Row(When.of(e.at()), e.actor(), e.action(), e.target(), e.details());
        }
    }

    @GetMapping
    String page(
            SignedInMember member,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String actor,
            Model model) {
        String problem = null;
        Instant start = null;
        Instant end = null;
        try {
            start = from.isBlank()
                    ? null
                    : LocalDate.parse(from.strip()).atStartOfDay().toInstant(ZoneOffset.UTC);
            end = to.isBlank()
                    ? null
                    : LocalDate.parse(to.strip()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problem = "Dates are written as 2026-12-01.";
        }
        List<Row> rows = problem == null
                ? audit
                        .entries(member.organization(), start, end, actor.isBlank() ? null : actor.strip(), SHOWN)
                        .stream()
                        .map(Row::of)
                        .toList()
                : List.of();
        model.addAttribute("section", "audit");
        model.addAttribute("rows", rows);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("actor", actor);
        model.addAttribute("problem", problem);
        model.addAttribute("shown", SHOWN);
        StringBuilder csv = new StringBuilder("/api/v1/admin/audit?format=csv");
        if (start != null) {
            csv.append("&from=").append(start);
        }
        if (end != null) {
            csv.append("&to=").append(end);
        }
        model.addAttribute("csvQuery", csv.toString());
        return "console/audit";
    }
}

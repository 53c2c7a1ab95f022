package io.parley.audit.web;

import io.parley.audit.AuditEntry;
import io.parley.audit.AuditLog;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organization's audit log, for its admins and owners: as JSON, or as CSV to keep elsewhere. */
@RestController
@RequestMapping("/api/v1/admin/audit")
@Tag(name = "Audit")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param target the ids the change was about (JSON object text), empty when organization-wide
     * @param details what was sent, secrets masked (JSON text), empty when nothing was
     */
    record Item(Instant at, String actor, String action, String target, String details) {}

    record Items(List<Item> items) {}

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Every change members made (settings, profile, model, members, actions, knowledge, store,"
                    + " customers' data), newest first",
            description = "`from` and `to` are ISO-8601 instants (`to` exclusive); `actor` is a member's email;"
                    + " `limit` at most 1000 (default 200). `format=csv` (or `Accept: text/csv`) gives CSV.")
    Items entries(
            SignedInMember member,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "200") int limit) {
        return new Items(read(member, from, to, actor, limit).stream()
                .map(e -> new Item(e.at(), e.actor(), e.action(), e.target(), e.details()))
                .toList());
    }

    @GetMapping(produces = "text/csv")
    ResponseEntity<String> csv(
            SignedInMember member,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "1000") int limit) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
                .body(AuditCsv.of(read(member, from, to, actor, limit)));
    }

    @GetMapping(params = "format=csv")
    ResponseEntity<String> csvByParameter(
            SignedInMember member,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "1000") int limit) {
        return csv(member, from, to, actor, limit);
    }

    private List<AuditEntry> read(SignedInMember member, String from, String to, String actor, int limit) {
        if (limit < 1 || limit > AuditLog.MAX_PAGE) {
            throw ProblemException.invalid("limit", "must be between 1 and " + AuditLog.MAX_PAGE);
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        String who = actor == null || actor.isBlank() ? null : actor.strip();
        if (who != null && who.length() > 320) {
            throw ProblemException.invalid("actor", "must be a member's email address");
        }
        return audit.entries(member.organization(), start, end, who, limit);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }
}

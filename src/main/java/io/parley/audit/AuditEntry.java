package io.parley.audit;

import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change in an organization's audit log.
 *
 * @param actorId the member who made it; null when the platform did (a scheduled erasure)
 * @param actor who it was, as they were then (their email, or "Parley" for the platform)
 * @param action what was done: the method and the route, e.g. {@code PUT /api/v1/admin/organization/profile}
 * @param target the ids in the path, e.g. {@code {"id":"…"}}; empty when the change is organization-wide
 * @param details what was sent, secrets masked; empty when nothing was
 * @param status the answer's HTTP status
 */
public record AuditEntry(
        String id,
        OrganizationId organization,
        Instant at,
        @Nullable MemberId actorId,
        String actor,
        String action,
        String target,
        String details,
        int status) {

    public static final int MAX_DETAILS = 16_000;

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        details = details == null
                ? ""
                : details.length() > MAX_DETAILS ? details.substring(0, MAX_DETAILS - 1) + "…" : details;
    }
}

package io.parley.conversation.web;

import io.parley.conversation.Retention;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How long the organization keeps its conversations. */
@RestController
@RequestMapping("/api/v1/admin/organization/retention")
@Tag(name = "Customers' data")
class RetentionController {

    private final Retention retention;

    RetentionController(Retention retention) {
        this.retention = retention;
    }

    /** @param days conversations whose last message is older than this are erased; null keeps them for ever */
    record RetentionView(Integer days) {}

    @GetMapping
    @Operation(summary = "The retention period in days (null: conversations are kept for ever)")
    RetentionView get(SignedInMember member) {
        return new RetentionView(retention.days(member.organization()).orElse(null));
    }

    @PutMapping
    @Operation(
            summary = "Set the retention period: conversations whose last message is older are erased automatically"
                    + " (checked every hour; `null` keeps them for ever)")
    RetentionView put(SignedInMember member, @RequestBody(required = false) RetentionView body) {
        if (body == null) {
            throw ProblemException.invalid("days", "send {\"days\": N} (1 to " + Retention.MAX_DAYS + ") or null");
        }
        if (body.days() != null && (body.days() < 1 || body.days() > Retention.MAX_DAYS)) {
            throw ProblemException.invalid("days", "must be 1 to " + Retention.MAX_DAYS + ", or null for ever");
        }
        retention.setDays(member.organization(), body.days());
        return new RetentionView(body.days());
    }
}

package io.parley.redaction.web;

import io.parley.redaction.OrganizationRedaction;
import io.parley.redaction.RedactionSettings;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemException.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether the organization masks personal data in what its customers write. */
@RestController
@RequestMapping("/api/v1/admin/organization/redaction")
@Tag(name = "Trust")
class RedactionController {

    private final OrganizationRedaction redaction;

    RedactionController(OrganizationRedaction redaction) {
        this.redaction = redaction;
    }

    record RedactionBody(
            @Schema(
                            description = "Mask email addresses, phone numbers, card numbers and IBANs in what"
                                    + " customers write before any model provider sees it (customer messages, history,"
                                    + " tool results); default false",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    Boolean beforeModel,
            @Schema(
                            description = "Also store customers' messages masked, so the team, exports and the"
                                    + " customer's own history show them masked from then on; needs beforeModel;"
                                    + " default false",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    Boolean inStoredText) {

        static RedactionBody of(RedactionSettings settings) {
            return new RedactionBody(settings.beforeModel(), settings.inStoredText());
        }
    }

    @GetMapping
    @Operation(summary = "What the organization masks")
    RedactionBody settings(SignedInMember member) {
        return RedactionBody.of(redaction.settings(member.organization()));
    }

    @PutMapping
    @Operation(
            summary = "Change what the organization masks",
            description = "Takes effect on this server at once, on others within 30 seconds. Messages stored before"
                    + " stay as they were.")
    RedactionBody save(SignedInMember member, @RequestBody RedactionBody request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.beforeModel() == null) {
            errors.add(new FieldError("beforeModel", "Say true or false."));
        }
        if (request.inStoredText() == null) {
            errors.add(new FieldError("inStoredText", "Say true or false."));
        }
        if (errors.isEmpty() && request.inStoredText() && !request.beforeModel()) {
            errors.add(new FieldError(
                    "inStoredText", "Masked stored text is what models read later, so turn on beforeModel too."));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return RedactionBody.of(redaction.save(
                member.organization(), new RedactionSettings(request.beforeModel(), request.inStoredText())));
    }
}

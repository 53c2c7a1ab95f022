package io.parley.store.web;

import io.parley.store.StoreTemplates;
import io.parley.tenant.SignedInMember;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sets an organization up from a template (owners and admins, like every admin write). */
@RestController
@RequestMapping("/api/v1/admin/organization/template")
@Tag(name = "Organization")
class TemplateController {

    private final StoreTemplates templates;

    TemplateController(StoreTemplates templates) {
        this.templates = templates;
    }

    record TemplateRequest(
            @Schema(
                            example = "retail",
                            allowableValues = {"retail"})
                    String template) {}

    @PostMapping
    @Operation(
            summary = "Load a template: 'retail' loads a fresh copy of the demo store (500 users, 1,000 orders, 50"
                    + " products; any earlier copy is replaced), offers its 16 tools to the assistant and makes the"
                    + " store's policy the profile's rules")
    StoreTemplates.Loaded load(SignedInMember member, @RequestBody(required = false) TemplateRequest body) {
        return templates.load(member, body == null ? null : body.template());
    }
}

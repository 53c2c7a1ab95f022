package io.parley.tenant.web;

import io.parley.tenant.BusinessProfile;
import io.parley.tenant.Organization;
import io.parley.tenant.Organizations;
import io.parley.tenant.ProfileForm;
import io.parley.tenant.ProfileVersion;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in member's organization: its profile, the prompt generated from it, and its customer settings. */
@RestController
@RequestMapping("/api/v1/admin/organization")
@Tag(name = "Organization")
class OrganizationController {

    private final Organizations organizations;

    OrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    record ProfileView(
            String businessName,
            String description,
            List<String> rules,
            List<String> guidelines,
            List<String> values,
            String tone,
            String fallbackMessage,
            int version,
            Instant savedAt) {

        static ProfileView of(ProfileVersion saved) {
            BusinessProfile p = saved.profile();
            return new ProfileView(
                    p.businessName(),
                    p.description(),
                    p.rules(),
                    p.guidelines(),
                    p.values(),
                    p.tone(),
                    p.fallbackMessage(),
                    saved.version(),
                    saved.generatedAt());
        }
    }

    record OrganizationView(
            String id,
            String name,
            String siteKey,
            ProfileView profile,
            int promptVersion,
            List<String> allowedOrigins) {}

    record PromptView(int version, String prompt, Instant generatedAt) {}

    record OriginsView(@NotNull @Size(max = 50) List<String> origins) {}

    record CustomerSecretView(String secret, String algorithm) {}

    @GetMapping
    @Operation(summary = "The organization with its current profile")
    OrganizationView organization(SignedInMember member) {
        Organization organization = organizations
                .find(member.organization())
                .orElseThrow(() -> ProblemType.NOT_FOUND.exception("The organization no longer exists."));
        ProfileVersion current = organizations.currentProfile(member.organization());
        return new OrganizationView(
                organization.id().value(),
                organization.name(),
                organization.siteKey().value(),
                ProfileView.of(current),
                current.version(),
                organizations.allowedOrigins(member.organization()));
    }

    @PutMapping("/profile")
    @Operation(summary = "Save the profile as a new version; the system prompt is generated from it")
    ProfileView saveProfile(SignedInMember member, @Valid @RequestBody ProfileForm form) {
        return ProfileView.of(organizations.saveProfile(member, form.toProfile()));
    }

    @GetMapping("/prompt")
    @Operation(summary = "The system prompt generated from the current profile, or from an earlier version")
    PromptView prompt(SignedInMember member, @RequestParam(required = false) Integer version) {
        ProfileVersion profile = version == null
                ? organizations.currentProfile(member.organization())
                : organizations
                        .profileVersion(member.organization(), version)
                        .orElseThrow(
                                () -> ProblemType.NOT_FOUND.exception("There is no profile version " + version + "."));
        return new PromptView(profile.version(), profile.prompt(), profile.generatedAt());
    }

    @PostMapping("/prompt/preview")
    @Operation(summary = "The prompt a profile would generate, without saving it")
    PromptView preview(SignedInMember member, @Valid @RequestBody ProfileForm form) {
        return new PromptView(0, organizations.previewPrompt(form.toProfile()), Instant.now());
    }

    @GetMapping("/origins")
    @Operation(summary = "Web origins allowed to open the chat from a browser")
    OriginsView origins(SignedInMember member) {
        return new OriginsView(organizations.allowedOrigins(member.organization()));
    }

    @PutMapping("/origins")
    @Operation(summary = "Replace the web origins allowed to open the chat")
    OriginsView replaceOrigins(SignedInMember member, @Valid @RequestBody OriginsView request) {
        try {
            return new OriginsView(organizations.replaceAllowedOrigins(member.organization(), request.origins()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("origins", e.getMessage());
        }
    }

    @GetMapping("/customer-secret")
    @Operation(summary = "The secret that signs verified customers' ids: hex(HMAC-SHA256(secret, customerId))")
    CustomerSecretView customerSecret(SignedInMember member) {
        return new CustomerSecretView(organizations.customerSecret(member.organization()), "HMAC-SHA256");
    }

    @PostMapping("/customer-secret/rotate")
    @Operation(summary = "Replace the customer-signing secret; old signatures stop working")
    CustomerSecretView rotateCustomerSecret(SignedInMember member) {
        return new CustomerSecretView(organizations.rotateCustomerSecret(member.organization()), "HMAC-SHA256");
    }
}

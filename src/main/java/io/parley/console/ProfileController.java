package io.parley.console;

import io.parley.tenant.Organizations;
import io.parley.tenant.ProfileLimits;
import io.parley.tenant.ProfileVersion;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The business profile: edit it, watch the system prompt it generates, save it as a new version. */
@Controller
@RequestMapping("/console/profile")
class ProfileController {

    /** The limits the form shows next to each field. */
    record Limits(int name, int description, int items, int item, int tone, int fallback) {}

    private static final Limits LIMITS = new Limits(
            ProfileLimits.NAME,
            ProfileLimits.DESCRIPTION,
            ProfileLimits.ITEMS,
            ProfileLimits.ITEM,
            ProfileLimits.TONE,
            ProfileLimits.FALLBACK);

    private final Organizations organizations;

    ProfileController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping
    String page(
            SignedInMember member,
            @RequestParam(required = false) Integer saved,
            @RequestParam(required = false) String welcome,
            Model model) {
        ProfileVersion current = organizations.currentProfile(member.organization());
        model.addAttribute("saved", saved);
        model.addAttribute("welcome", welcome != null);
        return render(model, current, ProfileForm.of(current.profile()), Map.of());
    }

    @PostMapping
    String save(SignedInMember member, @ModelAttribute ProfileForm form, HttpServletResponse response, Model model) {
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(model, organizations.currentProfile(member.organization()), form, problems);
        }
        ProfileVersion saved = organizations.saveProfile(member, form.toProfile());
        return "redirect:/console/profile?saved=" + saved.version();
    }

    /** The live preview: the prompt the form as typed would generate, as a fragment for htmx. */
    @PostMapping("/preview")
    String preview(@ModelAttribute ProfileForm form, Model model) {
        preview(model, form, form.problems());
        return "console/profile :: preview";
    }

    private String render(Model model, ProfileVersion current, ProfileForm form, Map<String, String> problems) {
        model.addAttribute("section", "profile");
        model.addAttribute("current", current);
        model.addAttribute("currentSavedAt", When.of(current.generatedAt()));
        model.addAttribute("form", form);
        model.addAttribute("errors", problems);
        model.addAttribute("limits", LIMITS);
        preview(model, form, problems);
        return "console/profile";
    }

    private void preview(Model model, ProfileForm form, Map<String, String> problems) {
        String prompt = form.businessName().isBlank() ? null : organizations.previewPrompt(form.toProfile());
        model.addAttribute("prompt", prompt);
        model.addAttribute("promptCharacters", prompt == null ? 0 : prompt.length());
        model.addAttribute("promptTokens", prompt == null ? 0 : (prompt.length() + 3) / 4);
        model.addAttribute("previewWarning", !problems.isEmpty());
    }
}

package io.parley.console;

import io.parley.llm.OrganizationModels;
import io.parley.llm.OrganizationModels.InvalidChoiceException;
import io.parley.llm.OrganizationModels.Settings;
import io.parley.llm.OrganizationModels.TestResult;
import io.parley.redaction.OrganizationRedaction;
import io.parley.redaction.RedactionSettings;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "Model" page: which of the server's providers answers the organization's customers, another of its models, the
 * organization's own API key (write-only: the page only ever says whether one is stored), whether it answers, and a
 * test call that says in plain words what is wrong; and whether customers' personal data is masked before the model
 * sees it.
 */
@Controller
@RequestMapping("/console/model")
class ModelPageController {

    private final OrganizationModels models;
    private final OrganizationRedaction redaction;

    ModelPageController(OrganizationModels models, OrganizationRedaction redaction) {
        this.models = models;
        this.redaction = redaction;
    }

    @GetMapping
    String page(
            SignedInMember member,
            @RequestParam(required = false) String saved,
            @RequestParam(required = false) String redactionSaved,
            Model model) {
        if (saved != null) {
            model.addAttribute("notice", "Saved. Your customers' next replies come from this model.");
        }
        if (redactionSaved != null) {
            model.addAttribute("notice", "Saved. Customers' next messages are handled this way.");
        }
        Settings settings = models.settings(member.organization());
        return render(
                model,
                settings,
                settings.provider(),
                settings.chosen() ? settings.model() : "",
                Map.of(),
                redaction.settings(member.organization()));
    }

    @PostMapping
    String save(
            SignedInMember member,
            @RequestParam(defaultValue = "") String provider,
            @RequestParam(defaultValue = "") String modelName,
            @RequestParam(defaultValue = "") String apiKey,
            @RequestParam(defaultValue = "false") boolean removeKey,
            HttpServletResponse response,
            Model model) {
        String key = removeKey ? "" : apiKey.isBlank() ? null : apiKey;
        try {
            models.choose(member.organization(), provider, modelName, key);
            return "redirect:/console/model?saved";
        } catch (InvalidChoiceException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(
                    model,
                    models.settings(member.organization()),
                    provider,
                    modelName,
                    Map.of(e.field(), e.getMessage()),
                    redaction.settings(member.organization()));
        }
    }

    /** Masking personal data: the stored-text option only with masking before the model (what is stored, models read). */
    @PostMapping("/redaction")
    String saveRedaction(
            SignedInMember member,
            @RequestParam(defaultValue = "false") boolean beforeModel,
            @RequestParam(defaultValue = "false") boolean inStoredText,
            HttpServletResponse response,
            Model model) {
        if (inStoredText && !beforeModel) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            Settings settings = models.settings(member.organization());
            model.addAttribute(
                    "redactionError", "Masked stored text is what models read later: mask before the model too.");
            return render(
                    model,
                    settings,
                    settings.provider(),
                    settings.chosen() ? settings.model() : "",
                    Map.of(),
                    new RedactionSettings(beforeModel, inStoredText));
        }
        redaction.save(member.organization(), new RedactionSettings(beforeModel, inStoredText));
        return "redirect:/console/model?redactionSaved";
    }

    /** Calls the model with a tiny request; htmx swaps in the result, a plain form gets the whole page. */
    @PostMapping("/test")
    String test(SignedInMember member, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        TestResult result = models.test(member.organization());
        model.addAttribute("test", result);
        if (htmx != null) {
            return "console/model :: test-result";
        }
        Settings settings = models.settings(member.organization());
        return render(
                model,
                settings,
                settings.provider(),
                settings.chosen() ? settings.model() : "",
                Map.of(),
                redaction.settings(member.organization()));
    }

    private String render(
            Model model,
            Settings settings,
            String provider,
            String modelName,
            Map<String, String> errors,
            RedactionSettings redactionShown) {
        model.addAttribute("section", "model");
        model.addAttribute("redaction", redactionShown);
        model.addAttribute("settings", settings);
        model.addAttribute("providers", models.offered());
        model.addAttribute("selected", provider);
        model.addAttribute("modelName", modelName);
        model.addAttribute("errors", errors);
        return "console/model";
    }
}

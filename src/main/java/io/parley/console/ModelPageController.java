package io.parley.console;

import io.parley.llm.OrganizationModels;
import io.parley.llm.OrganizationModels.InvalidChoiceException;
import io.parley.llm.OrganizationModels.Settings;
import io.parley.llm.OrganizationModels.TestResult;
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
 * test call that says in plain words what is wrong.
 */
@Controller
@RequestMapping("/console/model")
class ModelPageController {

    private final OrganizationModels models;

    ModelPageController(OrganizationModels models) {
        this.models = models;
    }

    @GetMapping
    String page(SignedInMember member, @RequestParam(required = false) String saved, Model model) {
        if (saved != null) {
            model.addAttribute("notice", "Saved. Your customers' next replies come from this model.");
        }
        Settings settings = models.settings(member.organization());
        return render(model, settings, settings.provider(), settings.chosen() ? settings.model() : "", Map.of());
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
                    Map.of(e.field(), e.getMessage()));
        }
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
        return render(model, settings, settings.provider(), settings.chosen() ? settings.model() : "", Map.of());
    }

    private String render(
            Model model, Settings settings, String provider, String modelName, Map<String, String> errors) {
        model.addAttribute("section", "model");
        model.addAttribute("settings", settings);
        model.addAttribute("providers", models.offered());
        model.addAttribute("selected", provider);
        model.addAttribute("modelName", modelName);
        model.addAttribute("errors", errors);
        return "console/model";
    }
}

package io.parley.console;

import io.parley.actions.ActionDraft;
import io.parley.actions.ActionId;
import io.parley.actions.BusinessAction;
import io.parley.actions.BusinessActions;
import io.parley.actions.InvalidActionException;
import io.parley.conversation.ToolResult;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "Actions" pages: the organization's own HTTP actions its assistant may call, added, changed, deleted (once
 * confirmed) and tried out with arguments the member writes, as the business itself (no customer). Header values
 * are shown masked; a masked value left as it is keeps the stored one.
 */
@Controller
@RequestMapping("/console/actions")
class ActionsPageController {

    private static final String NO_ACTION = "Your organization has no such action.";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BusinessActions actions;

    ActionsPageController(BusinessActions actions) {
        this.actions = actions;
    }

    @GetMapping
    String list(SignedInMember member, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("section", "actions");
        model.addAttribute("actions", actions.list(member.organization()));
        model.addAttribute(
                "notice",
                done == null
                        ? null
                        : switch (done) {
                            case "added" -> "The action was added. Your assistant can use it from its next reply.";
                            case "saved" -> "The action was saved.";
                            case "deleted" -> "The action was deleted. Your assistant no longer uses it.";
                            default -> null;
                        });
        return "console/actions";
    }

    @GetMapping("/new")
    String add(Model model) {
        return form(model, null, ActionForm.EMPTY, Map.of());
    }

    @PostMapping
    String create(SignedInMember member, @ModelAttribute ActionForm form, HttpServletResponse response, Model model) {
        try {
            actions.create(member.organization(), form.draft());
            return "redirect:/console/actions?done=added";
        } catch (InvalidActionException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(model, null, form, errors(e));
        }
    }

    @GetMapping("/{id}")
    String edit(SignedInMember member, @PathVariable String id, Model model) {
        BusinessAction action = find(member, id);
        return form(model, action, ActionForm.of(action), Map.of());
    }

    @PostMapping("/{id}")
    String update(
            SignedInMember member,
            @PathVariable String id,
            @ModelAttribute ActionForm form,
            HttpServletResponse response,
            Model model) {
        BusinessAction action = find(member, id);
        try {
            actions.update(member.organization(), action.id(), form.draft())
                    .orElseThrow(() -> new NotFoundException(NO_ACTION));
            return "redirect:/console/actions?done=saved";
        } catch (InvalidActionException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(model, action, form, errors(e));
        }
    }

    /** The first post asks on the page; its "Yes, delete" posts again with {@code confirmed=true}. */
    @PostMapping("/{id}/delete")
    String delete(
            SignedInMember member,
            @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean confirmed,
            Model model) {
        BusinessAction action = find(member, id);
        if (!confirmed) {
            model.addAttribute("confirmDelete", true);
            return form(model, action, ActionForm.of(action), Map.of());
        }
        if (!actions.delete(member.organization(), action.id())) {
            throw new NotFoundException(NO_ACTION);
        }
        return "redirect:/console/actions?done=deleted";
    }

    /** Runs the action with the member's arguments; htmx swaps in the result, a plain form gets the whole page. */
    @PostMapping("/{id}/test")
    String test(
            SignedInMember member,
            @PathVariable String id,
            @RequestParam(defaultValue = "{}") String arguments,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        BusinessAction action = find(member, id);
        model.addAttribute("testArguments", arguments);
        JsonNode parsed = null;
        try {
            parsed = JSON.readTree(arguments.isBlank() ? "{}" : arguments);
        } catch (JacksonException e) {
            // reported below
        }
        if (parsed == null || !parsed.isObject()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("testError", "Write the arguments as a JSON object, like {\"code\": \"AB12\"}.");
        } else {
            ToolResult result = actions.test(member.organization(), action.id(), parsed)
                    .orElseThrow(() -> new NotFoundException(NO_ACTION));
            switch (result) {
                case ToolResult.Done done -> model.addAttribute("testAnswer", pretty(done.json()));
                case ToolResult.Failed failed -> model.addAttribute("testFailure", failed.message());
            }
        }
        if (htmx != null) {
            return "console/action-form :: test-result";
        }
        return form(model, action, ActionForm.of(action), Map.of());
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JacksonException e) {
            return json;
        }
    }

    private BusinessAction find(SignedInMember member, String id) {
        ActionId actionId;
        try {
            actionId = new ActionId(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(NO_ACTION);
        }
        return actions.find(member.organization(), actionId).orElseThrow(() -> new NotFoundException(NO_ACTION));
    }

    private static String form(Model model, BusinessAction action, ActionForm form, Map<String, String> errors) {
        model.addAttribute("section", "actions");
        model.addAttribute("action", action);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/action-form";
    }

    /** One message per form field; a header's problem belongs to the headers box. */
    private static Map<String, String> errors(InvalidActionException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (InvalidActionException.FieldProblem problem : e.problems()) {
            String field = problem.field().startsWith("headers") ? "headers" : problem.field();
            errors.merge(field, problem.message(), (a, b) -> a + " " + b);
        }
        return errors;
    }

    /**
     * The action form as posted: the headers one per line as {@code Name: value}.
     */
    record ActionForm(
            String name,
            String description,
            String parameters,
            String kind,
            String method,
            String url,
            String headers) {

        static final ActionForm EMPTY = new ActionForm(
                "",
                "",
                "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"code\": {\"type\": \"string\"}\n  },\n"
                        + "  \"required\": [\"code\"]\n}",
                "read",
                "GET",
                "https://",
                "");

        static ActionForm of(BusinessAction a) {
            StringBuilder headers = new StringBuilder();
            a.headers()
                    .forEach((name, masked) ->
                            headers.append(name).append(": ").append(masked).append('\n'));
            return new ActionForm(
                    a.name(),
                    a.description(),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(a.parameters())),
                    a.kindName(),
                    a.method(),
                    a.url(),
                    headers.toString());
        }

        ActionDraft draft() {
            Map<String, String> parsed = new LinkedHashMap<>();
            if (headers != null) {
                for (String line : headers.split("\\R")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int colon = line.indexOf(':');
                    // A line without a colon is a name without a value: the rules say what is wrong with it.
                    parsed.put(
                            colon < 0 ? line.strip() : line.substring(0, colon).strip(),
                            colon < 0 ? "" : line.substring(colon + 1).strip());
                }
            }
            return new ActionDraft(name, description, parameters, kind, method, url, parsed);
        }
    }
}

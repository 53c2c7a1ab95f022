package io.parley.console;

import io.parley.conversation.InvalidToolArgumentsException;
import io.parley.conversation.OfferedTool;
import io.parley.conversation.ToolResult;
import io.parley.conversation.Toolbox;
import io.parley.tenant.SignedInMember;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools the assistant has (the demo store's, the business's own actions, the way to a person), each with a
 * "Try it" form that runs it as the business: what a change does is seen here before a customer ever confirms one.
 * Listing is for every role; trying is a write, for admins and owners (RolePolicy's default for POST).
 */
@Controller
@RequestMapping("/console/tools")
class ToolsPageController {

    private final Toolbox toolbox;
    private final JsonMapper json;

    ToolsPageController(Toolbox toolbox, JsonMapper json) {
        this.toolbox = toolbox;
        this.json = json;
    }

    /** A tool as the page shows it, with the outcome of the last try when it was this one. */
    record ToolRow(
            String name,
            String description,
            String kind,
            String whose,
            String parameters,
            String arguments,
            String outcome,
            boolean failed) {}

    @GetMapping
    String tools(SignedInMember member, Model model) {
        return page(member, null, null, null, false, model);
    }

    @PostMapping("/{name}/try")
    String tryIt(
            SignedInMember member,
            @PathVariable String name,
            @RequestParam(defaultValue = "{}") String arguments,
            Model model) {
        OfferedTool tool = toolbox.find(member.organization(), name)
                .orElseThrow(() -> new NotFoundException("Your organization has no tool named so."));
        String outcome;
        boolean failed;
        try {
            ToolResult result = toolbox.runForBusiness(
                    member.organization(), tool, toolbox.check(tool, arguments.isBlank() ? "{}" : arguments));
            switch (result) {
                case ToolResult.Done done -> {
                    outcome = pretty(done.json());
                    failed = false;
                }
                case ToolResult.Failed f -> {
                    outcome = f.message();
                    failed = true;
                }
            }
        } catch (InvalidToolArgumentsException e) {
            outcome = e.getMessage();
            failed = true;
        }
        return page(member, name, arguments, outcome, failed, model);
    }

    private String page(
            SignedInMember member, String tried, String arguments, String outcome, boolean failed, Model model) {
        List<ToolRow> rows = toolbox.offered(member.organization()).stream()
                .map(t -> {
                    boolean isTried = t.name().equals(tried);
                    return new ToolRow(
                            t.name(),
                            t.tool().description(),
                            t.writes() ? "Change" : "Lookup",
                            switch (t.identity()) {
                                case NONE -> "Anyone";
                                case IDENTIFIES -> "Identifies the customer";
                                case CUSTOMER -> "The identified customer's data only";
                            },
                            pretty(t.tool().parameters()),
                            isTried ? arguments : example(t),
                            isTried ? outcome : null,
                            isTried && failed);
                })
                .toList();
        model.addAttribute("section", "tools");
        model.addAttribute("tools", rows);
        model.addAttribute("tried", tried);
        return "console/tools";
    }

    /** An arguments object with each property named, for the member to fill in. */
    private String example(OfferedTool tool) {
        var properties = json.readTree(tool.tool().parameters()).path("properties");
        var example = json.createObjectNode();
        for (var p : properties.properties()) {
            String type = p.getValue().path("type").asString("string").toLowerCase(Locale.ROOT);
            switch (type) {
                case "array" -> example.putArray(p.getKey());
                case "number", "integer" -> example.put(p.getKey(), 0);
                case "boolean" -> example.put(p.getKey(), false);
                default -> example.put(p.getKey(), "");
            }
        }
        return example.toString();
    }

    private String pretty(String text) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text));
        } catch (JacksonException e) {
            return text;
        }
    }
}

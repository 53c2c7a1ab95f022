package io.parley.conversation.web;

import io.parley.conversation.InvalidToolArgumentsException;
import io.parley.conversation.OfferedTool;
import io.parley.conversation.ToolResult;
import io.parley.conversation.Toolbox;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tools the organization's assistant has, and running one by hand to see what it does. */
@RestController
@RequestMapping("/api/v1/admin/tools")
@Tag(name = "Tools and actions")
class ToolsController {

    private final Toolbox toolbox;
    private final JsonMapper json;

    ToolsController(Toolbox toolbox, JsonMapper json) {
        this.toolbox = toolbox;
        this.json = json;
    }

    /**
     * @param identity whose data it touches: {@code none}, {@code identifies} (finds the customer) or {@code customer}
     *     (only the conversation's own customer's)
     * @param status what the customer sees while it runs
     */
    record ToolView(
            String name, String description, JsonNode parameters, String kind, String identity, String status) {}

    record ToolList(List<ToolView> tools) {}

    record Invocation(JsonNode arguments) {}

    record InvocationResult(JsonNode result) {}

    @GetMapping
    @Operation(summary = "The tools the assistant may call, with their JSON Schema and kind (read or write)")
    ToolList tools(SignedInMember member) {
        return new ToolList(
                toolbox.offered(member.organization()).stream().map(this::view).toList());
    }

    @PostMapping("/{name}/invoke")
    @Operation(
            summary = "Runs a tool as the business (no customer restriction, nothing to confirm)",
            description = "200 with the tool's result; 400 when the arguments do not fit its schema; 422"
                    + " `tool-failed` whose detail is the tool's own error message; 404 for a tool the organization"
                    + " does not have.")
    InvocationResult invoke(
            SignedInMember member, @PathVariable String name, @RequestBody(required = false) Invocation body) {
        OfferedTool tool = toolbox.find(member.organization(), name)
                .orElseThrow(() -> ProblemType.NOT_FOUND.exception("Your organization has no tool named so."));
        JsonNode arguments =
                body == null || body.arguments() == null || body.arguments().isNull()
                        ? json.createObjectNode()
                        : body.arguments();
        JsonNode checked;
        try {
            checked = toolbox.check(tool, arguments.toString());
        } catch (InvalidToolArgumentsException e) {
            throw ProblemException.invalid("arguments", e.getMessage());
        }
        return switch (toolbox.runForBusiness(member.organization(), tool, checked)) {
            case ToolResult.Done done -> new InvocationResult(json.readTree(done.json()));
            case ToolResult.Failed failed -> throw ProblemType.TOOL_FAILED.exception(failed.message());
        };
    }

    private ToolView view(OfferedTool t) {
        return new ToolView(
                t.name(),
                t.tool().description(),
                json.readTree(t.tool().parameters()),
                t.tool().kind().name().toLowerCase(Locale.ROOT),
                t.identity().name().toLowerCase(Locale.ROOT),
                t.status());
    }
}

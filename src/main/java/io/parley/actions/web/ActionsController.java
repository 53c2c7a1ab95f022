package io.parley.actions.web;

import io.parley.actions.ActionDraft;
import io.parley.actions.ActionId;
import io.parley.actions.BusinessAction;
import io.parley.actions.BusinessActions;
import io.parley.actions.InvalidActionException;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The organization's own HTTP actions, which its assistant may call like built-in tools. */
@RestController
@RequestMapping("/api/v1/admin/actions")
@Tag(name = "Actions")
class ActionsController {

    private static final String NO_ACTION = "Your organization has no such action.";

    private final BusinessActions actions;

    ActionsController(BusinessActions actions) {
        this.actions = actions;
    }

    record ActionBody(
            @Schema(
                            description =
                                    "What the assistant calls it: [A-Za-z0-9_-]{1,64}, not the name of another action nor of"
                                            + " another tool of the assistant",
                            example = "look_up_booking")
                    String name,
            @Schema(description = "When and why the assistant should use it") String description,
            @Schema(
                            description = "The arguments, as a JSON Schema object with \"type\": \"object\"",
                            example = "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}},"
                                    + "\"required\":[\"code\"]}")
                    JsonNode parameters,
            @Schema(allowableValues = {"read", "write"}) String kind,
            @Schema(allowableValues = {"GET", "POST", "PUT", "PATCH", "DELETE"}) String method,
            @Schema(
                            description = "Absolute http(s) address; {name} in its path or query is an argument",
                            example = "https://api.example.com/bookings/{code}")
                    String url,
            @Schema(description = "Sent with every call; stored encrypted. Send a value back masked to keep it")
                    Map<String, String> headers) {

        ActionDraft draft() {
            return new ActionDraft(
                    name,
                    description,
                    parameters == null || parameters.isNull()
                            ? null
                            : parameters.isString() ? parameters.asString() : parameters.toString(),
                    kind,
                    method,
                    url,
                    headers == null ? Map.of() : new LinkedHashMap<>(headers));
        }
    }

    record ActionView(
            String id,
            String name,
            String description,
            JsonNode parameters,
            @Schema(allowableValues = {"read", "write"}) String kind,
            String method,
            String url,
            @Schema(description = "Each value masked: ••••, and the last 4 characters of a long one")
                    Map<String, String> headers,
            Instant createdAt,
            Instant updatedAt) {

        static ActionView of(BusinessAction a) {
            return new ActionView(
                    a.id().value(),
                    a.name(),
                    a.description(),
                    Schemas.parse(a.parameters()),
                    a.kindName(),
                    a.method(),
                    a.url(),
                    a.headers(),
                    a.createdAt(),
                    a.updatedAt());
        }
    }

    record Actions(List<ActionView> items) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an action; 400 names each field at fault, 409 when another action or tool has the name")
    ActionView create(SignedInMember member, @RequestBody ActionBody body) {
        try {
            return ActionView.of(actions.create(member.organization(), body.draft()));
        } catch (InvalidActionException e) {
            throw problem(e);
        }
    }

    @GetMapping
    @Operation(summary = "The organization's actions, by name, header values masked")
    Actions list(SignedInMember member) {
        return new Actions(
                actions.list(member.organization()).stream().map(ActionView::of).toList());
    }

    @GetMapping("/{id}")
    ActionView get(SignedInMember member, @PathVariable String id) {
        return actions.find(member.organization(), actionId(id))
                .map(ActionView::of)
                .orElseThrow(() -> ProblemType.NOT_FOUND.exception(NO_ACTION));
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Replace an action; a header sent back with its masked value keeps the stored one; 409 when"
                    + " another action or tool has the new name")
    ActionView update(SignedInMember member, @PathVariable String id, @RequestBody ActionBody body) {
        try {
            return actions.update(member.organization(), actionId(id), body.draft())
                    .map(ActionView::of)
                    .orElseThrow(() -> ProblemType.NOT_FOUND.exception(NO_ACTION));
        } catch (InvalidActionException e) {
            throw problem(e);
        }
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(SignedInMember member, @PathVariable String id) {
        if (!actions.delete(member.organization(), actionId(id))) {
            throw ProblemType.NOT_FOUND.exception(NO_ACTION);
        }
    }

    private static ActionId actionId(String id) {
        try {
            return new ActionId(id);
        } catch (IllegalArgumentException e) {
            throw ProblemType.NOT_FOUND.exception(NO_ACTION);
        }
    }

    private static ProblemException problem(InvalidActionException e) {
        List<ProblemException.FieldError> errors = e.problems().stream()
                .map(p -> new ProblemException.FieldError(p.field(), p.message()))
                .toList();
        return e.nameTaken()
                ? new ProblemException(ProblemType.CONFLICT, e.getMessage(), errors, null)
                : ProblemException.invalid(errors);
    }
}

package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One call of a tool, to run.
 *
 * @param organization whose tool it is; a source never reaches another organization's data
 * @param conversation the conversation the call comes from; null when a member of the business runs it from the
 *     console
 * @param tool the tool's name
 * @param arguments the arguments, already valid against the tool's schema (a JSON object)
 * @param customer the customer the conversation is bound to (the verified customer's id, or the id an identification
 *     tool returned); null when it is not bound yet or when the business runs the tool
 * @param byBusiness true when a member of the business runs it (console, admin API): no customer restriction applies
 * @param idempotencyKey the same for every attempt of the same call: a write that sees it twice does its work once
 */
public record ToolRun(
        OrganizationId organization,
        @Nullable ConversationId conversation,
        String tool,
        JsonNode arguments,
        @Nullable String customer,
        boolean byBusiness,
        String idempotencyKey) {

    public ToolRun {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (!arguments.isObject()) {
            throw new IllegalArgumentException("a tool's arguments are a JSON object");
        }
    }

    /** The text of a string argument, or null when it is absent or not a string. */
    public @Nullable String text(String name) {
        JsonNode value = arguments.get(name);
        return value != null && value.isString() ? value.asString() : null;
    }
}

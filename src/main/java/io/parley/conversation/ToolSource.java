package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Tools a feature offers an organization's assistant (the retail demo store, the business's own HTTP actions). The
 * engine offers them to models that can call tools, validates every call's arguments against the tool's schema, binds
 * the conversation to one customer, asks the customer before any {@code write} call runs, and records every call; a
 * source only says what its tools are and runs them.
 *
 * <p>Implementations are Spring beans; the engine asks every one of them. Tool names are unique across sources.
 */
public interface ToolSource {

    /** The tools this source offers the organization now (none when the organization has not set it up). */
    List<OfferedTool> tools(OrganizationId organization);

    /**
     * Runs one of this source's tools. The arguments have been validated against its schema; the customer checks of
     * {@link OfferedTool.Identity#CUSTOMER} tools are the source's to make, in code, against {@link ToolRun#customer()}.
     * A failure the model should hear (not found, not allowed, the service said no) is a {@link ToolResult.Failed}
     * with a message written for it, never an exception; an exception is a failure of the source itself and reaches
     * the model as a generic error.
     */
    ToolResult run(ToolRun run);

    /**
     * What a {@code write} call will do, in a sentence the customer confirms ("Cancel order #W2378156 because it is
     * no longer needed"). The default lists the arguments.
     */
    default String summarize(OrganizationId organization, String tool, JsonNode arguments) {
        return ToolSummaries.generic(tool, arguments);
    }
}

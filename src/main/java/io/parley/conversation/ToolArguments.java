package io.parley.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a tool call's arguments against the tool's JSON Schema before anything runs: the model's arguments are never
 * trusted. Schemas are compiled once (Draft 2020-12) and never fetch anything from the network: a business's schema
 * that points at a URL cannot make the server call it. Thread-safe.
 */
final class ToolArguments {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ARGUMENTS = 16_000;
    private static final int ERRORS_SHOWN = 3;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaLoader(l -> l.fetchRemoteResources(false)));
    private final Cache<String, Schema> schemas =
            Caffeine.newBuilder().maximumSize(2_000).build();

    /** The arguments, parsed and valid. */
    JsonNode check(OfferedTool tool, String arguments) {
        if (arguments.length() > MAX_ARGUMENTS) {
            throw new Invalid("The arguments are too long.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(arguments);
        } catch (JacksonException e) {
            throw new Invalid("The arguments are not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new Invalid("The arguments must be a JSON object.");
        }
        List<Error> errors =
                schemas.get(tool.tool().parameters(), registry::getSchema).validate(node);
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("Invalid arguments: ");
            for (int i = 0; i < Math.min(ERRORS_SHOWN, errors.size()); i++) {
                message.append(i == 0 ? "" : "; ").append(errors.get(i).getMessage());
            }
            throw new Invalid(message.toString());
        }
        return node;
    }

    /** The arguments do not fit the tool: the message says how, for the model to correct itself. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}

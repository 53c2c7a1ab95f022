package io.parley.llm;

import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool the model may call.
 *
 * @param name what the model calls it: letters, digits, {@code _} and {@code -}, at most 64 (every provider's rule)
 * @param description when and why to use it, for the model
 * @param parameters the arguments it takes, as a JSON Schema object in JSON text
 * @param kind whether it only reads or also changes something (the platform asks before it changes anything)
 */
public record Tool(String name, String description, String parameters, Kind kind) {

    public enum Kind {
        /** Looks something up; safe to run whenever the model asks. */
        READ,
        /** Changes something (cancels, refunds): runs only under the platform's rules. */
        WRITE
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Tool {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a tool name is 1 to 64 letters, digits, _ or -");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        JsonNode schema;
        try {
            schema = JSON.readTree(Objects.requireNonNull(parameters, "parameters"));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a tool's parameters are a JSON Schema object");
        }
        if (schema == null || !schema.isObject()) {
            throw new IllegalArgumentException("a tool's parameters are a JSON Schema object");
        }
    }
}

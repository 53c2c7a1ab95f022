package io.parley.actions;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.parley.actions.InvalidActionException.FieldProblem;
import io.parley.llm.Tool;
import io.parley.outbound.OutboundRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks an {@link ActionDraft} field by field, and says in plain words what is wrong with each. Thread-safe. */
final class ActionRules {

    static final int MAX_HEADERS = 20;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_PARAMETERS = 20_000;
    static final int MAX_HEADER_VALUE = 4000;
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /**
     * Headers an action may not set: those that frame the message or route it (the client's to set), the proxy's, and
     * the idempotency key Parley sends itself (with the X-Parley-* headers it signs its calls with).
     */
    private static final Set<String> RESERVED_HEADERS = java.util.stream.Stream.concat(
                    OutboundRequest.FRAMING_HEADERS.stream(),
                    java.util.stream.Stream.of("proxy-authenticate", "idempotency-key"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Set<String> SCHEMA_DIALECTS =
            Set.of("https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft-07/schema#");
    private static final Set<String> REFERENCES = Set.of("$ref", "$dynamicRef", "$recursiveRef");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema META_SCHEMA =
            SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    /** A draft that passed every check: headers in clear, the URL parsed, the schema in compact JSON. */
    record Valid(
            String name,
            String description,
            String parameters,
            Tool.Kind kind,
            String method,
            String url,
            Map<String, String> headers) {}

    private ActionRules() {}

    /**
     * @param storedHeaders the action's current headers in clear (empty for a new action): a value sent back masked
     *     keeps the stored one
     * @throws InvalidActionException listing every field at fault
     */
    static Valid check(ActionDraft draft, Map<String, String> storedHeaders) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = strip(draft.name());
        if (!NAME.matcher(name).matches()) {
            problems.add(new FieldProblem("name", "A name is 1 to 64 letters, digits, _ or - (like look_up_booking)."));
        }
        String description = strip(draft.description());
        if (description.isEmpty() || description.length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem(
                    "description",
                    "Describe in 1 to " + MAX_DESCRIPTION + " characters when the assistant should use it."));
        }
        JsonNode schema = schema(draft.parameters(), problems);
        Tool.Kind kind =
                switch (strip(draft.kind()).toLowerCase(Locale.ROOT)) {
                    case "read" -> Tool.Kind.READ;
                    case "write" -> Tool.Kind.WRITE;
                    default -> {
                        problems.add(new FieldProblem(
                                "kind", "Choose read (only looks something up) or write (changes something)."));
                        yield null;
                    }
                };
        String method = strip(draft.method()).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            problems.add(new FieldProblem("method", "Choose GET, POST, PUT, PATCH or DELETE."));
        }
        UrlTemplate.Result url = UrlTemplate.parse(draft.url());
        if (url.template().isEmpty()) {
            problems.add(new FieldProblem("url", url.error()));
        } else if (schema != null) {
            Set<String> properties = new HashSet<>(schema.path("properties").propertyNames());
            List<String> unknown = url.template().get().placeholders().stream()
                    .filter(placeholder -> !properties.contains(placeholder))
                    .sorted()
                    .toList();
            if (!unknown.isEmpty()) {
                problems.add(new FieldProblem(
                        "url",
                        "Every {placeholder} must be one of the parameters' properties; these are not: "
                                + String.join(", ", unknown) + "."));
            }
        }
        Map<String, String> headers = headers(draft.headers(), storedHeaders, problems);
        if (!problems.isEmpty()) {
            throw new InvalidActionException(problems, false);
        }
        return new Valid(
                name, description, schema.toString(), kind, method, draft.url().strip(), headers);
    }

    private static JsonNode schema(String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank() || text.length() > MAX_PARAMETERS) {
            problems.add(new FieldProblem(
                    "parameters",
                    "Give the arguments as a JSON Schema object, up to " + MAX_PARAMETERS + " characters."));
            return null;
        }
        JsonNode schema;
        try {
            schema = JSON.readTree(text);
        } catch (JacksonException e) {
            problems.add(new FieldProblem("parameters", "The parameters are not valid JSON."));
            return null;
        }
        String problem = schemaProblem(schema);
        if (problem != null) {
            problems.add(new FieldProblem("parameters", problem));
            return null;
        }
        return schema;
    }

    private static String schemaProblem(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return "The parameters must be a JSON Schema object, like {\"type\":\"object\",\"properties\":{…}}.";
        }
        if (!"object".equals(schema.path("type").asString(""))) {
            return "The parameters' schema must have \"type\": \"object\": the arguments are one JSON object.";
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !(dialect.isString() && SCHEMA_DIALECTS.contains(dialect.asString()))) {
            return "Leave out $schema, or use JSON Schema 2020-12 or draft-07.";
        }
        String reference = remoteReference(schema);
        if (reference != null) {
            return "The schema can only refer to its own parts ($ref starting with #), not to " + reference + ".";
        }
        List<com.networknt.schema.Error> errors = META_SCHEMA.validate(schema);
        if (!errors.isEmpty()) {
            return "Not a valid JSON Schema: "
                    + errors.stream()
                            .limit(3)
                            .map(com.networknt.schema.Error::getMessage)
                            .collect(Collectors.joining("; "))
                    + ".";
        }
        try {
            SCHEMAS.getSchema(schema).validate(JSON.createObjectNode());
        } catch (SchemaException | IllegalArgumentException e) {
            return "Not a valid JSON Schema: it cannot be compiled.";
        }
        return null;
    }

    /** The first {@code $ref} (or {@code $id}) that could make a validator fetch another document, or null. */
    private static String remoteReference(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().equals("$id")) {
                    return "$id";
                }
                if (REFERENCES.contains(field.getKey())
                        && !(value.isString() && value.asString().startsWith("#"))) {
                    return field.getKey() + " " + abbreviate(value.isString() ? value.asString() : value.toString());
                }
                String found = remoteReference(value);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                String found = remoteReference(element);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Map<String, String> headers(
            Map<String, String> given, Map<String, String> stored, List<FieldProblem> problems) {
        Map<String, String> storedByName = new LinkedHashMap<>();
        stored.forEach((name, value) -> storedByName.put(name.toLowerCase(Locale.ROOT), value));
        if (given.size() > MAX_HEADERS) {
            problems.add(new FieldProblem("headers", "At most " + MAX_HEADERS + " headers."));
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> header : given.entrySet()) {
            String name = strip(header.getKey());
            String lower = name.toLowerCase(Locale.ROOT);
            String value = header.getValue() == null ? "" : header.getValue().strip();
            String field = "headers." + name;
            if (!TOKEN.matcher(name).matches()) {
                problems.add(new FieldProblem("headers", "Not a header name: " + abbreviate(name) + "."));
            } else if (RESERVED_HEADERS.contains(lower) || lower.startsWith("x-parley-")) {
                problems.add(new FieldProblem(
                        field, name + " is set by Parley itself (or by the connection) and cannot be given."));
            } else if (!seen.add(lower)) {
                problems.add(new FieldProblem(field, name + " is given twice."));
            } else if (HeaderSecrets.looksMasked(value)) {
                String kept = storedByName.get(lower);
                if (kept == null || !HeaderSecrets.mask(kept).equals(value)) {
                    problems.add(new FieldProblem(
                            field, "Enter the value of " + name + " again: a masked value cannot be saved."));
                } else {
                    headers.put(name, kept);
                }
            } else if (value.isEmpty() || value.length() > MAX_HEADER_VALUE) {
                problems.add(new FieldProblem(
                        field, "The value of " + name + " must be 1 to " + MAX_HEADER_VALUE + " characters."));
            } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                problems.add(new FieldProblem(
                        field, "The value of " + name + " cannot hold line breaks or control characters."));
            } else {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}

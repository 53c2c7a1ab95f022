package io.parley.llm.bedrock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.document.DocumentVisitor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between JSON text and the SDK's {@link Document}, which Bedrock uses for tool schemas and tool arguments.
 * Goes through Parley's own JSON tree so that no JSON text from a model or a tool is parsed by hand. Thread-safe.
 */
final class Documents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Documents() {}

    /** The JSON object in {@code json}; throws {@link IllegalArgumentException} when it is not one. */
    static Document object(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            // The parser's message quotes the text, which may hold customer data.
            throw new IllegalArgumentException("not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return toDocument(node);
    }

    /**
     * A tool call's arguments as the model wrote them, as a JSON object: Bedrock requires one. Arguments that are not
     * one (a model that misbehaved) go back as an empty object rather than failing the whole conversation.
     */
    static Document arguments(String json) {
        try {
            return object(json);
        } catch (IllegalArgumentException e) {
            return Document.fromMap(Map.of());
        }
    }

    /** {@code document} as JSON text; an absent document is an empty object. */
    static String json(Document document) {
        return document == null ? "{}" : JSON.writeValueAsString(toNode(document));
    }

    private static Document toDocument(JsonNode node) {
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toDocument(e.getValue())));
            return Document.fromMap(map);
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>(node.size());
            node.values().forEach(item -> list.add(toDocument(item)));
            return Document.fromList(list);
        }
        if (node.isString()) {
            return Document.fromString(node.stringValue());
        }
        if (node.isIntegralNumber()) {
            return Document.fromNumber(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return Document.fromNumber(node.decimalValue());
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        return Document.fromNull();
    }

    private static JsonNode toNode(Document document) {
        return document.accept(new DocumentVisitor<JsonNode>() {
            @Override
            public JsonNode visitNull() {
                return NODES.nullNode();
            }

            @Override
            public JsonNode visitBoolean(Boolean value) {
                return NODES.booleanNode(value);
            }

            @Override
            public JsonNode visitString(String value) {
                return NODES.stringNode(value);
            }

            @Override
            public JsonNode visitNumber(SdkNumber value) {
                return NODES.numberNode(value.bigDecimalValue());
            }

            @Override
            public JsonNode visitMap(Map<String, Document> value) {
                ObjectNode object = NODES.objectNode();
                value.forEach((name, member) -> object.set(name, toNode(member)));
                return object;
            }

            @Override
            public JsonNode visitList(List<Document> value) {
                ArrayNode array = NODES.arrayNode(value.size());
                value.forEach(item -> array.add(toNode(item)));
                return array;
            }
        });
    }
}

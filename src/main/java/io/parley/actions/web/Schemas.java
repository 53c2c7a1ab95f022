package io.parley.actions.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A stored parameters schema (valid JSON, checked when it was saved) as a JSON value for the API. */
final class Schemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Schemas() {}

    static JsonNode parse(String schema) {
        return JSON.readTree(schema);
    }
}

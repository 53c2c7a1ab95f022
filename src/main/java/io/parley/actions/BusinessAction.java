package io.parley.actions;

import io.parley.llm.Tool;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One of an organization's HTTP actions as its members see it.
 *
 * @param parameters the JSON Schema of its arguments, in JSON text
 * @param method the HTTP method, upper case
 * @param url the address template, {@code {name}} standing for an argument
 * @param headers header name to its masked value ({@code ••••} and, for a long value, its last four characters): the
 *     stored values are never shown again
 */
public record BusinessAction(
        ActionId id,
        String name,
        String description,
        String parameters,
        Tool.Kind kind,
        String method,
        String url,
        Map<String, String> headers,
        Instant createdAt,
        Instant updatedAt) {

    public BusinessAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** {@code read} or {@code write}, as the API spells it. */
    public String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}

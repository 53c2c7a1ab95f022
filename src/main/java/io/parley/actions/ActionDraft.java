package io.parley.actions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An action as a member writes it, not yet checked: {@link BusinessActions} validates every field and says which are
 * wrong. Any field may be null (it is then reported as missing).
 *
 * @param name what the model calls it: letters, digits, {@code _} and {@code -}, at most 64, neither the name of
 *     another of the organization's actions nor of another tool of its assistant
 * @param description when and why the assistant should use it
 * @param parameters the arguments as a JSON Schema object, in JSON text
 * @param kind {@code read} or {@code write} (a write runs only after the customer says yes)
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param url an absolute http(s) address; {@code {name}} in its path or query is replaced by that argument
 * @param headers header name to value, sent with every call; a value equal to its masked form as
 *     {@link BusinessAction#headers()} shows it keeps the stored value
 */
public record ActionDraft(
        @Nullable String name,
        @Nullable String description,
        @Nullable String parameters,
        @Nullable String kind,
        @Nullable String method,
        @Nullable String url,
        @Nullable Map<String, String> headers) {

    public ActionDraft {
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}

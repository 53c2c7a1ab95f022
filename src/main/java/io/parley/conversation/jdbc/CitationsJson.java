package io.parley.conversation.jdbc;

import io.parley.conversation.Citation;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A message's citations as the JSON text column they are stored in; null for none, so most rows stay small. */
final class CitationsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {};

    private CitationsJson() {}

    static @Nullable String write(List<Citation> citations) {
        return citations.isEmpty() ? null : JSON.writeValueAsString(citations);
    }

    static List<Citation> read(@Nullable String json) {
        return json == null || json.isBlank() ? List.of() : JSON.readValue(json, CITATIONS);
    }
}

package io.parley.actions;

import io.parley.llm.Tool;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An action as stored: valid, with each header value sealed by the server's {@code SecretBox}. */
record StoredAction(
        ActionId id,
        OrganizationId organization,
        String name,
        String description,
        String parameters,
        Tool.Kind kind,
        String method,
        String url,
        Map<String, String> sealedHeaders,
        Instant createdAt,
        Instant updatedAt) {

    StoredAction {
        sealedHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(sealedHeaders));
    }

    Tool tool() {
        return new Tool(name, description, parameters, kind);
    }

    boolean writes() {
        return kind == Tool.Kind.WRITE;
    }
}

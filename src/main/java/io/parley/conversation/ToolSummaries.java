package io.parley.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The plain summary of a call the customer is asked to confirm, when its source has no better one. */
final class ToolSummaries {

    private static final int MAX_VALUE = 120;

    private ToolSummaries() {}

    static String generic(String tool, JsonNode arguments) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : arguments.properties()) {
            JsonNode v = field.getValue();
            String text = v.isString() ? v.asString() : v.toString();
            if (text.length() > MAX_VALUE) {
                text = text.substring(0, MAX_VALUE) + "…";
            }
            parts.add(field.getKey().replace('_', ' ') + ": " + text);
        }
        String action =
                Character.toUpperCase(tool.charAt(0)) + tool.substring(1).replace('_', ' ');
        return parts.isEmpty() ? action : action + " (" + String.join("; ", parts) + ")";
    }
}

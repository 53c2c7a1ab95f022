package io.parley.conversation;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What running a tool gave: its result for the model, or the failure the model should hear. */
public sealed interface ToolResult {

    /**
     * @param json the result as JSON text (an object, an array, a string or a number), as the model reads it
     * @param identified the customer an {@link OfferedTool.Identity#IDENTIFIES} tool found; null otherwise
     */
    record Done(String json, @Nullable String identified) implements ToolResult {
        public Done {
            Objects.requireNonNull(json, "json");
        }

        public Done(String json) {
            this(json, null);
        }
    }

    /** @param message the tool's own error message ("Order not found"), which the model and the audit see as is */
    record Failed(String message) implements ToolResult {
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }
}

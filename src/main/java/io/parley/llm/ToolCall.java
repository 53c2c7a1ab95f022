package io.parley.llm;

import java.util.Objects;

/**
 * The model asks for a tool to run.
 *
 * @param id the provider's id for this call, which the {@link ChatMessage.ToolResult} must repeat; adapters make one
 *     up when the provider gives none
 * @param name the {@link Tool#name()} of a tool offered in the request (a model may name another: check it)
 * @param arguments the arguments as the model wrote them: a JSON object when the model behaves, never trusted
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    }
}

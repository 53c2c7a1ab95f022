package io.parley.llm.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelRequest;
import io.parley.llm.PassageBlock;
import io.parley.llm.Tool;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /chat/completions}, always streamed: the system prompt first, the passages as a second
 * system message, then the conversation, with tools when the request offers any.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ChatRequest(
        String model,
        List<Message> messages,
        List<ToolDefinition> tools,
        @JsonProperty("max_tokens") int maxTokens,
        boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Message(
            String role,
            @JsonInclude(JsonInclude.Include.NON_NULL) String content,
            @JsonProperty("tool_calls") List<ToolCall> toolCalls,
            @JsonProperty("tool_call_id") String toolCallId) {

        static Message of(String role, String content) {
            return new Message(role, content, List.of(), null);
        }
    }

    record ToolCall(String id, String type, Function function) {}

    record Function(String name, String arguments) {}

    record ToolDefinition(String type, FunctionDefinition function) {}

    record FunctionDefinition(String name, String description, @JsonRawValue String parameters) {}

    /** Asks for a last chunk with the token usage, which OpenAI and most compatible servers otherwise omit. */
    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {}

    static ChatRequest streaming(String model, ModelRequest request) {
        List<Message> messages = new ArrayList<>(request.messages().size() + 2);
        messages.add(Message.of("system", request.systemPrompt()));
        if (!request.passages().isEmpty()) {
            messages.add(Message.of("system", PassageBlock.render(request.passages())));
        }
        for (ChatMessage message : request.messages()) {
            messages.add(
                    switch (message) {
                        case ChatMessage.Customer customer -> Message.of("user", customer.text());
                        case ChatMessage.Assistant assistant ->
                            new Message(
                                    "assistant",
                                    assistant.text().isEmpty()
                                                    && !assistant.toolCalls().isEmpty()
                                            ? null
                                            : assistant.text(),
                                    assistant.toolCalls().stream()
                                            .map(call -> new ToolCall(
                                                    call.id(), "function", new Function(call.name(), call.arguments())))
                                            .toList(),
                                    null);
                        case ChatMessage.ToolResult result ->
                            new Message("tool", result.content(), List.of(), result.toolCallId());
                    });
        }
        List<ToolDefinition> tools =
                request.tools().stream().map(ChatRequest::definition).toList();
        return new ChatRequest(
                model, List.copyOf(messages), tools, request.maxOutputTokens(), true, new StreamOptions(true));
    }

    private static ToolDefinition definition(Tool tool) {
        return new ToolDefinition(
                "function", new FunctionDefinition(tool.name(), tool.description(), tool.parameters()));
    }
}

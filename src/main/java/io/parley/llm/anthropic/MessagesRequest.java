package io.parley.llm.anthropic;

import com.anthropic.core.JsonObject;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.parley.llm.AlternatingTurns;
import io.parley.llm.AlternatingTurns.Turn;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelRequest;
import io.parley.llm.PassageBlock;
import io.parley.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/messages} for a {@link ModelRequest}: the instructions and the passages as two
 * {@code system} text blocks (the passage block stays apart so that it can carry {@code cache_control} later), the
 * conversation as strictly alternating user and assistant turns, the tools with their JSON Schemas as
 * {@code input_schema}, and {@code max_tokens}. The SDK adds {@code "stream": true}.
 */
final class MessagesRequest {

    /** The SDK's own Jackson 2 mapper, which knows how to read JSON into its model types. */
    private static final JsonMapper SDK_JSON = ObjectMappers.jsonMapper();

    private MessagesRequest() {}

    static MessageCreateParams of(String model, ModelRequest request) {
        MessageCreateParams.Builder builder = MessageCreateParams.builder()
                .model(model)
                .maxTokens(request.maxOutputTokens())
                .messages(messages(request.messages()));
        List<TextBlockParam> system = system(request);
        if (!system.isEmpty()) {
            builder.systemOfTextBlockParams(system);
        }
        for (io.parley.llm.Tool tool : request.tools()) {
            builder.addTool(tool(tool));
        }
        return builder.build();
    }

    private static List<TextBlockParam> system(ModelRequest request) {
        List<TextBlockParam> blocks = new ArrayList<>(2);
        // The API refuses empty text blocks, so an absent part is left out rather than sent blank.
        if (!request.systemPrompt().isBlank()) {
            blocks.add(text(request.systemPrompt()));
        }
        String passages = PassageBlock.render(request.passages());
        if (!passages.isEmpty()) {
            blocks.add(text(passages));
        }
        return blocks;
    }

    private static List<MessageParam> messages(List<ChatMessage> messages) {
        List<MessageParam> turns = new ArrayList<>();
        for (Turn turn : AlternatingTurns.of(messages)) {
            List<ContentBlockParam> content =
                    switch (turn.side()) {
                        case USER -> userContent(turn.parts());
                        case ASSISTANT -> assistantContent(turn.parts());
                    };
            if (content.isEmpty()) {
                continue;
            }
            turns.add(
                    turn.side() == AlternatingTurns.Side.USER
                            ? MessageParam.ofUserOfContentBlockParams(content)
                            : MessageParam.ofAssistantOfContentBlockParams(content));
        }
        return turns;
    }

    /**
     * The customer's text and the tools' results of one user turn. The API wants every {@code tool_result} before
     * any text in its turn, so results go first, each in the order the calls were made.
     */
    private static List<ContentBlockParam> userContent(List<ChatMessage> parts) {
        List<ContentBlockParam> results = new ArrayList<>();
        List<ContentBlockParam> texts = new ArrayList<>();
        for (ChatMessage part : parts) {
            switch (part) {
                case ChatMessage.ToolResult result ->
                    results.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                            .toolUseId(result.toolCallId())
                            .content(result.content())
                            .isError(result.failed())
                            .build()));
                case ChatMessage.Customer customer -> {
                    if (!customer.text().isBlank()) {
                        texts.add(ContentBlockParam.ofText(text(customer.text())));
                    }
                }
                case ChatMessage.Assistant assistant ->
                    throw new IllegalArgumentException("an assistant message in a user turn");
            }
        }
        results.addAll(texts);
        return results;
    }

    private static List<ContentBlockParam> assistantContent(List<ChatMessage> parts) {
        List<ContentBlockParam> content = new ArrayList<>();
        for (ChatMessage part : parts) {
            if (!(part instanceof ChatMessage.Assistant assistant)) {
                throw new IllegalArgumentException("only assistant messages make an assistant turn");
            }
            if (!assistant.text().isBlank()) {
                content.add(ContentBlockParam.ofText(text(assistant.text())));
            }
            for (ToolCall call : assistant.toolCalls()) {
                content.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                        .id(call.id())
                        .name(call.name())
                        .input(ToolUseBlockParam.Input.builder()
                                .additionalProperties(arguments(call.arguments()))
                                .build())
                        .build()));
            }
        }
        return content;
    }

    /**
     * A call's arguments as the object the API wants for {@code input}. A model's arguments are never trusted: text
     * that is not a JSON object (the model misbehaved) goes back as an empty object rather than failing the turn.
     */
    private static Map<String, JsonValue> arguments(String json) {
        try {
            JsonNode node = SDK_JSON.readTree(json);
            if (node != null && JsonValue.fromJsonNode(node) instanceof JsonObject object) {
                return object.values();
            }
        } catch (JsonProcessingException e) {
            // Falls through to an empty object; the parser's message would quote the arguments.
        }
        return Map.of();
    }

    private static Tool tool(io.parley.llm.Tool tool) {
        Tool.InputSchema schema;
        try {
            schema = SDK_JSON.readValue(tool.parameters(), Tool.InputSchema.class);
        } catch (JsonProcessingException e) {
            // Tool checks its parameters are a JSON object when it is made, so this cannot happen.
            throw new IllegalArgumentException("tool '" + tool.name() + "' has unreadable parameters");
        }
        if (schema._type().isMissing()) {
            // The API requires "type": "object" at the top of every input_schema.
            schema = schema.toBuilder().type(JsonValue.from("object")).build();
        }
        return Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(schema)
                .build();
    }

    private static TextBlockParam text(String text) {
        return TextBlockParam.builder().text(text).build();
    }
}

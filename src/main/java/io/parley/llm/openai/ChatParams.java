package io.parley.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelRequest;
import io.parley.llm.PassageBlock;
import io.parley.llm.Tool;
import io.parley.llm.ToolCall;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the SDK's {@code POST /chat/completions} parameters: the system prompt first, the passages as a second system
 * message, then the conversation (tool calls on the assistant's message, results as {@code tool} messages), the
 * tools, {@code max_tokens} and {@code stream_options.include_usage}. The SDK adds {@code "stream": true} itself.
 */
final class ChatParams {

    private static final ChatCompletionStreamOptions WITH_USAGE =
            ChatCompletionStreamOptions.builder().includeUsage(true).build();

    private static final TypeReference<Map<String, JsonValue>> SCHEMA = new TypeReference<>() {};

    /** Parsed schemas by their JSON text; cleared when full, which only many distinct tools would make it. */
    private static final Map<String, FunctionParameters> PARSED = new ConcurrentHashMap<>();

    private static final int MAX_PARSED = 256;

    private ChatParams() {}

    @SuppressWarnings("deprecation") // max_tokens: see maxTokens below
    static ChatCompletionCreateParams of(String model, ModelRequest request, JsonMapper json) {
        var params = ChatCompletionCreateParams.builder().model(model).addSystemMessage(request.systemPrompt());
        if (!request.passages().isEmpty()) {
            params.addSystemMessage(PassageBlock.render(request.passages()));
        }
        for (ChatMessage message : request.messages()) {
            switch (message) {
                case ChatMessage.Customer customer -> params.addUserMessage(customer.text());
                case ChatMessage.Assistant assistant -> params.addMessage(assistant(assistant));
                case ChatMessage.ToolResult result ->
                    params.addMessage(ChatCompletionToolMessageParam.builder()
                            .toolCallId(result.toolCallId())
                            .content(result.content())
                            .build());
            }
        }
        for (Tool tool : request.tools()) {
            params.addFunctionTool(FunctionDefinition.builder()
                    .name(tool.name())
                    .description(tool.description())
                    .parameters(parameters(tool, json))
                    .build());
        }
        // The SDK marks max_tokens deprecated in favour of max_completion_tokens, which OpenAI's reasoning models
        // require; but Ollama, vLLM and llama.cpp's server all read max_tokens, and OpenAI's chat models still do.
        return params.maxTokens(request.maxOutputTokens())
                .streamOptions(WITH_USAGE)
                .build();
    }

    private static ChatCompletionAssistantMessageParam assistant(ChatMessage.Assistant assistant) {
        var builder = ChatCompletionAssistantMessageParam.builder();
        // OpenAI accepts an assistant message with tool calls and no content; some servers refuse "content": "".
        if (!assistant.text().isEmpty() || assistant.toolCalls().isEmpty()) {
            builder.content(assistant.text());
        }
        for (ToolCall call : assistant.toolCalls()) {
            builder.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name())
                            .arguments(call.arguments())
                            .build())
                    .build());
        }
        return builder.build();
    }

    /**
     * The tool's JSON Schema as the SDK's open-ended object; {@link Tool} has checked it is a JSON object. Parsed once
     * per schema: the same few tools go out with every request, and parsing them each time cost a tenth of a call.
     */
    private static FunctionParameters parameters(Tool tool, JsonMapper json) {
        FunctionParameters known = PARSED.get(tool.parameters());
        if (known != null) {
            return known;
        }
        try {
            Map<String, JsonValue> schema = json.readValue(tool.parameters(), SCHEMA);
            FunctionParameters parsed = FunctionParameters.builder()
                    .putAllAdditionalProperties(schema)
                    .build();
            if (PARSED.size() >= MAX_PARSED) {
                PARSED.clear();
            }
            PARSED.put(tool.parameters(), parsed);
            return parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a tool's parameters are a JSON Schema object");
        }
    }
}

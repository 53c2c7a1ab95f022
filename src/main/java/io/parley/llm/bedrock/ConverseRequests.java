package io.parley.llm.bedrock;

import io.parley.llm.AlternatingTurns;
import io.parley.llm.AlternatingTurns.Side;
import io.parley.llm.AlternatingTurns.Turn;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelRequest;
import io.parley.llm.PassageBlock;
import io.parley.llm.Tool;
import io.parley.llm.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * The parts of a Converse or ConverseStream request, which take the same fields: the instructions and the passages
 * as two system blocks, the conversation in strictly alternating turns (customer text and tool results on the user's
 * side, the assistant's text and tool calls on the other), the tools, and the output limit.
 */
record ConverseRequests(
        List<SystemContentBlock> system,
        List<Message> messages,
        @Nullable ToolConfiguration tools,
        InferenceConfiguration inference) {

    static ConverseRequests of(ModelRequest request, String modelId) {
        List<SystemContentBlock> system = new ArrayList<>(2);
        // Bedrock refuses empty text blocks, so an empty prompt is simply not sent.
        if (!request.systemPrompt().isBlank()) {
            system.add(SystemContentBlock.fromText(request.systemPrompt()));
        }
        String passages = PassageBlock.render(request.passages());
        if (!passages.isEmpty()) {
            system.add(SystemContentBlock.fromText(passages));
        }
        List<Message> messages = AlternatingTurns.of(request.messages()).stream()
                .map(turn -> message(turn, ModelIds.acceptsToolResultStatus(modelId)))
                .toList();
        ToolConfiguration tools = request.tools().isEmpty()
                ? null
                : ToolConfiguration.builder()
                        .tools(request.tools().stream()
                                .map(ConverseRequests::tool)
                                .toList())
                        .build();
        InferenceConfiguration inference = InferenceConfiguration.builder()
                .maxTokens(request.maxOutputTokens())
                .build();
        return new ConverseRequests(List.copyOf(system), messages, tools, inference);
    }

    ConverseStreamRequest streaming(String modelId, Duration timeout, AtomicBoolean arrived) {
        return ConverseStreamRequest.builder()
                .modelId(modelId)
                .system(system)
                .messages(messages)
                .toolConfig(tools)
                .inferenceConfig(inference)
                .overrideConfiguration(perCall(timeout, arrived))
                .build();
    }

    ConverseRequest whole(String modelId, Duration timeout, AtomicBoolean arrived) {
        return ConverseRequest.builder()
                .modelId(modelId)
                .system(system)
                .messages(messages)
                .toolConfig(tools)
                .inferenceConfig(inference)
                .overrideConfiguration(perCall(timeout, arrived))
                .build();
    }

    /**
     * The SDK ends the call itself at the deadline, on top of the adapter's own wait, so that nothing it holds (a
     * connection, a response being read) outlives the caller's patience; {@code arrived} learns whether Bedrock's
     * response came ({@link ResponseArrival}).
     */
    private static AwsRequestOverrideConfiguration perCall(Duration timeout, AtomicBoolean arrived) {
        return AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(timeout)
                .putExecutionAttribute(ResponseArrival.ARRIVED, arrived)
                .build();
    }

    private static Message message(Turn turn, boolean withStatus) {
        List<ContentBlock> content = new ArrayList<>(turn.parts().size());
        for (ChatMessage part : turn.parts()) {
            switch (part) {
                case ChatMessage.Customer customer -> content.add(ContentBlock.fromText(customer.text()));
                case ChatMessage.Assistant assistant -> {
                    if (!assistant.text().isEmpty()) {
                        content.add(ContentBlock.fromText(assistant.text()));
                    }
                    assistant.toolCalls().forEach(call -> content.add(ContentBlock.fromToolUse(toolUse(call))));
                }
                case ChatMessage.ToolResult result ->
                    content.add(ContentBlock.fromToolResult(toolResult(result, withStatus)));
            }
        }
        return Message.builder()
                .role(turn.side() == Side.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                .content(content)
                .build();
    }

    private static ToolUseBlock toolUse(ToolCall call) {
        return ToolUseBlock.builder()
                .toolUseId(call.id())
                .name(call.name())
                .input(Documents.arguments(call.arguments()))
                .build();
    }

    /**
     * The result, flagged as an error when it failed and the model takes the flag; for the others (Bedrock refuses
     * the field) the result's own text says what went wrong.
     */
    private static ToolResultBlock toolResult(ChatMessage.ToolResult result, boolean withStatus) {
        ToolResultBlock.Builder block = ToolResultBlock.builder()
                .toolUseId(result.toolCallId())
                .content(ToolResultContentBlock.fromText(result.content()));
        if (withStatus) {
            block.status(result.failed() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS);
        }
        return block.build();
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.Tool tool(Tool tool) {
        return software.amazon.awssdk.services.bedrockruntime.model.Tool.fromToolSpec(ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(ToolInputSchema.fromJson(Documents.object(tool.parameters())))
                .build());
    }
}

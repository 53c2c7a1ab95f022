package io.parley.llm.gemini;

import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Part;
import com.google.genai.types.Tool;
import io.parley.llm.AlternatingTurns;
import io.parley.llm.AlternatingTurns.Side;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelRequest;
import io.parley.llm.PassageBlock;
import io.parley.llm.ToolCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code generateContent} request in the SDK's types: the system prompt and the passage block as two parts of
 * {@code systemInstruction}; the conversation as alternating {@code user} and {@code model} turns, tool calls as
 * {@code functionCall} parts and their results as {@code functionResponse} parts of the next user turn; the tools as
 * {@code functionDeclarations} with their JSON Schema as is ({@code parametersJsonSchema}); the output limit.
 */
record GeminiRequest(List<Content> contents, GenerateContentConfig config) {

    /**
     * Gemini 3 models refuse a replayed {@code functionCall} without the thought signature they sent with it. The port's
     * {@link ToolCall} has no room for one, so replayed calls carry the value Google documents for calls whose
     * signature is not at hand; the model then goes on without its earlier reasoning, which costs quality, not
     * correctness. Sent as bytes, as the API's {@code bytes} field expects.
     */
    static final byte[] SIGNATURE_NOT_KEPT = "skip_thought_signature_validator".getBytes(StandardCharsets.US_ASCII);

    private static final String USER = "user";
    private static final String MODEL = "model";

    static GeminiRequest of(ModelRequest request, JsonMapper json) {
        GenerateContentConfig.Builder config = GenerateContentConfig.builder()
                .maxOutputTokens(request.maxOutputTokens())
                // The SDK would otherwise reopen a stream that ends with a continuation token: a retry of its own.
                .automaticContinuation(false);
        List<Part> system = new ArrayList<>(2);
        if (!request.systemPrompt().isEmpty()) {
            system.add(Part.fromText(request.systemPrompt()));
        }
        String passages = PassageBlock.render(request.passages());
        if (!passages.isEmpty()) {
            system.add(Part.fromText(passages));
        }
        if (!system.isEmpty()) {
            config.systemInstruction(Content.builder().parts(system).build());
        }
        if (!request.tools().isEmpty()) {
            config.tools(Tool.builder()
                    .functionDeclarations(request.tools().stream()
                            .map(tool -> declaration(tool, json))
                            .toList())
                    .build());
        }
        return new GeminiRequest(contents(request, json), config.build());
    }

    private static FunctionDeclaration declaration(io.parley.llm.Tool tool, JsonMapper json) {
        return FunctionDeclaration.builder()
                .name(tool.name())
                .description(tool.description())
                // A plain map, which the SDK's own JSON library writes out unchanged.
                .parametersJsonSchema(json.readValue(tool.parameters(), Map.class))
                .build();
    }

    private static List<Content> contents(ModelRequest request, JsonMapper json) {
        List<Content> contents = new ArrayList<>();
        for (AlternatingTurns.Turn turn : AlternatingTurns.of(request.messages())) {
            List<Part> parts = new ArrayList<>();
            for (ChatMessage message : turn.parts()) {
                switch (message) {
                    case ChatMessage.Customer customer -> parts.add(Part.fromText(customer.text()));
                    case ChatMessage.Assistant assistant -> addAssistant(assistant, parts, json);
                    case ChatMessage.ToolResult result -> parts.add(functionResponse(result, json));
                }
            }
            contents.add(Content.builder()
                    .role(turn.side() == Side.USER ? USER : MODEL)
                    .parts(parts)
                    .build());
        }
        return contents;
    }

    private static void addAssistant(ChatMessage.Assistant assistant, List<Part> parts, JsonMapper json) {
        if (!assistant.text().isEmpty()) {
            parts.add(Part.fromText(assistant.text()));
        }
        boolean first = true;
        for (ToolCall call : assistant.toolCalls()) {
            Part.Builder part = Part.builder()
                    .functionCall(FunctionCall.builder()
                            .id(call.id())
                            .name(call.name())
                            .args(arguments(call.arguments(), json))
                            .build());
            // Gemini signs only the first call of a reply (parallel calls share its signature).
            if (first) {
                part.thoughtSignature(SIGNATURE_NOT_KEPT);
                first = false;
            }
            parts.add(part.build());
        }
    }

    /** The call's arguments as an object; a model that wrote something else gets an empty one back. */
    private static Map<String, Object> arguments(String arguments, JsonMapper json) {
        return parse(arguments, json) instanceof Map<?, ?> map ? stringKeys(map) : Map.of();
    }

    /**
     * The result as the object {@code functionResponse.response} must be: a JSON object as is, any other JSON value
     * or plain text under {@code result}, and a failure under {@code error} so the model can tell it from a result.
     */
    private static Part functionResponse(ChatMessage.ToolResult result, JsonMapper json) {
        @Nullable Object content = parse(result.content(), json);
        if (content == null && !result.content().strip().equals("null")) {
            content = result.content();
        }
        Map<String, Object> response;
        if (result.failed()) {
            response = new LinkedHashMap<>();
            response.put("error", content);
        } else if (content instanceof Map<?, ?> map) {
            response = stringKeys(map);
        } else {
            response = new LinkedHashMap<>();
            response.put("result", content);
        }
        return Part.builder()
                .functionResponse(FunctionResponse.builder()
                        .id(result.toolCallId())
                        .name(result.toolName())
                        .response(response)
                        .build())
                .build();
    }

    /** JSON text as plain Java values (maps, lists, strings, numbers); null when it is not JSON. */
    private static @Nullable Object parse(String text, JsonMapper json) {
        try {
            return json.readValue(text, Object.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}

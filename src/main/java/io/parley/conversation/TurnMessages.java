package io.parley.conversation;

import io.parley.llm.ChatMessage;
import io.parley.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model messages of a turn in progress (the assistant's tool calls and their results) as JSON, so that a turn
 * waiting for a customer's confirmation is stored state, not a waiting thread.
 */
final class TurnMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TurnMessages() {}

    static String write(List<ChatMessage> messages) {
        ArrayNode array = JSON.createArrayNode();
        for (ChatMessage m : messages) {
            ObjectNode node = array.addObject();
            switch (m) {
                case ChatMessage.Customer c -> node.put("role", "customer").put("text", c.text());
                case ChatMessage.Assistant a -> {
                    node.put("role", "assistant").put("text", a.text());
                    ArrayNode calls = node.putArray("calls");
                    for (ToolCall call : a.toolCalls()) {
                        calls.addObject()
                                .put("id", call.id())
                                .put("name", call.name())
                                .put("arguments", call.arguments());
                    }
                }
                case ChatMessage.ToolResult r ->
                    node.put("role", "tool")
                            .put("callId", r.toolCallId())
                            .put("name", r.toolName())
                            .put("content", r.content())
                            .put("failed", r.failed());
            }
        }
        return JSON.writeValueAsString(array);
    }

    static List<ChatMessage> read(String json) {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            switch (node.path("role").asString()) {
                case "customer" ->
                    messages.add(new ChatMessage.Customer(node.path("text").asString()));
                case "assistant" -> {
                    List<ToolCall> calls = new ArrayList<>();
                    for (JsonNode call : node.path("calls")) {
                        calls.add(new ToolCall(
                                call.path("id").asString(),
                                call.path("name").asString(),
                                call.path("arguments").asString()));
                    }
                    messages.add(new ChatMessage.Assistant(node.path("text").asString(), calls));
                }
                case "tool" ->
                    messages.add(new ChatMessage.ToolResult(
                            node.path("callId").asString(),
                            node.path("name").asString(),
                            node.path("content").asString(),
                            node.path("failed").asBoolean()));
                default -> throw new IllegalArgumentException("unknown turn message role");
            }
        }
        return messages;
    }
}

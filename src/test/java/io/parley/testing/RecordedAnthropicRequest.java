package io.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One request {@link ScriptedAnthropicServer} received, as it arrived, with when it arrived (before its body was read)
 * and when the first byte of its answer went out ({@link System#nanoTime()}), for benchmarks. Thread-safe: everything
 * but the first byte's time is fixed on arrival.
 */
public final class RecordedAnthropicRequest extends RecordedRequest {

    /** One entry of {@code messages}: its role and its content blocks (a string content becomes one text block). */
    public record Message(String role, List<JsonNode> content) {

        /** The text of its {@code text} blocks, joined. */
        public String text() {
            StringBuilder text = new StringBuilder();
            for (JsonNode block : content) {
                if (block.isString()) {
                    text.append(block.stringValue());
                } else if (block.path("type").asString("").equals("text")) {
                    text.append(block.path("text").asString(""));
                }
            }
            return text.toString();
        }

        /** Its blocks of this {@code type} ({@code text}, {@code tool_use}, {@code tool_result}). */
        public List<JsonNode> blocks(String type) {
            return content.stream()
                    .filter(block -> block.path("type").asString("").equals(type))
                    .toList();
        }
    }

    private final String path;

    RecordedAnthropicRequest(
            String method, String path, Map<String, List<String>> headers, JsonNode body, long receivedAtNanos) {
        super(method, headers, body, receivedAtNanos);
        this.path = path;
    }

    /** The request path, e.g. {@code /v1/messages}. */
    public String path() {
        return path;
    }

    /** {@link System#nanoTime()} when the first byte of the answer's body was written and flushed; -1 before. */
    public long firstByteAtNanos() {
        return firstByte().orElse(-1);
    }

    /** The {@code x-api-key} header, when one was sent. */
    public Optional<String> apiKey() {
        return header("x-api-key");
    }

    public String model() {
        return body().path("model").asString("");
    }

    public boolean stream() {
        return body().path("stream").asBoolean(false);
    }

    public int maxTokens() {
        return body().path("max_tokens").asInt(0);
    }

    /** The {@code system} text blocks, in order (a string {@code system} is one block). */
    public List<String> system() {
        JsonNode system = body().path("system");
        if (system.isString()) {
            return List.of(system.stringValue());
        }
        List<String> blocks = new ArrayList<>();
        for (JsonNode block : system) {
            blocks.add(block.path("text").asString(""));
        }
        return blocks;
    }

    /** The {@code messages}, in order. */
    public List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : body().path("messages")) {
            JsonNode content = message.path("content");
            List<JsonNode> blocks = new ArrayList<>();
            if (content.isArray()) {
                content.forEach(blocks::add);
            } else if (content.isString()) {
                blocks.add(content);
            }
            messages.add(new Message(message.path("role").asString(""), blocks));
        }
        return messages;
    }

    /** The text of the last {@code user} message that has any, or "" when none has. */
    public String lastUserText() {
        return messages().reversed().stream()
                .filter(message -> message.role().equals("user"))
                .map(Message::text)
                .filter(text -> !text.isEmpty())
                .findFirst()
                .orElse("");
    }

    @Override
    public String toString() {
        return method() + " " + path + " " + bodyText();
    }
}

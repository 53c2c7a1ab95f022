package io.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One request {@link ScriptedAnthropicServer} received, as it arrived, with when it arrived and when the first
 * byte of its answer went out ({@link System#nanoTime()}), for benchmarks. Thread-safe: everything but the first
 * byte's time is fixed on arrival.
 */
public final class RecordedAnthropicRequest {

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

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final JsonNode body;
    private final long receivedAtNanos;
    private volatile long firstByteAtNanos = -1;

    RecordedAnthropicRequest(
            String method, String path, Map<String, List<String>> headers, JsonNode body, long receivedAtNanos) {
        this.method = method;
        this.path = path;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.receivedAtNanos = receivedAtNanos;
    }

    public String method() {
        return method;
    }

    /** The request path, e.g. {@code /v1/messages}. */
    public String path() {
        return path;
    }

    /** Header values by lower-cased name. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
                .findFirst();
    }

    /** The parsed JSON body; a missing node when it was not JSON. */
    public JsonNode body() {
        return body;
    }

    /** The body as JSON text. */
    public String bodyText() {
        return body.toString();
    }

    /** {@link System#nanoTime()} when the request reached the server. */
    public long receivedAtNanos() {
        return receivedAtNanos;
    }

    /** {@link System#nanoTime()} when the first byte of the answer's body was written and flushed; -1 before. */
    public long firstByteAtNanos() {
        return firstByteAtNanos;
    }

    void markFirstByte() {
        if (firstByteAtNanos < 0) {
            firstByteAtNanos = System.nanoTime();
        }
    }

    /** The {@code x-api-key} header, when one was sent. */
    public Optional<String> apiKey() {
        return header("x-api-key");
    }

    public String model() {
        return body.path("model").asString("");
    }

    public boolean stream() {
        return body.path("stream").asBoolean(false);
    }

    public int maxTokens() {
        return body.path("max_tokens").asInt(0);
    }

    /** The {@code system} text blocks, in order (a string {@code system} is one block). */
    public List<String> system() {
        JsonNode system = body.path("system");
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
        for (JsonNode message : body.path("messages")) {
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
        return method + " " + path + " " + bodyText();
    }
}

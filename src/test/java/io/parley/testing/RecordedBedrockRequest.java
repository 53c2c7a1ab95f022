package io.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One request {@link ScriptedBedrockServer} received, as it arrived, with when it arrived (before its body was read).
 * Immutable except for {@link #firstByteAtNanos()}, which the server sets once it has written the answer's first byte.
 */
public final class RecordedBedrockRequest extends RecordedRequest {

    /** One entry of {@code messages}: its role and the text of its {@code text} blocks, joined. */
    public record Message(String role, String text) {}

    private final String rawPath;
    private final String modelId;
    private final String operation;
    private final String protocol;

    RecordedBedrockRequest(
            String method,
            String rawPath,
            String modelId,
            String operation,
            String protocol,
            Map<String, List<String>> headers,
            JsonNode body,
            long receivedAtNanos) {
        super(method, headers, body, receivedAtNanos);
        this.rawPath = rawPath;
        this.modelId = modelId;
        this.operation = operation;
        this.protocol = protocol;
    }

    /** The path as sent, still URL-encoded, e.g. {@code /model/meta.llama3-3-70b-instruct-v1%3A0/converse-stream}. */
    public String rawPath() {
        return rawPath;
    }

    /** The model id from the path, decoded. */
    public String modelId() {
        return modelId;
    }

    /** {@code converse}, {@code converse-stream}, or what else the path ended with. */
    public String operation() {
        return operation;
    }

    public boolean streaming() {
        return operation.equals("converse-stream");
    }

    /** The HTTP version the request came with, e.g. {@code HTTP/1.1}. */
    public String protocol() {
        return protocol;
    }

    /** The SigV4 Authorization header, e.g. {@code AWS4-HMAC-SHA256 Credential=AKIA…/20260101/us-east-1/bedrock/…}. */
    public Optional<String> authorization() {
        return header("authorization");
    }

    /** {@code System.nanoTime()} when the first byte of the answer's body was written and flushed; 0 before. */
    public long firstByteAtNanos() {
        return firstByte().orElse(0);
    }

    /** The texts of the {@code system} blocks, in order. */
    public List<String> system() {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : body().path("system")) {
            texts.add(block.path("text").asString(""));
        }
        return texts;
    }

    /** The {@code messages}, in order. */
    public List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : body().path("messages")) {
            StringBuilder text = new StringBuilder();
            for (JsonNode block : message.path("content")) {
                text.append(block.path("text").asString(""));
            }
            messages.add(new Message(message.path("role").asString(""), text.toString()));
        }
        return messages;
    }

    /** The text of the last {@code user} message, or "" when there is none. */
    public String lastUserText() {
        return messages().reversed().stream()
                .filter(message -> message.role().equals("user"))
                .map(Message::text)
                .findFirst()
                .orElse("");
    }

    @Override
    public String toString() {
        return method() + " " + rawPath + " (" + protocol + ")";
    }
}

package io.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One request {@link ScriptedOpenAiServer} received, as it arrived.
 *
 * @param method the HTTP method
 * @param path the request path, e.g. {@code /v1/chat/completions}
 * @param headers header values by lower-cased name
 * @param body the parsed JSON body; a missing node when the body was not JSON
 */
public record RecordedOpenAiRequest(String method, String path, Map<String, List<String>> headers, JsonNode body) {

    /** One entry of {@code messages}. */
    public record Message(String role, String content) {}

    public RecordedOpenAiRequest {
        headers = Map.copyOf(headers);
    }

    /** The Authorization header, e.g. {@code "Bearer sk-…"}, when one was sent. */
    public Optional<String> authorization() {
        return header("authorization");
    }

    public Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
                .findFirst();
    }

    public String model() {
        return body.path("model").asString("");
    }

    public boolean stream() {
        return body.path("stream").asBoolean(false);
    }

    /** True when the request asked for usage in the stream ({@code stream_options.include_usage}). */
    public boolean includeUsage() {
        return body.path("stream_options").path("include_usage").asBoolean(false);
    }

    /** The body as JSON text. */
    public String bodyText() {
        return body.toString();
    }

    /** The {@code messages}, in order. */
    public List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            messages.add(new Message(
                    message.path("role").asString(""), message.path("content").asString("")));
        }
        return messages;
    }

    /** The content of the first message when its role is {@code system}, else empty. */
    public Optional<String> systemPrompt() {
        List<Message> messages = messages();
        return messages.isEmpty() || !messages.getFirst().role().equals("system")
                ? Optional.empty()
                : Optional.of(messages.getFirst().content());
    }

    /** The content of the last {@code user} message, or "" when there is none. */
    public String lastUserMessage() {
        return messages().reversed().stream()
                .filter(message -> message.role().equals("user"))
                .map(Message::content)
                .findFirst()
                .orElse("");
    }
}

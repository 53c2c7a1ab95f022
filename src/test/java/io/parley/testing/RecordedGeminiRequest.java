package io.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One request {@link ScriptedGeminiServer} received, as it arrived, with when it arrived (its body read) and when the
 * first byte of its answer left. Immutable but for {@link #firstByteAtNanos()}, which the server sets once while
 * answering.
 */
public final class RecordedGeminiRequest extends RecordedRequest {

    private static final Pattern MODEL_PATH = Pattern.compile("/(v1beta|v1)/models/([^/:]+):([A-Za-z]+)");

    /** One entry of {@code contents}: its role and its parts as sent. */
    public record Turn(String role, List<JsonNode> parts) {

        /** The texts of its text parts, in order. */
        public List<String> texts() {
            return parts.stream()
                    .filter(part -> part.has("text"))
                    .map(part -> part.path("text").asString(""))
                    .toList();
        }
    }

    private final String path;
    private final @Nullable String query;

    RecordedGeminiRequest(
            String method,
            String path,
            @Nullable String query,
            Map<String, List<String>> headers,
            JsonNode body,
            long receivedAtNanos) {
        super(method, headers, body, receivedAtNanos);
        this.path = path;
        this.query = query;
    }

    /** The request path, e.g. {@code /v1beta/models/gemini-test:streamGenerateContent}. */
    public String path() {
        return path;
    }

    /** The raw query string, e.g. {@code alt=sse}; empty when there was none. */
    public String query() {
        return query == null ? "" : query;
    }

    /** {@link System#nanoTime()} when the first byte of the response body was written and flushed, once it was. */
    public OptionalLong firstByteAtNanos() {
        return firstByte();
    }

    /** The API key as Gemini takes it: the {@code x-goog-api-key} header, or a {@code key} query parameter. */
    public Optional<String> apiKey() {
        Optional<String> header = header("x-goog-api-key");
        if (header.isPresent()) {
            return header;
        }
        for (String parameter : query().split("&")) {
            if (parameter.startsWith("key=")) {
                return Optional.of(parameter.substring("key=".length()));
            }
        }
        return Optional.empty();
    }

    /** The model named in the path, e.g. {@code gemini-test}; empty for other paths. */
    public String model() {
        Matcher matcher = MODEL_PATH.matcher(path);
        return matcher.matches() ? matcher.group(2) : "";
    }

    /** The method named in the path: {@code streamGenerateContent} or {@code generateContent}; empty for others. */
    public String action() {
        Matcher matcher = MODEL_PATH.matcher(path);
        return matcher.matches() ? matcher.group(3) : "";
    }

    /** True when the stream was asked for as server-sent events ({@code alt=sse}). */
    public boolean sse() {
        return List.of(query().split("&")).contains("alt=sse");
    }

    /** The texts of {@code systemInstruction.parts}, in order. */
    public List<String> systemTexts() {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : body().path("systemInstruction").path("parts")) {
            texts.add(part.path("text").asString(""));
        }
        return texts;
    }

    /** The {@code contents}, in order. */
    public List<Turn> contents() {
        List<Turn> turns = new ArrayList<>();
        for (JsonNode content : body().path("contents")) {
            List<JsonNode> parts = new ArrayList<>();
            content.path("parts").forEach(parts::add);
            turns.add(new Turn(content.path("role").asString(""), List.copyOf(parts)));
        }
        return turns;
    }

    /** {@code generationConfig.maxOutputTokens}, or 0 when not set. */
    public int maxOutputTokens() {
        return body().path("generationConfig").path("maxOutputTokens").asInt(0);
    }

    /** The text of the last user turn's text parts, or "" when it has none. */
    public String lastUserText() {
        return contents().reversed().stream()
                .filter(turn -> turn.role().equals("user"))
                .findFirst()
                .map(turn -> String.join(" ", turn.texts()))
                .orElse("");
    }

    /** Characters of text the request sends (instructions and turns), for usage estimates. */
    long promptChars() {
        long chars = systemTexts().stream().mapToLong(String::length).sum();
        for (Turn turn : contents()) {
            chars += turn.parts().stream()
                    .mapToLong(part -> part.toString().length())
                    .sum();
        }
        return chars;
    }
}

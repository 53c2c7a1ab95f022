package io.parley.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ScriptedGeminiServer} does with one {@code generateContent} or {@code streamGenerateContent} request.
 * Build one with the static factories:
 *
 * <pre>{@code
 * server.script(GeminiScript.reply("Hello there").inChunks(5).withUsage(12, 3, 0));
 * server.script(GeminiScript.rateLimited("7s"), GeminiScript.hang());
 * }</pre>
 *
 * Error bodies are Google's JSON error shape and carry {@link #DETAIL} in their message, which a client must never
 * repeat.
 */
public sealed interface GeminiScript {

    /** Words every scripted error message holds (the contract's provider detail). */
    String DETAIL = "PROVIDER-DETAIL";

    /** The default: replies {@code "Echo: " + the last user text} in three chunks, instantly. */
    static GeminiScript echo() {
        return new Echo();
    }

    /** Replies {@code text} in three chunks, instantly, with usage; tune it with the withers. */
    static Reply reply(String text) {
        return new Reply(text, 3, Duration.ZERO, null, true, "STOP", Cut.NONE, 0);
    }

    /**
     * Asks for tools to run, as Gemini does: whole {@code functionCall} parts in one chunk, with a thought signature
     * on the first, finishing with {@code STOP}.
     */
    static GeminiScript toolCalls(FunctionCall... calls) {
        return new ToolCalls(List.of(calls));
    }

    /** Asks for one tool to run; {@code id} null sends none, as the Developer API usually does. */
    static GeminiScript toolCall(@Nullable String id, String name, String argumentsJson) {
        return toolCalls(new FunctionCall(id, name, argumentsJson));
    }

    /** Google's JSON error with this HTTP code and canonical status, e.g. {@code error(404, "NOT_FOUND")}. */
    static Error error(int code, String status) {
        return new Error(code, status, null, null, Map.of());
    }

    /**
     * Google's JSON error with an {@code ErrorInfo} detail giving the reason, e.g.
     * {@code error(400, "INVALID_ARGUMENT", "API_KEY_INVALID")}, Gemini's answer to a key it does not know.
     */
    static Error error(int code, String status, String reason) {
        return new Error(code, status, reason, null, Map.of());
    }

    /** HTTP 429 {@code RESOURCE_EXHAUSTED} with a {@code RetryInfo} detail, e.g. {@code "37s"}, as Gemini sends. */
    static Error rateLimited(String retryDelay) {
        return new Error(429, "RESOURCE_EXHAUSTED", null, retryDelay, Map.of());
    }

    /** Answers with exactly this status and body. */
    static GeminiScript raw(int status, String body) {
        return new Raw(status, body);
    }

    /** Streams one good chunk, then an {@code error} object as Gemini does when it fails mid-stream. */
    static GeminiScript errorInStream() {
        return new ErrorInStream();
    }

    /** Streams one good chunk, then an event that is not valid JSON. */
    static GeminiScript malformedChunk() {
        return new Malformed();
    }

    /** The prompt was blocked: no candidates, a {@code promptFeedback.blockReason}. */
    static GeminiScript blockedPrompt() {
        return new Blocked();
    }

    /** Accepts the request and never answers, until the server is closed. */
    static GeminiScript hang() {
        return new Hang();
    }

    /** The reply {@link #echo()} gives to a user text. */
    static String echoOf(String userText) {
        return userText.isBlank() ? "Echo: nothing to echo here." : "Echo: " + userText;
    }

    /** How a streamed reply ends. */
    enum Cut {
        /** The last chunk carries the finish reason, and the body ends. */
        NONE,
        /** The connection drops abruptly: the body is shorter than the Content-Length the server announced. */
        DROP_CONNECTION,
        /** The body ends cleanly but no chunk had a finish reason. */
        END_EARLY,
        /** Nothing more is sent, and the connection stays open until the server is closed. */
        STALL
    }

    /** Token counts as {@code usageMetadata} reports them. */
    record Usage(int prompt, int candidates, int cached, int thoughts) {}

    /** One {@code functionCall} part. */
    record FunctionCall(@Nullable String id, String name, String argumentsJson) {
        public FunctionCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    /**
     * A text reply, streamed as one {@code GenerateContentResponse} per chunk (or one whole response for
     * {@code generateContent}).
     *
     * @param usage the usage to report; null reports an estimate (characters / 4)
     * @param reportUsage false sends no {@code usageMetadata} at all
     * @param finishReason what the last chunk says, e.g. {@code STOP}, {@code MAX_TOKENS}, {@code SAFETY}
     * @param cutAfter with a {@link Cut} other than NONE: how many chunks go out before it
     */
    record Reply(
            String text,
            int chunks,
            Duration delay,
            @Nullable Usage usage,
            boolean reportUsage,
            String finishReason,
            Cut cut,
            int cutAfter)
            implements GeminiScript {

        public Reply {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(finishReason, "finishReason");
            if (chunks < 1 || cutAfter < 0 || delay.isNegative()) {
                throw new IllegalArgumentException("chunks >= 1, cutAfter >= 0, delay >= 0");
            }
        }

        public Reply inChunks(int count) {
            return new Reply(text, count, delay, usage, reportUsage, finishReason, cut, cutAfter);
        }

        /** Waits this long before each chunk after the first (the wait ends early when the server closes). */
        public Reply withDelay(Duration delay) {
            return new Reply(text, chunks, delay, usage, reportUsage, finishReason, cut, cutAfter);
        }

        public Reply withUsage(int prompt, int candidates, int cached) {
            return withUsage(new Usage(prompt, candidates, cached, 0));
        }

        public Reply withUsage(Usage usage) {
            return new Reply(text, chunks, delay, usage, true, finishReason, cut, cutAfter);
        }

        public Reply withoutUsage() {
            return new Reply(text, chunks, delay, null, false, finishReason, cut, cutAfter);
        }

        public Reply finishingWith(String reason) {
            return new Reply(text, chunks, delay, usage, reportUsage, reason, cut, cutAfter);
        }

        /** Sends {@code count} chunks, then drops the connection. */
        public Reply dropAfter(int count) {
            return new Reply(text, chunks, delay, usage, reportUsage, finishReason, Cut.DROP_CONNECTION, count);
        }

        /** Sends {@code count} chunks, then ends the body cleanly without a finish reason. */
        public Reply endEarlyAfter(int count) {
            return new Reply(text, chunks, delay, usage, reportUsage, finishReason, Cut.END_EARLY, count);
        }

        /** Sends {@code count} chunks, then nothing more until the server closes. */
        public Reply stallAfter(int count) {
            return new Reply(text, chunks, delay, usage, reportUsage, finishReason, Cut.STALL, count);
        }
    }

    record Echo() implements GeminiScript {}

    record ToolCalls(List<FunctionCall> calls) implements GeminiScript {
        public ToolCalls {
            calls = List.copyOf(calls);
        }
    }

    record Error(
            int code, String status, @Nullable String reason, @Nullable String retryDelay, Map<String, String> headers)
            implements GeminiScript {
        public Error {
            headers = Map.copyOf(headers);
        }

        /** The same error with one more response header, e.g. {@code Retry-After}. */
        public Error withHeader(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Error(code, status, reason, retryDelay, more);
        }
    }

    record Raw(int status, String body) implements GeminiScript {}

    record ErrorInStream() implements GeminiScript {}

    record Malformed() implements GeminiScript {}

    record Blocked() implements GeminiScript {}

    record Hang() implements GeminiScript {}
}

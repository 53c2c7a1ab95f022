package io.parley.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ScriptedAnthropicServer} does with one {@code POST /v1/messages}. Build one with the static factories:
 *
 * <pre>{@code
 * server.script(AnthropicScript.reply("Hello there").inChunks(5).withUsage(12, 3));
 * server.script(AnthropicScript.rateLimited("7"), AnthropicScript.overloaded(), AnthropicScript.hang());
 * }</pre>
 */
public sealed interface AnthropicScript {

    /** Words every scripted error body and error event carries, which must never reach an exception's message. */
    String PROVIDER_DETAIL = "PROVIDER-DETAIL";

    /** The default: replies {@code "Echo: " + the last user text} in three pieces, instantly. */
    static AnthropicScript echo() {
        return new Echo();
    }

    /** Streams {@code text} in three {@code text_delta}s, instantly, with usage; tune it with the withers. */
    static Reply reply(String text) {
        return new Reply(text, 3, Duration.ZERO, null, true, "end_turn", Cut.NONE, 0, "api_error");
    }

    /**
     * Asks for one tool to run: a {@code tool_use} block whose arguments arrive as {@code input_json_delta}
     * fragments (an empty one first, as Anthropic sends), then {@code stop_reason: "tool_use"}.
     */
    static ToolCallReply toolCall(String id, String name, String arguments) {
        return new ToolCallReply(id, name, arguments, "");
    }

    /**
     * Answers with this HTTP status and Anthropic's error body, {@code {"type":"error","error":{"type":…,
     * "message":…}}}, whose message carries {@link #PROVIDER_DETAIL}.
     */
    static AnthropicScript error(int status, String errorType) {
        return new Status(status, errorBody(errorType), Map.of());
    }

    /** Answers with this HTTP status, body (sent as JSON when it looks like JSON) and headers. */
    static AnthropicScript status(int status, String body, Map<String, String> headers) {
        return new Status(status, body, headers);
    }

    /** HTTP 429 {@code rate_limit_error} with this {@code retry-after} (seconds or an HTTP date). */
    static AnthropicScript rateLimited(String retryAfter) {
        return new Status(429, errorBody("rate_limit_error"), Map.of("retry-after", retryAfter));
    }

    /** HTTP 529 {@code overloaded_error}: Anthropic's own status for "too busy right now". */
    static AnthropicScript overloaded() {
        return new Status(529, errorBody("overloaded_error"), Map.of());
    }

    /** Streams one good {@code text_delta}, then an event whose data is not valid JSON. */
    static AnthropicScript malformedEvent() {
        return new Malformed();
    }

    /** Accepts the request and never answers, until the server is closed. */
    static AnthropicScript hang() {
        return new Hang();
    }

    /** The reply {@link #echo()} gives to a user text. */
    static String echoOf(String userText) {
        return "Echo: " + (userText.isBlank() ? "nothing to echo, but here is a reply." : userText);
    }

    /** Anthropic's JSON error body for {@code errorType}, with a message that must not leak. */
    static String errorBody(String errorType) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + errorType + "\",\"message\":\"" + PROVIDER_DETAIL
                + " says " + errorType + "\"},\"request_id\":\"req_scripted\"}";
    }

    /** How a streamed reply ends. */
    enum Cut {
        /** {@code content_block_stop}, {@code message_delta} with the stop reason and usage, {@code message_stop}. */
        NONE,
        /** The connection drops abruptly: the body is shorter than the Content-Length the server announced. */
        DROP_CONNECTION,
        /** The body ends cleanly but without {@code message_stop}. */
        END_EARLY,
        /** Nothing more is sent, and the connection stays open until the server is closed. */
        STALL,
        /** An {@code event: error} with {@link Reply#errorType()}, then the body ends. */
        ERROR_EVENT
    }

    /**
     * A reply streamed as Anthropic's server-sent events.
     *
     * @param delay the wait before each piece after the first (ends early when the server closes)
     * @param usage the counts to report; null reports an estimate (characters / 4)
     * @param reportUsage false sends no {@code usage} at all
     * @param stopReason the {@code stop_reason} of {@code message_delta}
     * @param cutAfter with a {@link Cut} other than NONE: how many pieces go out before it
     * @param errorType the {@code error.type} of the error event, for {@link Cut#ERROR_EVENT}
     */
    record Reply(
            String text,
            int chunks,
            Duration delay,
            @Nullable Usage usage,
            boolean reportUsage,
            String stopReason,
            Cut cut,
            int cutAfter,
            String errorType)
            implements AnthropicScript {

        public Reply {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(stopReason, "stopReason");
            if (chunks < 1 || cutAfter < 0 || delay.isNegative()) {
                throw new IllegalArgumentException("chunks >= 1, cutAfter >= 0, delay >= 0");
            }
        }

        public Reply inChunks(int count) {
            return new Reply(text, count, delay, usage, reportUsage, stopReason, cut, cutAfter, errorType);
        }

        public Reply withDelay(Duration between) {
            return new Reply(text, chunks, between, usage, reportUsage, stopReason, cut, cutAfter, errorType);
        }

        public Reply withUsage(long inputTokens, long outputTokens) {
            return withUsage(new Usage(inputTokens, outputTokens, 0, 0));
        }

        public Reply withUsage(Usage counts) {
            return new Reply(text, chunks, delay, counts, true, stopReason, cut, cutAfter, errorType);
        }

        public Reply withoutUsage() {
            return new Reply(text, chunks, delay, null, false, stopReason, cut, cutAfter, errorType);
        }

        public Reply withStopReason(String reason) {
            return new Reply(text, chunks, delay, usage, reportUsage, reason, cut, cutAfter, errorType);
        }

        /** Sends {@code sent} pieces, then drops the connection mid-body. */
        public Reply dropAfter(int sent) {
            return new Reply(text, chunks, delay, usage, reportUsage, stopReason, Cut.DROP_CONNECTION, sent, errorType);
        }

        /** Sends {@code sent} pieces, then ends the body without {@code message_stop}. */
        public Reply endEarlyAfter(int sent) {
            return new Reply(text, chunks, delay, usage, reportUsage, stopReason, Cut.END_EARLY, sent, errorType);
        }

        /** Sends {@code sent} pieces and then nothing, keeping the connection open. */
        public Reply stallAfter(int sent) {
            return new Reply(text, chunks, delay, usage, reportUsage, stopReason, Cut.STALL, sent, errorType);
        }

        /** Sends {@code sent} pieces, then {@code event: error} of this type (e.g. {@code overloaded_error}). */
        public Reply errorEventAfter(int sent, String type) {
            return new Reply(text, chunks, delay, usage, reportUsage, stopReason, Cut.ERROR_EVENT, sent, type);
        }
    }

    /**
     * Token counts as Anthropic reports them: {@code input_tokens} excludes the cache reads and writes.
     *
     * @param cacheReadInputTokens {@code cache_read_input_tokens}
     * @param cacheCreationInputTokens {@code cache_creation_input_tokens}
     */
    record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheCreationInputTokens) {}

    /** @param textBefore text the model writes before it calls the tool (its own block, index 0); empty for none */
    record ToolCallReply(String id, String name, String arguments, String textBefore) implements AnthropicScript {

        public ToolCallReply withTextBefore(String text) {
            return new ToolCallReply(id, name, arguments, text);
        }
    }

    record Status(int status, String body, Map<String, String> headers) implements AnthropicScript {
        public Status {
            headers = Map.copyOf(headers);
        }
    }

    record Echo() implements AnthropicScript {}

    record Malformed() implements AnthropicScript {}

    record Hang() implements AnthropicScript {}
}

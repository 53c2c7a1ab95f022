package io.parley.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ScriptedOpenAiServer} does with one chat-completions request. Build one with the static factories:
 *
 * <pre>{@code
 * server.script(OpenAiScript.reply("Hello there").inChunks(5).withDelay(Duration.ofMillis(20)));
 * server.script(OpenAiScript.rateLimited("7"), OpenAiScript.hang());
 * }</pre>
 */
public sealed interface OpenAiScript {

    /** The default: replies {@code "Echo: " + the last user message} in three chunks, instantly. */
    static OpenAiScript echo() {
        return new Echo();
    }

    /** Replies {@code text} in three chunks, instantly, reporting usage when asked to; tune it with the withers. */
    static Reply reply(String text) {
        return new Reply(text, 3, Duration.ZERO, null, true, Cut.NONE, 0);
    }

    /** Answers with this HTTP status and body (sent as JSON when it looks like JSON). */
    static OpenAiScript status(int status, String body) {
        return new Status(status, body, Map.of());
    }

    static OpenAiScript status(int status, String body, Map<String, String> headers) {
        return new Status(status, body, headers);
    }

    /**
     * Asks for one tool to run: the call's id and name in a first {@code tool_calls} delta, its arguments in two more,
     * then {@code finish_reason: "tool_calls"}.
     */
    static OpenAiScript toolCall(String id, String name, String arguments) {
        return new ToolCallReply(id, name, arguments);
    }

    /** HTTP 429 with the given Retry-After (seconds or an HTTP date) and a body naming a secret-looking detail. */
    static OpenAiScript rateLimited(String retryAfter) {
        return new Status(
                429,
                "{\"error\":{\"message\":\"Rate limit reached for org-PROVIDER-DETAIL\",\"type\":\"requests\"}}",
                Map.of("Retry-After", retryAfter));
    }

    /** Streams one good chunk, then a chunk that is not valid JSON, then {@code [DONE]}. */
    static OpenAiScript malformedChunk() {
        return new Malformed();
    }

    /** Streams one good chunk, then an {@code error} object as OpenAI does when it fails mid-stream. */
    static OpenAiScript errorInStream() {
        return new ErrorInStream();
    }

    /** Accepts the request and never answers, until the server is closed. */
    static OpenAiScript hang() {
        return new Hang();
    }

    /** The reply {@link #echo()} gives to a user message. */
    static String echoOf(String userMessage) {
        return "Echo: " + userMessage;
    }

    /** How a streamed reply ends. */
    enum Cut {
        /** A finish_reason, the usage chunk when asked for, and {@code data: [DONE]}. */
        NONE,
        /** The connection drops abruptly: the body is shorter than the Content-Length the server announced. */
        DROP_CONNECTION,
        /** The body ends cleanly but without a finish_reason or {@code [DONE]}. */
        END_EARLY,
        /** Nothing more is sent, and the connection stays open until the server is closed. */
        STALL
    }

    /**
     * A reply streamed as {@code chat.completion.chunk} events, or one {@code chat.completion} when the request
     * had {@code stream: false}.
     *
     * @param usage the usage to report; null reports an estimate (characters / 4)
     * @param reportUsage false sends no usage even when the request asks for it
     * @param cutAfter with a {@link Cut} other than NONE: how many content chunks go out before it
     */
    record Reply(
            String text, int chunks, Duration delay, @Nullable Usage usage, boolean reportUsage, Cut cut, int cutAfter)
            implements OpenAiScript {

        public Reply {
            Objects.requireNonNull(text, "text");
            if (chunks < 1 || cutAfter < 0 || delay.isNegative()) {
                throw new IllegalArgumentException("chunks >= 1, cutAfter >= 0, delay >= 0");
            }
        }

        public Reply inChunks(int count) {
            return new Reply(text, count, delay, usage, reportUsage, cut, cutAfter);
        }

        /** Waits this long before each chunk after the first (the wait ends early when the server closes). */
        public Reply withDelay(Duration between) {
            return new Reply(text, chunks, between, usage, reportUsage, cut, cutAfter);
        }

        public Reply withUsage(long promptTokens, long completionTokens) {
            return new Reply(text, chunks, delay, new Usage(promptTokens, completionTokens), true, cut, cutAfter);
        }

        public Reply withoutUsage() {
            return new Reply(text, chunks, delay, null, false, cut, cutAfter);
        }

        /** Drops the connection after {@code sent} content chunks, without a finish_reason or {@code [DONE]}. */
        public Reply stopAfter(int sent) {
            return new Reply(text, chunks, delay, usage, reportUsage, Cut.DROP_CONNECTION, sent);
        }

        /** Ends the body cleanly after {@code sent} content chunks, without a finish_reason or {@code [DONE]}. */
        public Reply endEarlyAfter(int sent) {
            return new Reply(text, chunks, delay, usage, reportUsage, Cut.END_EARLY, sent);
        }

        /** Sends {@code sent} content chunks and then nothing, keeping the connection open. */
        public Reply stallAfter(int sent) {
            return new Reply(text, chunks, delay, usage, reportUsage, Cut.STALL, sent);
        }
    }

    /** Token counts as the server reports them. */
    record Usage(long promptTokens, long completionTokens) {}

    record Status(int status, String body, Map<String, String> headers) implements OpenAiScript {
        public Status {
            headers = Map.copyOf(headers);
        }
    }

    record ToolCallReply(String id, String name, String arguments) implements OpenAiScript {}

    record Echo() implements OpenAiScript {}

    record Malformed() implements OpenAiScript {}

    record ErrorInStream() implements OpenAiScript {}

    record Hang() implements OpenAiScript {}
}

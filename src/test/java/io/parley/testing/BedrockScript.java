package io.parley.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ScriptedBedrockServer} does with one Converse or ConverseStream request. Build one with the static
 * factories:
 *
 * <pre>{@code
 * server.script(BedrockScript.reply("Hello there").inChunks(5).withUsage(120, 8));
 * server.script(BedrockScript.throttled().withHeader("Retry-After", "7"), BedrockScript.hang());
 * }</pre>
 *
 * Error messages in the factories' bodies contain {@value #PROVIDER_DETAIL}, which must never reach an exception's
 * message.
 */
public sealed interface BedrockScript {

    /** Words in every scripted error body and exception event. */
    String PROVIDER_DETAIL = "PROVIDER-DETAIL";

    /** The default: replies {@code "Echo: " + the last user text} in three pieces, instantly. */
    static BedrockScript echo() {
        return new Echo();
    }

    /** Replies {@code text} in three pieces, instantly, with usage; tune it with the withers. */
    static Reply reply(String text) {
        return new Reply(text, 3, Duration.ZERO, null, true, Cut.NONE, 0, null);
    }

    /**
     * Asks for one tool to run with {@code stopReason: tool_use}: streamed as a {@code contentBlockStart} with the id
     * and name and the arguments in two {@code contentBlockDelta}s; for Converse, as one {@code toolUse} block.
     */
    static ToolCallReply toolCall(String id, String name, String arguments) {
        return new ToolCallReply(id, name, arguments, "");
    }

    /**
     * An error as Bedrock sends it: the status, {@code x-amzn-ErrorType: <type>:http://internal.amazon.com/…} and
     * {@code {"message": …}}.
     */
    static Failure error(int status, String type, String message) {
        return new Failure(status, type, message, Map.of());
    }

    static Failure throttled() {
        return error(
                429, "ThrottlingException", "Too many requests, please wait before trying again. " + PROVIDER_DETAIL);
    }

    static Failure accessDenied() {
        return error(403, "AccessDeniedException", "You don't have access to the model. " + PROVIDER_DETAIL);
    }

    /** What AWS answers a request signed with an access key it does not know. */
    static Failure unrecognizedClient() {
        return error(403, "UnrecognizedClientException", "The security token included is invalid. " + PROVIDER_DETAIL);
    }

    /** What Bedrock answers for a model id it does not know. */
    static Failure unknownModel() {
        return error(400, "ValidationException", "The provided model identifier is invalid. " + PROVIDER_DETAIL);
    }

    static Failure resourceNotFound() {
        return error(404, "ResourceNotFoundException", "Model not found. " + PROVIDER_DETAIL);
    }

    static Failure serviceUnavailable() {
        return error(503, "ServiceUnavailableException", "Service unavailable. " + PROVIDER_DETAIL);
    }

    static Failure internalServer() {
        return error(500, "InternalServerException", "Internal server error. " + PROVIDER_DETAIL);
    }

    static Failure modelNotReady() {
        return error(429, "ModelNotReadyException", "Model is not ready. " + PROVIDER_DETAIL);
    }

    static Failure modelTimeout() {
        return error(408, "ModelTimeoutException", "Model timed out. " + PROVIDER_DETAIL);
    }

    /**
     * Streams one piece of text, then an exception event ({@code :message-type: exception}) of this type, e.g.
     * {@code modelStreamErrorException} or {@code throttlingException}, and ends the stream.
     */
    static BedrockScript exceptionInStream(String exceptionType) {
        return new ExceptionInStream(exceptionType);
    }

    /** Streams one good event, then a frame whose checksum is wrong. For Converse: a body that is not JSON. */
    static BedrockScript malformed() {
        return new Malformed();
    }

    /** Accepts the request and never answers, until the server is closed. */
    static BedrockScript hang() {
        return new Hang();
    }

    /** The reply {@link #echo()} gives to a user text. */
    static String echoOf(String userText) {
        return "Echo: " + userText;
    }

    /** How a streamed reply ends. */
    enum Cut {
        /** messageStop and metadata, then the end of the body. */
        NONE,
        /** The connection drops: the body is shorter than the Content-Length announced. */
        DROP_CONNECTION,
        /** The body ends cleanly without messageStop or metadata. */
        END_EARLY,
        /** Nothing more is sent, and the connection stays open until the server is closed. */
        STALL
    }

    /** Token counts as Bedrock reports them; cache reads and writes come on top of {@code inputTokens}. */
    record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheWriteInputTokens) {}

    /**
     * A text reply: streamed events for ConverseStream, one JSON object for Converse.
     *
     * @param usage the usage to report; null reports an estimate (characters / 4)
     * @param reportUsage false sends no usage (no metadata event, no {@code usage} member)
     * @param cutAfter with a {@link Cut} other than NONE: how many text pieces go out before it
     * @param stopReason the {@code stopReason}; null for {@code end_turn}
     */
    record Reply(
            String text,
            int pieces,
            Duration delay,
            @Nullable Usage usage,
            boolean reportUsage,
            Cut cut,
            int cutAfter,
            @Nullable String stopReason)
            implements BedrockScript {

        public Reply {
            Objects.requireNonNull(text, "text");
            if (pieces < 1 || cutAfter < 0 || delay.isNegative()) {
                throw new IllegalArgumentException("pieces >= 1, cutAfter >= 0, delay >= 0");
            }
        }

        public Reply inChunks(int count) {
            return new Reply(text, count, delay, usage, reportUsage, cut, cutAfter, stopReason);
        }

        /** Waits this long before each piece after the first (the wait ends early when the server closes). */
        public Reply withDelay(Duration between) {
            return new Reply(text, pieces, between, usage, reportUsage, cut, cutAfter, stopReason);
        }

        public Reply withUsage(long inputTokens, long outputTokens) {
            return withUsage(new Usage(inputTokens, outputTokens, 0, 0));
        }

        public Reply withUsage(Usage reported) {
            return new Reply(text, pieces, delay, reported, true, cut, cutAfter, stopReason);
        }

        public Reply withoutUsage() {
            return new Reply(text, pieces, delay, null, false, cut, cutAfter, stopReason);
        }

        /** Ends with this {@code stopReason}, e.g. {@code max_tokens}. */
        public Reply withStopReason(String reason) {
            return new Reply(text, pieces, delay, usage, reportUsage, cut, cutAfter, reason);
        }

        /** Drops the connection after {@code sent} pieces, without messageStop. */
        public Reply stopAfter(int sent) {
            return new Reply(text, pieces, delay, usage, reportUsage, Cut.DROP_CONNECTION, sent, stopReason);
        }

        /** Ends the body cleanly after {@code sent} pieces, without messageStop. */
        public Reply endEarlyAfter(int sent) {
            return new Reply(text, pieces, delay, usage, reportUsage, Cut.END_EARLY, sent, stopReason);
        }

        /** Sends {@code sent} pieces and then nothing, keeping the connection open. */
        public Reply stallAfter(int sent) {
            return new Reply(text, pieces, delay, usage, reportUsage, Cut.STALL, sent, stopReason);
        }
    }

    /** A tool call, after {@code text} when it is not empty. */
    record ToolCallReply(String id, String name, String arguments, String text) implements BedrockScript {

        /** Says {@code text} before the call, as Claude often does. */
        public ToolCallReply afterSaying(String text) {
            return new ToolCallReply(id, name, arguments, text);
        }
    }

    record Failure(int status, String type, String message, Map<String, String> headers) implements BedrockScript {
        public Failure {
            headers = Map.copyOf(headers);
        }

        public Failure withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Failure(status, type, message, more);
        }
    }

    record ExceptionInStream(String exceptionType) implements BedrockScript {}

    record Echo() implements BedrockScript {}

    record Malformed() implements BedrockScript {}

    record Hang() implements BedrockScript {}
}

package io.parley.bench.faults;

import io.parley.testing.OpenAiScript;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways the scripted model misbehaves in {@code fault-model}. A customer message names its fault in its text
 * ({@code [fault:http-500]}), so the model can tell per request what to do; the {@code -once} kinds fail only the
 * first attempt at a message, so the server's retry must turn them into a real reply.
 */
enum ModelFault {
    HEALTHY(false),
    /** Accepts the request and never answers: longer than the server's {@code parley.llm.timeout}. */
    HANG(true),
    HTTP_500(true),
    HTTP_500_ONCE(false),
    /** HTTP 429 with {@code Retry-After: 1}. */
    RATE_LIMITED(true),
    RATE_LIMITED_ONCE(false),
    /** The connection drops after 3 of 8 chunks: the customer saw part of a reply. */
    STOP_HALFWAY(true),
    /** The body ends cleanly after 3 of 8 chunks, without a finish_reason or {@code [DONE]}. */
    END_EARLY(true),
    /** 3 of 8 chunks, then nothing while the connection stays open. */
    STALL(true),
    /** One good chunk, then one that is not JSON. */
    MALFORMED_CHUNK(true),
    /** One good chunk, then an {@code error} object inside the stream. */
    ERROR_IN_STREAM(true),
    /**
     * A model that does not stop: a 20,000-character reply, more than one stored message may hold (16,000). Not in
     * the default mix (it goes beyond the list); {@code faults=all} adds it.
     */
    RUNAWAY_REPLY(false);

    /** What the model says when it works. */
    static final String ANSWER =
            "Yes, we ship to every province of Canada; delivery takes three to five business days.";

    private static final String RUNAWAY = "And there is more to say about shipping. ".repeat(500);

    private static final Pattern TAG = Pattern.compile("\\[fault:([a-z0-9-]+)]");

    private final boolean fallbackExpected;

    ModelFault(boolean fallbackExpected) {
        this.fallbackExpected = fallbackExpected;
    }

    /** Whether the customer should get the fallback message (or a clear error) rather than the model's answer. */
    boolean fallbackExpected() {
        return fallbackExpected;
    }

    String tag() {
        return "[fault:" + wireName() + "]";
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The faults a run mixes: {@code all}, a list such as {@code hang,http-500}, or by default all but runaway. */
    static java.util.List<ModelFault> mix(String setting) {
        if (setting == null || setting.isBlank()) {
            return java.util.Arrays.stream(values())
                    .filter(f -> f != RUNAWAY_REPLY)
                    .toList();
        }
        if (setting.equals("all")) {
            return java.util.List.of(values());
        }
        return java.util.Arrays.stream(setting.split(","))
                .map(String::strip)
                .map(name -> valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')))
                .toList();
    }

    /** The fault a customer message names; {@link #HEALTHY} when it names none. */
    static ModelFault of(String text) {
        Matcher m = TAG.matcher(text == null ? "" : text);
        if (!m.find()) {
            return HEALTHY;
        }
        return valueOf(m.group(1).toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** What the model does for the {@code attempt}-th request (from 0) about one message. */
    OpenAiScript script(int attempt) {
        OpenAiScript.Reply answer = OpenAiScript.reply(ANSWER).inChunks(8).withDelay(Duration.ofMillis(10));
        return switch (this) {
            case HEALTHY -> answer;
            case HANG -> OpenAiScript.hang();
            case HTTP_500 -> OpenAiScript.status(500, "{\"error\":{\"message\":\"internal error\"}}");
            case HTTP_500_ONCE -> attempt == 0 ? HTTP_500.script(attempt) : answer;
            case RATE_LIMITED -> OpenAiScript.rateLimited("1");
            case RATE_LIMITED_ONCE -> attempt == 0 ? RATE_LIMITED.script(attempt) : answer;
            case STOP_HALFWAY -> answer.stopAfter(3);
            case END_EARLY -> answer.endEarlyAfter(3);
            case STALL -> answer.stallAfter(3);
            case MALFORMED_CHUNK -> OpenAiScript.malformedChunk();
            case ERROR_IN_STREAM -> OpenAiScript.errorInStream();
            case RUNAWAY_REPLY -> OpenAiScript.reply(RUNAWAY).inChunks(50);
        };
    }
}

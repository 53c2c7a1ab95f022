package io.parley.llm.anthropic;

import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import com.anthropic.models.ErrorType;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps what the SDK throws to {@link ModelException}s, in one place. The SDK's exceptions carry the provider's error
 * body in their messages, which may echo the prompt, so none is ever attached as a cause or quoted: messages name
 * the provider id, the HTTP status or the SDK exception's class, in our words.
 */
final class AnthropicFailures {

    private final String providerId;
    private final Clock clock;

    AnthropicFailures(String providerId, Clock clock) {
        this.providerId = providerId;
        this.clock = clock;
    }

    /** A failure while sending the request and waiting for the response's status and headers. */
    ModelException beforeStream(RuntimeException e) {
        return switch (e) {
            case AnthropicServiceException answered -> forStatus(answered.statusCode(), answered.headers());
            case AnthropicIoException io -> new ModelException(Kind.UNAVAILABLE, prefix() + "could not be reached");
            case AnthropicInvalidDataException invalid ->
                new ModelException(Kind.INVALID_RESPONSE, prefix() + "answered with something unreadable");
            default -> new ModelException(Kind.UNAVAILABLE, prefix() + "could not be called (" + name(e) + ")");
        };
    }

    /**
     * A failure while reading the stream. An {@code error} event is the provider ending the stream on purpose: when
     * it says it is overloaded, that is the same condition as HTTP 529 before the stream (so the circuit breaker
     * counts it alike), and any other error event is an invalid response, as is a stream that broke off.
     */
    ModelException duringStream(RuntimeException e) {
        return switch (e) {
            case ModelException already -> already;
            case SseException event
            when isOverloaded(event) -> new ModelException(Kind.UNAVAILABLE, prefix() + "ended the stream: overloaded");
            case SseException event ->
                new ModelException(Kind.INVALID_RESPONSE, prefix() + "ended the stream with an error event");
            case AnthropicIoException io ->
                new ModelException(Kind.INVALID_RESPONSE, prefix() + "the stream broke off");
            case AnthropicInvalidDataException invalid ->
                new ModelException(Kind.INVALID_RESPONSE, prefix() + "sent an event that could not be read");
            default -> new ModelException(Kind.INVALID_RESPONSE, prefix() + "the stream failed (" + name(e) + ")");
        };
    }

    ModelException forStatus(int status, Headers headers) {
        String answered = prefix() + "answered HTTP " + status;
        return switch (status) {
            case 401, 403 -> ModelException.badKey(answered + ": check its api-key");
            case 404 -> ModelException.unknownModel(answered + ": check its base-url and model");
            case 408 -> new ModelException(Kind.TIMEOUT, answered);
            case 429 -> new ModelException(Kind.RATE_LIMITED, answered, retryAfter(headers), null);
            case 529 -> new ModelException(Kind.UNAVAILABLE, answered + ": overloaded", retryAfter(headers), null);
            default -> {
                if (status >= 500) {
                    yield new ModelException(Kind.UNAVAILABLE, answered, retryAfter(headers), null);
                }
                if (status >= 400) {
                    // 400 (invalid_request_error), 402 (billing), 413: the request as it is will not be taken.
                    yield new ModelException(Kind.MISCONFIGURED, answered + ": the request was refused");
                }
                yield new ModelException(Kind.INVALID_RESPONSE, answered + ": expected 200");
            }
        };
    }

    ModelException timeout(Duration timeout) {
        return new ModelException(Kind.TIMEOUT, prefix() + "did not finish its reply within " + timeout);
    }

    ModelException interrupted() {
        return new ModelException(Kind.UNAVAILABLE, prefix() + "call interrupted");
    }

    ModelException closed() {
        return new ModelException(Kind.UNAVAILABLE, prefix() + "its client is closed");
    }

    /** The SDK itself failed (a linkage error, a stack overflow): nothing the provider said. */
    ModelException broken(Error e) {
        return new ModelException(Kind.UNAVAILABLE, prefix() + "the SDK failed (" + name(e) + ")");
    }

    ModelException invalid(String why) {
        return new ModelException(Kind.INVALID_RESPONSE, prefix() + why);
    }

    private static boolean isOverloaded(SseException event) {
        try {
            return event.type().filter(ErrorType.OVERLOADED_ERROR::equals).isPresent();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * How long the provider asked us to wait: {@code retry-after-ms} when sent, else {@code retry-after} as
     * delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable.
     */
    private @Nullable Duration retryAfter(Headers headers) {
        List<String> millis = headers.values("retry-after-ms");
        if (!millis.isEmpty() && millis.getFirst().strip().matches("\\d{1,12}")) {
            return Duration.ofMillis(Long.parseLong(millis.getFirst().strip()));
        }
        List<String> values = headers.values("retry-after");
        return values.isEmpty()
                ? null
                : RetryAfter.parse(values.getFirst(), clock).orElse(null);
    }

    private String prefix() {
        return "provider '" + providerId + "': ";
    }

    private static String name(Throwable e) {
        return e.getClass().getSimpleName();
    }
}

package io.parley.llm.openai;

import com.openai.core.http.Headers;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps what the SDK throws to {@link ModelException}s, in one place. The SDK's exceptions carry the server's own
 * error text in their messages, so they are never attached as a cause: messages name the provider id and the status.
 */
final class SdkFailures {

    private SdkFailures() {}

    /** An HTTP answer other than 200, or an {@code error} object inside the stream. */
    static ModelException forService(String providerId, OpenAIServiceException e, Clock clock) {
        if (e instanceof SseException) {
            return new ModelException(
                    Kind.INVALID_RESPONSE, "provider '" + providerId + "': the stream carried an error object");
        }
        int status = e.statusCode();
        String prefix = "provider '" + providerId + "' answered HTTP " + status;
        return switch (status) {
            case 401, 403 -> ModelException.badKey(prefix + ": check its api-key");
            case 404 -> ModelException.unknownModel(prefix + ": check its base-url and model");
            case 408 -> new ModelException(Kind.TIMEOUT, prefix);
            case 429 -> new ModelException(Kind.RATE_LIMITED, prefix, retryAfter(e.headers(), clock), null);
            default -> {
                if (status >= 500) {
                    yield new ModelException(Kind.UNAVAILABLE, prefix, retryAfter(e.headers(), clock), null);
                }
                if (status >= 400) {
                    // 400, 413, 422…: our request was refused as it is; sending it again will not help.
                    yield new ModelException(Kind.MISCONFIGURED, prefix + ": the request was refused");
                }
                yield new ModelException(Kind.INVALID_RESPONSE, prefix + ": expected 200");
            }
        };
    }

    private static @Nullable Duration retryAfter(Headers headers, Clock clock) {
        return headers.values("Retry-After").stream()
                .findFirst()
                .flatMap(value -> retryAfter(value, clock))
                .orElse(null);
    }

    /** Retry-After as delay-seconds or as an HTTP date (RFC 9110 §10.2.3); empty when unreadable. */
    static Optional<Duration> retryAfter(String value, Clock clock) {
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}

package io.parley.llm.openai;

import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Maps an OpenAI-compatible server's HTTP answers to {@link ModelException}s, in one place. Messages name the
 * provider id and the status only: the server's own error body may echo the prompt or the key, so it is never read.
 */
final class HttpFailures {

    private HttpFailures() {}

    static ModelException forStatus(String providerId, int status, HttpHeaders headers, Clock clock) {
        String prefix = "provider '" + providerId + "' answered HTTP " + status;
        return switch (status) {
            case 401, 403 -> ModelException.badKey(prefix + ": check its api-key");
            case 404 -> ModelException.unknownModel(prefix + ": check its base-url and model");
            case 408 -> new ModelException(Kind.TIMEOUT, prefix);
            case 429 -> new ModelException(Kind.RATE_LIMITED, prefix, retryAfter(headers, clock), null);
            default -> {
                if (status >= 500) {
                    yield new ModelException(Kind.UNAVAILABLE, prefix, retryAfter(headers, clock), null);
                }
                if (status >= 400) {
                    // 400, 413, 422…: our request was refused as it is; sending it again will not help.
                    yield new ModelException(Kind.MISCONFIGURED, prefix + ": the request was refused");
                }
                yield new ModelException(Kind.INVALID_RESPONSE, prefix + ": expected 200");
            }
        };
    }

    private static @Nullable Duration retryAfter(HttpHeaders headers, Clock clock) {
        return headers.firstValue("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, clock))
                .orElse(null);
    }
}

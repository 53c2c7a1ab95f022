package io.parley.llm.gemini;

import com.google.genai.errors.ApiException;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Maps what can go wrong in a Gemini call to a {@link ModelException}, in one place. Messages name the provider id,
 * the HTTP status and what to check, in our words: the SDK's exceptions carry Google's message (which may echo the
 * request) and parser messages quote the stream, so none is ever attached as a cause or quoted.
 */
final class GeminiFailures {

    /** Google's ErrorInfo reason for a key it does not know, answered with HTTP 400 rather than 401. */
    static final String API_KEY_INVALID = "API_KEY_INVALID";

    private GeminiFailures() {}

    /**
     * @param error what the SDK (or the reply's assembly) threw
     * @param streaming true once the response's headers were in and the stream was being read
     */
    static ModelException of(String providerId, RuntimeException error, boolean streaming) {
        String prefix = "provider '" + providerId + "'";
        if (error instanceof ModelException ours) {
            // Made on the worker thread from our own words; made again here so the trace is the caller's.
            return new ModelException(
                    ours.kind(), ours.getMessage(), ours.retryAfter().orElse(null), null);
        }
        GeminiHttpError http = causeOf(error, GeminiHttpError.class);
        if (http != null) {
            return forStatus(prefix, http);
        }
        if (streaming) {
            if (causeOf(error, ApiException.class) != null) {
                return new ModelException(Kind.INVALID_RESPONSE, prefix + ": the stream carried an error");
            }
            if (causeOf(error, IOException.class) != null) {
                return new ModelException(Kind.INVALID_RESPONSE, prefix + ": the stream broke off");
            }
            return new ModelException(Kind.INVALID_RESPONSE, prefix + ": a chunk of the stream could not be read");
        }
        ApiException api = causeOf(error, ApiException.class);
        if (api != null) {
            return forStatus(prefix, new GeminiHttpError(api.code(), null, null, null));
        }
        if (causeOf(error, IOException.class) != null) {
            return new ModelException(Kind.UNAVAILABLE, prefix + " could not be reached");
        }
        // The SDK refused to build the request (an argument it rejects): sending it again will not help.
        return new ModelException(Kind.MISCONFIGURED, prefix + ": the SDK refused the request");
    }

    static ModelException forStatus(String prefix, GeminiHttpError http) {
        int status = http.status();
        String answered = prefix + " answered HTTP " + status;
        @Nullable Duration retryAfter = http.retryAfter().orElse(null);
        if (http.reason().filter(API_KEY_INVALID::equals).isPresent()) {
            return ModelException.badKey(answered + " (" + API_KEY_INVALID + "): check its api-key");
        }
        return switch (status) {
            case 401, 403 -> ModelException.badKey(answered + ": check its api-key and what the key may use");
            case 404 -> ModelException.unknownModel(answered + ": check its model and base-url");
            case 408 -> new ModelException(Kind.TIMEOUT, answered);
            case 429 -> new ModelException(Kind.RATE_LIMITED, answered, retryAfter, null);
            default -> {
                if (status >= 500) {
                    yield new ModelException(Kind.UNAVAILABLE, answered, retryAfter, null);
                }
                if (status >= 400) {
                    // 400 INVALID_ARGUMENT or FAILED_PRECONDITION, 413…: refused as it is, so resending will not help.
                    yield new ModelException(Kind.MISCONFIGURED, answered + ": the request was refused");
                }
                yield new ModelException(Kind.INVALID_RESPONSE, answered + ": expected 200");
            }
        };
    }

    private static <T extends Throwable> @Nullable T causeOf(Throwable error, Class<T> type) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 32; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

package io.parley.llm.gemini;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A non-2xx answer from the Gemini API, as {@link ErrorResponses} read it: the HTTP status, Google's canonical status
 * ({@code RESOURCE_EXHAUSTED}), the {@code google.rpc.ErrorInfo} reason ({@code API_KEY_INVALID}) and how long to
 * wait. It travels up through the SDK as the cause of its I/O exception. It holds none of the provider's own words:
 * the message names the status only, and the codes are kept for classification, never shown.
 */
final class GeminiHttpError extends IOException {

    private final int status;
    private final @Nullable String googleStatus;
    private final @Nullable String reason;
    private final @Nullable Duration retryAfter;

    GeminiHttpError(int status, @Nullable String googleStatus, @Nullable String reason, @Nullable Duration retryAfter) {
        super("HTTP " + status);
        this.status = status;
        this.googleStatus = googleStatus;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** Google's canonical code, e.g. {@code INVALID_ARGUMENT}, when the body named one. */
    Optional<String> googleStatus() {
        return Optional.ofNullable(googleStatus);
    }

    /** The {@code ErrorInfo} reason, e.g. {@code API_KEY_INVALID}, when the body gave one. */
    Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

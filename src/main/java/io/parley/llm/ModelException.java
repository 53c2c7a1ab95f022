package io.parley.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A model call that produced no complete reply. Adapters map their vendor's errors to a {@link Kind} once; the
 * message is for logs only (never shown to customers) and never holds the provider's own error text or a key.
 */
public class ModelException extends RuntimeException {

    public enum Kind {
        /** Wrong key, model or address (HTTP 401/403/404): retrying will not help; an operator must act. */
        MISCONFIGURED(false),
        /** The provider asked us to slow down (HTTP 429). */
        RATE_LIMITED(true),
        /** The provider failed or could not be reached (HTTP 5xx, connection refused or reset). */
        UNAVAILABLE(true),
        /** No complete reply within the request's timeout. */
        TIMEOUT(true),
        /** The provider answered with something we cannot read, or stopped half-way through a stream. */
        INVALID_RESPONSE(true);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ModelException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public ModelException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retriable() {
        return kind.retriable();
    }

    /** How long the provider asked us to wait (HTTP Retry-After), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

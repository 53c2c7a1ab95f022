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

    /** What exactly is misconfigured, when an adapter can tell (its provider answered 401 or 404, say). */
    public enum Misconfiguration {
        /** The provider refused the key (HTTP 401/403). */
        KEY,
        /** The provider does not know the model, or the address is not its API (HTTP 404). */
        MODEL,
        /** Not a misconfiguration: the provider was not called at all (see {@link #circuitOpen()}). */
        NOT_CALLED
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final Misconfiguration misconfiguration;

    public ModelException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public ModelException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        this(kind, null, message, retryAfter, cause);
    }

    private ModelException(
            Kind kind, Misconfiguration misconfiguration, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.misconfiguration = misconfiguration;
        this.retryAfter = retryAfter;
    }

    /** The provider refused the key (or credentials): {@link Kind#MISCONFIGURED}. */
    public static ModelException badKey(String message) {
        return badKey(message, null);
    }

    /** As {@link #badKey(String)}, with a cause of the adapter's own that holds none of the provider's words. */
    public static ModelException badKey(String message, Throwable cause) {
        return new ModelException(Kind.MISCONFIGURED, Misconfiguration.KEY, message, null, cause);
    }

    /** The provider does not know the model (or the address is wrong): {@link Kind#MISCONFIGURED}. */
    public static ModelException unknownModel(String message) {
        return unknownModel(message, null);
    }

    /** As {@link #unknownModel(String)}, with a cause of the adapter's own that holds none of the provider's words. */
    public static ModelException unknownModel(String message, Throwable cause) {
        return new ModelException(Kind.MISCONFIGURED, Misconfiguration.MODEL, message, null, cause);
    }

    /** The provider was not called because its circuit breaker is open: {@link Kind#UNAVAILABLE}. */
    public static ModelException circuitOpen(String provider) {
        return new ModelException(
                Kind.UNAVAILABLE,
                Misconfiguration.NOT_CALLED,
                "provider '" + provider + "': circuit open, not called",
                null,
                null);
    }

    /** True when the provider was not even called (its circuit breaker is open). */
    public boolean circuitOpen() {
        return misconfiguration == Misconfiguration.NOT_CALLED;
    }

    /** For {@link Kind#MISCONFIGURED}: whether the key or the model is at fault, when the adapter could tell. */
    public Optional<Misconfiguration> misconfiguration() {
        return kind == Kind.MISCONFIGURED ? Optional.ofNullable(misconfiguration) : Optional.empty();
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

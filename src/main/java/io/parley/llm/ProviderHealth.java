package io.parley.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One configured provider's health, shared by every model of it (the operator's and the organizations' own): its
 * circuit breaker and what its calls with the operator's settings said last. State held in this node's memory only:
 * each node opens its own breakers, which is what a breaker is for (it protects this node's callers).
 *
 * <p>Thread-safe.
 */
public final class ProviderHealth {

    /** What {@code /actuator/health} and the console say of a provider. */
    public enum State {
        /** Its last call with the operator's settings answered (or it has not been called yet). */
        UP,
        /** Too many recent calls failed for the provider's sake: it is not called until the breaker lets a probe through. */
        CIRCUIT_OPEN,
        /** Its last call with the operator's settings was refused: the key, the model or the address is wrong. */
        MISCONFIGURED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The state and, in plain words, why. */
    public record Status(State state, String why, @Nullable Instant since) {}

    private final String id;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private volatile @Nullable Misconfigured misconfigured;
    private volatile @Nullable Instant lastAnswerAt;

    private record Misconfigured(String why, Instant at) {}

    ProviderHealth(String id, LlmProperties.Breaker settings, Clock clock) {
        this.id = id;
        this.clock = clock;
        this.breaker = CircuitBreaker.of(
                "llm-" + id,
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(settings.window())
                        .minimumNumberOfCalls(settings.minimumCalls())
                        .failureRateThreshold(settings.failureRate())
                        .waitDurationInOpenState(settings.openFor())
                        .permittedNumberOfCallsInHalfOpenState(settings.probes())
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
    }

    public String id() {
        return id;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    public Status status() {
        if (breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            return new Status(
                    State.CIRCUIT_OPEN,
                    "%.0f%% of its recent calls failed (unreachable, server errors or timeouts); it is not called for a while"
                            .formatted(breaker.getMetrics().getFailureRate()),
                    null);
        }
        Misconfigured refused = misconfigured;
        if (refused != null) {
            return new Status(State.MISCONFIGURED, refused.why(), refused.at());
        }
        Instant answered = lastAnswerAt;
        return new Status(State.UP, answered == null ? "not called yet" : "answering", answered);
    }

    /** A call with the operator's own settings was answered: whatever was misconfigured has been fixed. */
    void answered() {
        misconfigured = null;
        lastAnswerAt = clock.instant();
    }

    /** A call with the operator's own settings was refused as misconfigured. */
    void refused(ModelException failure) {
        misconfigured = new Misconfigured(Plainly.why(failure), clock.instant());
    }
}

package io.parley.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A provider's model behind its circuit breaker: while the breaker is open the provider is not called and the call
 * fails at once (so a fallback answers without waiting on a dead provider). Only failures that are the provider's
 * (unreachable, server errors, timeouts, broken streams) count against it; a refused key or a rate limit are about one
 * caller's settings, and a caller's interrupt is nobody's fault. Every call is counted here, against the provider that
 * was actually called ({@code parley.llm.calls}, {@code parley.llm.failures}). Thread-safe.
 */
final class GuardedLanguageModel implements LanguageModel {

    private final LanguageModel delegate;
    private final ProviderHealth health;
    private final boolean operatorSettings;
    private final MeterRegistry meters;

    /**
     * @param operatorSettings true when the model uses the operator's own key and model, so that its refusals say
     *     something about the provider's configuration (an organization's own key says nothing about it)
     */
    GuardedLanguageModel(
            LanguageModel delegate, ProviderHealth health, boolean operatorSettings, MeterRegistry meters) {
        this.delegate = delegate;
        this.health = health;
        this.operatorSettings = operatorSettings;
        this.meters = meters;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public ModelCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public ModelReply generate(ModelRequest request, DeltaSink sink) {
        CircuitBreaker breaker = health.breaker();
        if (!breaker.tryAcquirePermission()) {
            count("circuit_open");
            throw ModelException.circuitOpen(id());
        }
        long start = breaker.getCurrentTimestamp();
        try {
            ModelReply reply = delegate.generate(request, sink);
            long took = breaker.getCurrentTimestamp() - start;
            breaker.onSuccess(took, breaker.getTimestampUnit());
            if (operatorSettings) {
                health.answered();
            }
            time("answered", took, breaker.getTimestampUnit());
            return reply;
        } catch (ModelException e) {
            long took = breaker.getCurrentTimestamp() - start;
            if (isProvidersFault(e) && !Thread.currentThread().isInterrupted()) {
                breaker.onError(took, breaker.getTimestampUnit(), e);
            } else {
                breaker.releasePermission();
            }
            if (operatorSettings && e.kind() == ModelException.Kind.MISCONFIGURED) {
                health.refused(e);
            }
            time("failed", took, breaker.getTimestampUnit());
            Counter.builder("parley.llm.failures")
                    .description("Model calls that produced no complete reply, by the provider called and kind")
                    .tag("provider", id())
                    .tag("kind", e.kind().name().toLowerCase(Locale.ROOT))
                    .register(meters)
                    .increment();
            throw e;
        } catch (RuntimeException e) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            throw e;
        }
    }

    private static boolean isProvidersFault(ModelException e) {
        return switch (e.kind()) {
            case UNAVAILABLE, TIMEOUT, INVALID_RESPONSE -> true;
            case MISCONFIGURED, RATE_LIMITED -> false;
        };
    }

    private void count(String outcome) {
        Counter.builder("parley.llm.calls.refused")
                .description("Calls not made because the provider's circuit was open")
                .tag("provider", id())
                .tag("reason", outcome)
                .register(meters)
                .increment();
    }

    private void time(String outcome, long took, TimeUnit unit) {
        Timer.builder("parley.llm.calls")
                .description("Model calls by the provider called and how they ended")
                .tag("provider", id())
                .tag("outcome", outcome)
                .register(meters)
                .record(took, unit);
    }
}

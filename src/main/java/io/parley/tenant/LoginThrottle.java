package io.parley.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows down password guessing: after {@code maxFailures} failed sign-ins for one email, or ten times that from one
 * client address, within the window, further attempts are refused until the window since the first failure passes.
 * Kept in memory (per node); a success clears the email's count. Thread-safe.
 */
final class LoginThrottle {

    private record Failures(Instant since, int count) {}

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(window)
                .build();
    }

    /** @throws LoginThrottledException when this email or address has failed too often lately */
    void check(String email, String clientAddress) {
        check("email:" + email, maxFailures);
        check("address:" + clientAddress, maxFailures * 10);
    }

    void failed(String email, String clientAddress) {
        record("email:" + email);
        record("address:" + clientAddress);
    }

    void succeeded(String email) {
        failures.invalidate("email:" + email);
    }

    private void check(String key, int limit) {
        Failures seen = failures.getIfPresent(key);
        if (seen != null && seen.count() >= limit) {
            Duration left = Duration.between(clock.instant(), seen.since().plus(window));
            if (left.isPositive()) {
                throw new LoginThrottledException(left);
            }
            failures.invalidate(key);
        }
    }

    private void record(String key) {
        Instant now = clock.instant();
        failures.asMap()
                .merge(
                        key,
                        new Failures(now, 1),
                        (old, one) -> old.since().plus(window).isBefore(now)
                                ? one
                                : new Failures(old.since(), old.count() + 1));
    }
}

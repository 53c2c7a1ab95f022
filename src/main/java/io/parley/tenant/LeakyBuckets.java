package io.parley.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One leaky bucket per key (the generic cell rate algorithm): up to {@code burst} events at once, then one more per
 * {@code every}. Each key costs one {@link Instant}; at most {@code maxKeys} are kept, and a key is forgotten once its
 * bucket has drained. Taking from a bucket is atomic, so parallel callers never get more than the burst between them.
 * Thread-safe; in memory on this node only.
 */
final class LeakyBuckets {

    private final int burst;
    private final Duration every;
    private final Clock clock;
    private final Cache<String, Instant> full;

    LeakyBuckets(int burst, Duration every, int maxKeys, Clock clock) {
        if (burst < 1 || !every.isPositive()) {
            throw new IllegalArgumentException("A bucket needs a burst of at least 1 and a positive rate");
        }
        this.burst = burst;
        this.every = every;
        this.clock = clock;
        // A bucket is empty again at most burst × every after it was last filled.
        this.full = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterWrite(every.multipliedBy(burst))
                .build();
    }

    /** Takes one event from the key's budget; empty when it was taken, or how long to wait when the budget is spent. */
    Optional<Duration> take(String key) {
        Instant now = clock.instant();
        Duration[] wait = {null};
        full.asMap().compute(key, (k, drainedAt) -> {
            Instant from = drainedAt == null || drainedAt.isBefore(now) ? now : drainedAt;
            Instant next = from.plus(every);
            Duration over = Duration.between(now, next).minus(every.multipliedBy(burst));
            if (over.isPositive()) {
                wait[0] = over;
                return drainedAt;
            }
            return next;
        });
        return Optional.ofNullable(wait[0]);
    }

    /** Adds one event whatever the budget says, up to a full bucket (for counting, not refusing). */
    void add(String key) {
        Instant now = clock.instant();
        Instant cap = now.plus(every.multipliedBy(burst));
        full.asMap().merge(key, now.plus(every), (drainedAt, one) -> {
            Instant next = (drainedAt.isBefore(now) ? now : drainedAt).plus(every);
            return next.isAfter(cap) ? cap : next;
        });
    }

    /** Gives one event back, for one that turned out not to count (a success, or work refused for other reasons). */
    void giveBack(String key) {
        full.asMap().computeIfPresent(key, (k, drainedAt) -> drainedAt.minus(every));
    }

    /** How many events the key's bucket holds now (0 to about {@code burst}). */
    int level(String key) {
        Instant drainedAt = full.getIfPresent(key);
        if (drainedAt == null) {
            return 0;
        }
        Duration left = Duration.between(clock.instant(), drainedAt);
        return left.isPositive() ? (int) ((left.toNanos() + every.toNanos() - 1) / every.toNanos()) : 0;
    }
}

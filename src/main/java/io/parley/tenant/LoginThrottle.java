package io.parley.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows password guessing down without letting anyone lock a member out. Thread-safe.
 *
 * <ul>
 *   <li><b>Per email and address.</b> One address gets {@link SignInLimits#freeFailures()} failed tries at one email;
 *       after that each try waits {@link SignInLimits#firstDelay()}, doubling with each failure up to
 *       {@link SignInLimits#maxDelay()}. A success from that address clears them.
 *   <li><b>Per address.</b> One address gets {@link SignInLimits#failuresPerAddress()} failures across all emails at
 *       once, then one more per {@link SignInLimits#addressDrain()}: spraying one password over many emails.
 *   <li><b>Per email, across addresses.</b> Failures from everywhere only mark the email as under attack (more than
 *       {@link SignInLimits#attackAfter()} lately); then each address gets only
 *       {@link SignInLimits#freeFailuresUnderAttack()} free failures. Never a wait for an address that has not failed:
 *       strangers elsewhere cannot keep the member out.
 * </ul>
 *
 * A try is counted when it is let through, before the password is checked, so parallel tries never get more than the
 * budget checked between them; {@link Attempt#succeeded()} or {@link Attempt#abandoned()} takes it back.
 *
 * <p>Kept in memory on this node, bounded to 100,000 entries per kind. With several nodes behind a balancer each
 * keeps its own counts, so a guesser gets up to one budget per node; sharing them would need the store or Redis.
 */
final class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    /** Tries let through for one email from one address since its last success, and when the last one began. */
    private record Tries(int count, Instant last) {}

    private final SignInLimits limits;
    private final Clock clock;
    private final Cache<String, Tries> pairs;
    private final LeakyBuckets addresses;
    private final LeakyBuckets accounts;

    LoginThrottle(SignInLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.pairs = Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterWrite(limits.forgetAfter())
                .build();
        this.addresses = new LeakyBuckets(limits.failuresPerAddress(), limits.addressDrain(), MAX_KEYS, clock);
        this.accounts = new LeakyBuckets(limits.attackAfter(), limits.accountDrain(), MAX_KEYS, clock);
    }

    /** A try let through the throttle; exactly one of its methods is called once the password has been checked. */
    final class Attempt {
        private final String email;
        private final String address;

        private Attempt(String email, String address) {
            this.email = email;
            this.address = address;
        }

        /** The password was right: this address's failures at this email are forgotten. */
        void succeeded() {
            pairs.invalidate(pair(email, address));
            addresses.giveBack(address);
            accounts.giveBack(email);
        }

        /** The password was wrong: the try stays counted. */
        void failed() {}

        /** The password could not be checked (the server was busy): the try is not counted. */
        void abandoned() {
            pairs.asMap()
                    .computeIfPresent(
                            pair(email, address),
                            (key, tries) -> tries.count() <= 1 ? null : new Tries(tries.count() - 1, tries.last()));
            addresses.giveBack(address);
            accounts.giveBack(email);
        }
    }

    /**
     * Lets one try for this email from this address through, or refuses it without counting it.
     *
     * @param email normalized
     * @throws LoginThrottledException when this address must wait before trying this email (or any email) again
     */
    Attempt begin(String email, String address) {
        Optional<Duration> addressWait = addresses.take(address);
        if (addressWait.isPresent()) {
            throw new LoginThrottledException(addressWait.get());
        }
        int free = accounts.level(email) >= limits.attackAfter()
                ? limits.freeFailuresUnderAttack()
                : limits.freeFailures();
        Instant now = clock.instant();
        Duration[] wait = {null};
        pairs.asMap().compute(pair(email, address), (key, tries) -> {
            if (tries == null) {
                return new Tries(1, now);
            }
            Duration left = Duration.between(now, tries.last().plus(delayAfter(tries.count(), free)));
            if (left.isPositive()) {
                wait[0] = left;
                return tries;
            }
            return new Tries(tries.count() + 1, now);
        });
        if (wait[0] != null) {
            addresses.giveBack(address);
            throw new LoginThrottledException(wait[0]);
        }
        accounts.add(email);
        return new Attempt(email, address);
    }

    /** How long after the last of {@code failures} failed tries the next one may begin. */
    Duration delayAfter(int failures, int free) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - free, 30);
        Duration delay = limits.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }

    private static String pair(String email, String address) {
        return email + '\n' + address;
    }
}

package io.parley.tenant;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard guessing passwords and probing emails is made; the policy is {@link LoginThrottle}'s.
 *
 * @param freeFailures failed sign-ins one address may make for one email before each further try has to wait
 * @param freeFailuresUnderAttack the same while the email is under attack (see {@code attackAfter})
 * @param firstDelay the wait after the last free failure; it doubles with each further failure
 * @param maxDelay the longest wait, however many failures
 * @param forgetAfter failures of one address for one email are forgotten this long after the last one
 * @param failuresPerAddress failed sign-ins one address may make across all emails at once
 * @param addressDrain one more failure is allowed per address after each such period
 * @param attackAfter failures across all addresses for one email after which it is under attack
 * @param accountDrain one such failure is forgotten after each such period
 * @param signUpsPerAddress sign-ups one address may make at once
 * @param signUpDrain one more sign-up is allowed per address after each such period
 */
@ConfigurationProperties("parley.security.sign-in")
record SignInLimits(
        @DefaultValue("5") int freeFailures,
        @DefaultValue("1") int freeFailuresUnderAttack,
        @DefaultValue("5s") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("24h") Duration forgetAfter,
        @DefaultValue("50") int failuresPerAddress,
        @DefaultValue("1m") Duration addressDrain,
        @DefaultValue("10") int attackAfter,
        @DefaultValue("6m") Duration accountDrain,
        @DefaultValue("10") int signUpsPerAddress,
        @DefaultValue("6m") Duration signUpDrain) {

    SignInLimits {
        if (freeFailures < 1 || freeFailuresUnderAttack < 1 || freeFailuresUnderAttack > freeFailures) {
            throw new IllegalArgumentException(
                    "parley.security.sign-in: free-failures and free-failures-under-attack must be at least 1,"
                            + " and the second at most the first");
        }
        if (!firstDelay.isPositive() || maxDelay.compareTo(firstDelay) < 0 || !forgetAfter.isPositive()) {
            throw new IllegalArgumentException(
                    "parley.security.sign-in: first-delay must be positive, max-delay at least first-delay");
        }
        if (failuresPerAddress < 1 || attackAfter < 1 || signUpsPerAddress < 1) {
            throw new IllegalArgumentException("parley.security.sign-in: every budget must be at least 1");
        }
    }

    /** The defaults, for code and tests that build a throttle without Spring. */
    static SignInLimits defaults() {
        return new SignInLimits(
                5,
                1,
                Duration.ofSeconds(5),
                Duration.ofMinutes(15),
                Duration.ofHours(24),
                50,
                Duration.ofMinutes(1),
                10,
                Duration.ofMinutes(6),
                10,
                Duration.ofMinutes(6));
    }
}

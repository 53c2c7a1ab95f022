package io.parley.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Argon2id's cost for new password hashes (existing hashes are checked with the cost they were made with) and how
 * many may run at once.
 *
 * @param memoryKib memory per hash in KiB; OWASP's minimum for Argon2id is 19 MiB (19456) with 2 iterations
 * @param iterations passes over that memory
 * @param parallelism lanes per hash
 * @param maxConcurrent hashes computed at once on this node, each on a platform thread of its own holding
 *     {@code memoryKib} of heap while it runs
 * @param maxWait how long a request waits for a free slot before it is answered 503
 */
@ConfigurationProperties("parley.security.password-hashing")
public record PasswordHashingProperties(
        @DefaultValue("19456") int memoryKib,
        @DefaultValue("2") int iterations,
        @DefaultValue("1") int parallelism,
        @DefaultValue("2") int maxConcurrent,
        @DefaultValue("2s") Duration maxWait) {

    public PasswordHashingProperties {
        if (memoryKib < 19_456 || iterations < 2 || parallelism < 1) {
            throw new IllegalArgumentException(
                    "parley.security.password-hashing: Argon2id needs at least 19456 KiB and 2 iterations (OWASP)");
        }
        if (maxConcurrent < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException(
                    "parley.security.password-hashing: max-concurrent must be at least 1, max-wait not negative");
        }
    }
}

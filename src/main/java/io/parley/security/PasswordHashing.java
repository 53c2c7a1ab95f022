package io.parley.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Members' passwords hashed with Argon2id at {@link PasswordHashingProperties}' cost, at most
 * {@code maxConcurrent} at a time: each hash holds its memory (19 MiB by default) while it runs, so a burst of sign-ins
 * waits for a slot instead of filling the heap. A caller that waited {@code maxWait} in vain gets
 * {@link PasswordHashingBusyException}. Hashes made with other Argon2 parameters keep verifying (they carry their
 * own), and {@link #upgradeEncoding(String)} says when one is cheaper than today's.
 *
 * <p>Hashes run on {@code maxConcurrent} platform threads of their own, not on the request's thread: requests run on
 * virtual threads, whose few carriers a CPU-bound hash would otherwise hold, stalling every other request of the node
 * (chat included) during a burst of sign-ins. A request waits for its hash without holding a carrier.
 *
 * <p>Counts hashes in {@code parley.passwords.hashes} (tag {@code operation}: {@code encode}, {@code verify}) and
 * refusals in {@code parley.passwords.busy}. Thread-safe.
 */
public final class PasswordHashing implements PasswordEncoder, AutoCloseable {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final PasswordEncoder argon2;
    private final Semaphore slots;
    private final ExecutorService hashers;
    private final Duration maxWait;
    private final Counter encoded;
    private final Counter verified;
    private final Counter busy;

    public PasswordHashing(PasswordHashingProperties settings, MeterRegistry meters) {
        this(
                new Argon2PasswordEncoder(
                        SALT_BYTES, HASH_BYTES, settings.parallelism(), settings.memoryKib(), settings.iterations()),
                settings.maxConcurrent(),
                settings.maxWait(),
                meters);
    }

    PasswordHashing(PasswordEncoder argon2, int maxConcurrent, Duration maxWait, MeterRegistry meters) {
        this.argon2 = argon2;
        this.slots = new Semaphore(maxConcurrent, true);
        this.hashers = Executors.newFixedThreadPool(
                maxConcurrent,
                Thread.ofPlatform().name("password-hashing-", 1).daemon().factory());
        this.maxWait = maxWait;
        this.encoded = Counter.builder("parley.passwords.hashes")
                .tag("operation", "encode")
                .description("Argon2id hashes computed for new passwords")
                .register(meters);
        this.verified = Counter.builder("parley.passwords.hashes")
                .tag("operation", "verify")
                .description("Argon2id hashes computed to check a password")
                .register(meters);
        this.busy = Counter.builder("parley.passwords.busy")
                .description("Password checks refused because every hashing slot stayed taken")
                .register(meters);
    }

    /** @throws PasswordHashingBusyException when no slot came free in time */
    @Override
    public String encode(CharSequence password) {
        return hash(() -> {
            encoded.increment();
            return argon2.encode(password);
        });
    }

    /** @throws PasswordHashingBusyException when no slot came free in time */
    @Override
    public boolean matches(CharSequence password, String hash) {
        return hash(() -> {
            verified.increment();
            return argon2.matches(password, hash);
        });
    }

    /** Whether the hash was made with less memory or fewer iterations than new ones get; costs no hashing. */
    @Override
    public boolean upgradeEncoding(String hash) {
        try {
            return argon2.upgradeEncoding(hash);
        } catch (IllegalArgumentException e) {
            return false; // not an Argon2 hash: nothing to compare
        }
    }

    /** Stops the hashing threads (the application is closing). */
    @Override
    public void close() {
        hashers.shutdownNow();
    }

    private <T> T hash(Supplier<T> work) {
        acquire();
        try {
            return CompletableFuture.supplyAsync(work, hashers).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            busy.increment();
            throw new PasswordHashingBusyException(Duration.ofSeconds(1));
        }
    }
}

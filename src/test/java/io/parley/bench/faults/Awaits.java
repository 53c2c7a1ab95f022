package io.parley.bench.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition, never for a fixed time. */
final class Awaits {

    private static final long POLL_MILLIS = 20;

    private Awaits() {}

    /** Waits until {@code condition} holds; throws when it does not within {@code limit}. */
    static void until(BooleanSupplier condition, Duration limit, String failure) throws InterruptedException {
        if (!within(condition, limit)) {
            throw new IllegalStateException(failure + " within " + limit.toMillis() + " ms");
        }
    }

    /** Waits until {@code condition} holds; false when it does not within {@code limit}. */
    static boolean within(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}

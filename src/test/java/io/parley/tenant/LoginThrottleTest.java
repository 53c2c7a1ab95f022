package io.parley.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String ADA = "ada@example.com";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(SignInLimits.defaults(), clock);

    @Test
    void letsFiveFailuresThroughThenWaitsFiveSecondsDoublingUpToFifteenMinutes() {
        failTimes(ADA, "10.0.0.1", 5);

        assertThat(waitFor(ADA, "10.0.0.1")).isEqualTo(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        throttle.begin(ADA, "10.0.0.1").failed();
        assertThat(waitFor(ADA, "10.0.0.1")).isEqualTo(Duration.ofSeconds(10));
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(15));
            throttle.begin(ADA, "10.0.0.1").failed();
        }
        assertThat(waitFor(ADA, "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aStrangersFailuresNeverMakeTheOwnerWaitAtTheirAddress() {
        int checked = 0;
        for (int address = 1; address <= 30; address++) {
            for (int i = 0; i < 5; i++) {
                try {
                    throttle.begin(ADA, "203.0.113." + address).failed();
                    checked++;
                } catch (LoginThrottledException expected) {
                    // a stranger waits
                }
            }
        }

        assertThat(checked)
                .as("5 tries each until the email is under attack, then 1")
                .isEqualTo(2 * 5 + 28);
        assertThatCode(() -> throttle.begin(ADA, "198.51.100.7").succeeded()).doesNotThrowAnyException();
    }

    @Test
    void underAttackAnAddressGetsOneFreeFailureInsteadOfFive() {
        for (int address = 1; address <= 10; address++) {
            failTimes(ADA, "203.0.113." + address, 1);
        }

        throttle.begin(ADA, "198.51.100.7").failed();

        assertThat(waitFor(ADA, "198.51.100.7")).isEqualTo(Duration.ofSeconds(5));
        assertThatCode(() -> throttle.begin("grace@example.com", "198.51.100.7"))
                .doesNotThrowAnyException();
    }

    @Test
    void forgetsAnAddresssFailuresAtAnEmailAfterASuccessFromIt() {
        failTimes(ADA, "10.0.0.1", 4);
        throttle.begin(ADA, "10.0.0.1").succeeded();
        failTimes(ADA, "10.0.0.1", 4);

        assertThatCode(() -> throttle.begin(ADA, "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void slowsAnAddressThatGuessesAcrossManyEmailsToOneAMinute() {
        for (int i = 0; i < 50; i++) {
            throttle.begin("user" + i + "@example.com", "10.0.0.9").failed();
        }

        assertThat(waitFor("someone-new@example.com", "10.0.0.9")).isEqualTo(Duration.ofMinutes(1));
        assertThatCode(() -> throttle.begin("someone-new@example.com", "10.0.0.10"))
                .doesNotThrowAnyException();
        clock.advance(Duration.ofMinutes(1));
        throttle.begin("someone-new@example.com", "10.0.0.9").failed();
        assertThat(waitFor("someone-else@example.com", "10.0.0.9")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aTryThatCouldNotBeCheckedIsNotCounted() {
        failTimes(ADA, "10.0.0.1", 4);
        throttle.begin(ADA, "10.0.0.1").abandoned();

        assertThatCode(() -> throttle.begin(ADA, "10.0.0.1").failed()).doesNotThrowAnyException();
        assertThat(waitFor(ADA, "10.0.0.1")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void parallelTriesGetNoMoreThanTheBudgetBetweenThem() throws Exception {
        int tries = 200;
        AtomicInteger letThrough = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < tries; i++) {
                done.add(threads.submit(() -> {
                    start.await();
                    try {
                        throttle.begin(ADA, "10.0.0.1").failed();
                        letThrough.incrementAndGet();
                    } catch (LoginThrottledException expected) {
                        // refused before the password would be checked
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        }

        assertThat(letThrough).hasValue(5);
    }

    private void failTimes(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.begin(email, address).failed();
        }
    }

    private Duration waitFor(String email, String address) {
        try {
            throttle.begin(email, address).abandoned();
            return Duration.ZERO;
        } catch (LoginThrottledException e) {
            return e.retryAfter();
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package io.parley.tenant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void refusesAnEmailAfterTooManyFailuresUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            throttle.check("ada@example.com", "10.0.0.1");
            throttle.failed("ada@example.com", "10.0.0.1");
        }

        assertThatThrownBy(() -> throttle.check("ada@example.com", "10.0.0.2"))
                .isInstanceOfSatisfying(
                        LoginThrottledException.class, e -> org.assertj.core.api.Assertions.assertThat(e.retryAfter())
                                .isEqualTo(Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThatCode(() -> throttle.check("ada@example.com", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void forgetsFailuresAfterASuccess() {
        throttle.failed("ada@example.com", "10.0.0.1");
        throttle.failed("ada@example.com", "10.0.0.1");
        throttle.succeeded("ada@example.com");
        throttle.failed("ada@example.com", "10.0.0.1");

        assertThatCode(() -> throttle.check("ada@example.com", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void refusesAnAddressThatGuessesAcrossManyEmails() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("user" + i + "@example.com", "10.0.0.9");
        }

        assertThatThrownBy(() -> throttle.check("someone-new@example.com", "10.0.0.9"))
                .isInstanceOf(LoginThrottledException.class);
        assertThatCode(() -> throttle.check("someone-new@example.com", "10.0.0.10"))
                .doesNotThrowAnyException();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-01T10:00:00Z");

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

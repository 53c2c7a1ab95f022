package io.parley.llm.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorResponsesTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsTheRetryDelayOfGooglesRetryInfo() {
        assertThat(ErrorResponses.protoDuration("37s")).contains(Duration.ofSeconds(37));
        assertThat(ErrorResponses.protoDuration("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(ErrorResponses.protoDuration("0.000000001s")).contains(Duration.ofNanos(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "37", "-1s", "1m", "soon", "1.5.5s", "9999999999s"})
    void ignoresARetryDelayItCannotRead(String value) {
        assertThat(ErrorResponses.protoDuration(value)).isEmpty();
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(ErrorResponses.retryAfterHeader("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(ErrorResponses.retryAfterHeader("Mon, 30 Nov 2026 12:00:30 GMT", NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(ErrorResponses.retryAfterHeader("Mon, 30 Nov 2026 11:00:00 GMT", NOW))
                .contains(Duration.ZERO);
        assertThat(ErrorResponses.retryAfterHeader("later", NOW)).isEmpty();
    }
}

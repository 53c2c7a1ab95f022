package io.parley.llm.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorResponsesTest {

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
}

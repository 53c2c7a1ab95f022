package io.parley.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ModelException.Kind;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void mapsEachStatusOnce() {
        assertThat(kindOf(400)).isEqualTo(Kind.MISCONFIGURED);
        assertThat(kindOf(401)).isEqualTo(Kind.MISCONFIGURED);
        assertThat(kindOf(403)).isEqualTo(Kind.MISCONFIGURED);
        assertThat(kindOf(404)).isEqualTo(Kind.MISCONFIGURED);
        assertThat(kindOf(408)).isEqualTo(Kind.TIMEOUT);
        assertThat(kindOf(429)).isEqualTo(Kind.RATE_LIMITED);
        assertThat(kindOf(500)).isEqualTo(Kind.UNAVAILABLE);
        assertThat(kindOf(503)).isEqualTo(Kind.UNAVAILABLE);
        assertThat(kindOf(302)).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void keepsTheRetryAfterOfAnUnavailableServer() {
        var headers = HttpHeaders.of(Map.of("Retry-After", List.of("3")), (name, value) -> true);

        assertThat(HttpFailures.forStatus("p", 503, headers, CLOCK).retryAfter())
                .contains(Duration.ofSeconds(3));
    }

    private static Kind kindOf(int status) {
        return HttpFailures.forStatus("p", status, HttpHeaders.of(Map.of(), (name, value) -> true), CLOCK)
                .kind();
    }
}

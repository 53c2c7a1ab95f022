package io.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class MetricsAccessFilterTest {

    private final ProblemWriter problems =
            new ProblemWriter(JsonMapper.builder().build());

    @Test
    void servesMetricsToNobodyWhenNoTokenIsConfigured() throws Exception {
        MetricsAccessFilter off = new MetricsAccessFilter(new ManagementProperties(" "), problems);
        for (String remote : new String[] {"127.0.0.1", "::1", "203.0.113.5"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
            request.setServletPath("/actuator/prometheus");
            request.setRemoteAddr(remote);
            request.addHeader("Authorization", "Bearer ");
            MockHttpServletResponse response = new MockHttpServletResponse();
            AtomicBoolean passed = new AtomicBoolean();

            off.doFilter(request, response, (r, s) -> passed.set(true));

            assertThat(passed).isFalse();
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(response.getContentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void leavesHealthAlone() throws Exception {
        MetricsAccessFilter off = new MetricsAccessFilter(new ManagementProperties(null), problems);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        request.setServletPath("/actuator/health");
        AtomicBoolean passed = new AtomicBoolean();

        off.doFilter(request, new MockHttpServletResponse(), (r, s) -> passed.set(true));

        assertThat(passed).isTrue();
    }
}

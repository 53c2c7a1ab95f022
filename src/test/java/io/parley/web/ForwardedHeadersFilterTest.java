package io.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ForwardedHeadersFilterTest {

    private final ForwardedHeadersFilter filter =
            new ForwardedHeadersFilter(new TrustedProxiesProperties(List.of("10.0.0.0/8", "::1/128")));

    @Test
    void ignoresForwardedHeadersFromAPeerThatIsNotATrustedProxy() throws Exception {
        for (String peer : new String[] {"192.168.1.20", "127.0.0.1", "203.0.113.9"}) {
            HttpServletRequest seen = pass(peer, "198.51.100.1", "https");

            assertThat(seen.getRemoteAddr()).isEqualTo(peer);
            assertThat(seen.getScheme()).isEqualTo("http");
        }
    }

    @Test
    void takesTheRightmostAddressThatIsNotATrustedProxyFromATrustedOne() throws Exception {
        HttpServletRequest seen = pass("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.9.9.9", "https");

        assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.1");
        assertThat(seen.getScheme()).isEqualTo("https");
        assertThat(seen.isSecure()).isTrue();
        assertThat(seen.getRequestURL().toString()).isEqualTo("https://localhost/api/v1/x");
        assertThat(pass("::1", "2001:db8::7", null).getRemoteAddr()).isEqualTo("2001:db8::7");
    }

    @Test
    void keepsThePeerWhenTheHeaderHoldsNoAddress() throws Exception {
        assertThat(pass("10.1.2.3", "example.com", null).getRemoteAddr()).isEqualTo("10.1.2.3");
    }

    @Test
    void refusesATrustedProxyThatIsAHostName() {
        assertThatThrownBy(() -> new ForwardedHeadersFilter(new TrustedProxiesProperties(List.of("proxy.internal"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trusted-proxies");
    }

    @Test
    void trustsNoOneByDefault() throws Exception {
        ForwardedHeadersFilter none = new ForwardedHeadersFilter(new TrustedProxiesProperties(List.of()));
        MockHttpServletRequest request = request("10.1.2.3", "198.51.100.1", null);
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();

        none.doFilter(request, new MockHttpServletResponse(), (r, s) -> seen.set((HttpServletRequest) r));

        assertThat(seen.get().getRemoteAddr()).isEqualTo("10.1.2.3");
    }

    private HttpServletRequest pass(String peer, String forwardedFor, String proto) throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        filter.doFilter(
                request(peer, forwardedFor, proto),
                new MockHttpServletResponse(),
                (r, s) -> seen.set((HttpServletRequest) r));
        return seen.get();
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor, String proto) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/x");
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-For", forwardedFor);
        if (proto != null) {
            request.addHeader("X-Forwarded-Proto", proto);
        }
        return request;
    }
}

package io.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} answers only a request bearing {@code parley.management.metrics-token}; with no token
 * configured it answers no one. The other actuator endpoints ({@code /actuator/health}) stay public.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class MetricsAccessFilter extends OncePerRequestFilter {

    private static final String METRICS = "/actuator/prometheus";

    private final byte[] token;
    private final ProblemWriter problems;

    MetricsAccessFilter(ManagementProperties properties, ProblemWriter problems) {
        this.token = properties.metricsToken() == null
                ? null
                : properties.metricsToken().getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The decoded, normalized path, as the actuator matches it (getRequestURI keeps %-escapes and ;params).
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !(path.equals(METRICS) || path.startsWith(METRICS + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token == null) {
            problems.write(request, response, ProblemType.NOT_FOUND, "Metrics are not served by this server.");
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        byte[] offered = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(token, offered)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(
                    request,
                    response,
                    ProblemType.UNAUTHORIZED,
                    "Send the metrics token (parley.management.metrics-token) as a bearer token.");
            return;
        }
        chain.doFilter(request, response);
    }
}

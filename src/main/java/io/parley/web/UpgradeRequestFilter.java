package io.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A WebSocket upgrade whose address or {@code Origin} cannot be parsed is refused here, as a problem, before Spring's
 * handshake meets it and fails with a 500 and a stack trace. An origin that parses but is not allowed is the chat's
 * own business (an error frame after the upgrade).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class UpgradeRequestFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    UpgradeRequestFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (!parses(request.getRequestURL() + (query == null ? "" : "?" + query))) {
            problems.write(request, response, ProblemType.MALFORMED_REQUEST, "The chat address is not a valid URL.");
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origin.equals("null") && !parses(origin)) {
            problems.write(request, response, ProblemType.ORIGIN_NOT_ALLOWED, "The Origin header is not a web origin.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean parses(String text) {
        try {
            new URI(text);
            UriComponentsBuilder.fromUriString(text).build();
            return true;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false; // Spring's InvalidUrlException is an IllegalArgumentException
        }
    }
}

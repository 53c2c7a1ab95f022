package io.parley.console;

import io.parley.security.AccessTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates console requests with the access token in the {@link SessionCookie}, verified by
 * {@link AccessTokens#decoder()}. A missing, expired or forged token leaves the request anonymous (and clears the
 * cookie), so public pages still work and protected ones send the browser to sign in.
 *
 * <p>Deliberately not Spring Security's {@code oauth2ResourceServer()}: that configurer exempts every request carrying
 * a bearer token from CSRF protection, which is right for an API and wrong for a cookie that the browser sends by
 * itself.
 */
final class SessionAuthenticationFilter extends OncePerRequestFilter {

    private final SessionCookie cookie;
    private final JwtDecoder decoder;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionAuthenticationFilter(SessionCookie cookie, JwtDecoder decoder) {
        this.cookie = cookie;
        this.decoder = decoder;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = cookie.resolve(request);
        if (token != null) {
            try {
                Jwt jwt = decoder.decode(token);
                String role = jwt.getClaimAsString(AccessTokens.ROLE_CLAIM);
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(
                        new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
                contexts.setContext(context);
            } catch (JwtException e) {
                cookie.clear(request, response);
            }
        }
        chain.doFilter(request, response);
    }
}

package io.parley.console;

import io.parley.security.AccessTokens;
import io.parley.web.MemberAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates console requests with the access token in the {@link SessionCookie}, verified by
 * {@link AccessTokens#decoder()}, with the member's current role ({@link MemberAccess}). A missing, expired or forged
 * token, or one of a removed member, leaves the request anonymous (and clears the cookie), so public pages still work
 * and protected ones send the browser to sign in.
 *
 * <p>Deliberately not Spring Security's {@code oauth2ResourceServer()}: that configurer exempts every request carrying
 * a bearer token from CSRF protection, which is right for an API and wrong for a cookie that the browser sends by
 * itself.
 */
final class SessionAuthenticationFilter extends OncePerRequestFilter {

    private final SessionCookie cookie;
    private final JwtDecoder decoder;
    private final MemberAccess members;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionAuthenticationFilter(SessionCookie cookie, JwtDecoder decoder, MemberAccess members) {
        this.cookie = cookie;
        this.decoder = decoder;
        this.members = members;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = cookie.resolve(request);
        if (token != null) {
            try {
                Jwt jwt = decoder.decode(token);
                SecurityContext context = contexts.createEmptyContext();
                // With the member's current role; a removed member's token is refused like an expired one.
                context.setAuthentication(members.authenticate(jwt));
                contexts.setContext(context);
            } catch (JwtException | AuthenticationException e) {
                cookie.clear(request, response);
            }
        }
        chain.doFilter(request, response);
    }
}

package io.parley.console;

import io.parley.security.AccessTokens;
import io.parley.tenant.Member;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The console's sign-in: the member's access token (the same one the admin API issues) in an HttpOnly, SameSite=Lax
 * cookie scoped to {@value #PATH}, Secure when the request came over https. Nothing about the session lives on the
 * server but, once it is signed out, its token's id (see {@code Members#revokeToken}).
 */
final class SessionCookie {

    static final String NAME = "parley_console";
    static final String PATH = "/console";
    /** The console's CSRF token cookie, started afresh whenever a member signs in or out. */
    static final String CSRF_NAME = "parley_console_csrf";

    /**
     * The token in the request's cookie, or null when there is none. (Deliberately not a Spring Security
     * BearerTokenResolver bean: the resource server would adopt it for the admin API, which takes header tokens only.)
     */
    String resolve(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Signs the browser in as the member, with an access token as the admin API issues it, for as long as it lives. */
    void signIn(AccessTokens tokens, Member member, HttpServletRequest request, HttpServletResponse response) {
        AccessTokens.IssuedToken token = tokens.issue(
                member.id().value(),
                member.organization().value(),
                member.role().name(),
                member.tokenGeneration());
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(request, NAME, token.value(), token.expiresIn()).toString());
        dropCsrfToken(request, response);
    }

    /** Forgets a token that no longer verifies. */
    void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, NAME, "", Duration.ZERO).toString());
    }

    /** Signs the browser out. */
    void signOut(HttpServletRequest request, HttpServletResponse response) {
        clear(request, response);
        dropCsrfToken(request, response);
    }

    /** A new CSRF token is issued with the next page, so none outlives the sign-in it was used with. */
    private static void dropCsrfToken(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(request, CSRF_NAME, "", Duration.ZERO).toString());
    }

    private static ResponseCookie cookie(HttpServletRequest request, String name, String value, Duration lifetime) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path(PATH)
                .maxAge(lifetime)
                .build();
    }
}

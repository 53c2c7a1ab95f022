package io.parley.console;

import io.parley.security.SecretBox;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a sign-in through the OpenID Connect issuer between the redirect to the issuer and its return: the request's
 * state, nonce and PKCE verifier, sealed with the server's encryption key ({@link SecretBox}) in an HttpOnly cookie
 * scoped to the return path, for {@link #LIFETIME}. No HTTP session is kept, so the return may reach any node.
 * SameSite=Lax: the issuer's redirect back is a top-level navigation, which carries it.
 */
final class SealedAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String NAME = "parley_oidc";
    static final String PATH = "/login/oauth2/code";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the cookie holds. */
    record Pending(
            String authorizationUri,
            String clientId,
            String redirectUri,
            Set<String> scopes,
            String state,
            Map<String, String> additionalParameters,
            Map<String, String> attributes,
            String authorizationRequestUri,
            Instant startedAt) {}

    private final SecretBox box;
    private final Clock clock;

    SealedAuthorizationRequests(SecretBox box, Clock clock) {
        this.box = box;
        this.clock = clock;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String value = cookie(request);
        if (value == null) {
            return null;
        }
        Pending pending;
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            pending = JSON.readValue(box.open(sealed), Pending.class);
        } catch (IllegalArgumentException | IllegalStateException | JacksonException e) {
            return null;
        }
        if (pending.startedAt() == null
                || clock.instant().isAfter(pending.startedAt().plus(LIFETIME))) {
            return null;
        }
        String state = request.getParameter("state");
        if (state == null || !state.equals(pending.state())) {
            return null;
        }
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(pending.authorizationUri())
                .clientId(pending.clientId())
                .redirectUri(pending.redirectUri())
                .scopes(pending.scopes())
                .state(pending.state())
                .additionalParameters(Map.copyOf(pending.additionalParameters()))
                .attributes(attributes -> attributes.putAll(pending.attributes()))
                .authorizationRequestUri(pending.authorizationRequestUri())
                .build();
    }

    @Override
    public void saveAuthorizationRequest(
            OAuth2AuthorizationRequest authorization, HttpServletRequest request, HttpServletResponse response) {
        if (authorization == null) {
            clear(request, response);
            return;
        }
        Pending pending = new Pending(
                authorization.getAuthorizationUri(),
                authorization.getClientId(),
                authorization.getRedirectUri(),
                authorization.getScopes(),
                authorization.getState(),
                strings(authorization.getAdditionalParameters()),
                strings(authorization.getAttributes()),
                authorization.getAuthorizationRequestUri(),
                clock.instant());
        String sealed = box.seal(JSON.writeValueAsString(pending));
        String value =
                Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.US_ASCII));
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, value, LIFETIME).toString());
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(
            HttpServletRequest request, HttpServletResponse response) {
        OAuth2AuthorizationRequest loaded = loadAuthorizationRequest(request);
        clear(request, response);
        return loaded;
    }

    private static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
    }

    private static Map<String, String> strings(Map<String, Object> values) {
        Map<String, String> strings = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                strings.put(key, value.toString());
            }
        });
        return strings;
    }

    private static String cookie(HttpServletRequest request) {
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

    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration lifetime) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path(PATH)
                .maxAge(lifetime)
                .build();
    }
}

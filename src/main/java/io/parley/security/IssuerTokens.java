package io.parley.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Verifies access tokens of the configured OpenID Connect issuer ({@link OidcProperties}) for the admin API: the
 * signature against the issuer's published keys (JWKS, found through its discovery document on first use and
 * refreshed when a new key id appears), {@code iss}, expiry (60 seconds of clock skew), a subject, and that the token
 * is meant for Parley: {@code aud} contains {@link OidcProperties#apiAudience()}, or its {@code client_id} equals it (Amazon
 * Cognito's access tokens carry no {@code aud}). A token that says it is an ID token
 * ({@code token_use: id}, Cognito) is refused. Thread-safe.
 */
public final class IssuerTokens {

    private final String issuer;
    private final JwtDecoder decoder;

    public IssuerTokens(OidcProperties settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("no OpenID Connect issuer is configured");
        }
        this.issuer = settings.issuerUri();
        String audience = settings.apiAudience();
        // Lazy: the issuer is asked for its discovery document on the first token (and again after a failure), so the
        // server starts while the issuer is unreachable.
        this.decoder = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder nimbus =
                    NimbusJwtDecoder.withIssuerLocation(issuer).build();
            nimbus.setJwtValidator(validator(issuer, audience));
            return nimbus;
        });
    }

    /** The issuer, as its tokens' {@code iss} names it. */
    public String issuer() {
        return issuer;
    }

    public JwtDecoder decoder() {
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        Objects.requireNonNull(audience, "audience");
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<Instant>("exp", Objects::nonNull),
                new JwtClaimValidator<String>("sub", sub -> sub != null && !sub.isBlank()),
                token -> "id".equals(token.getClaimAsString("token_use"))
                        ? failure("An ID token is not an access token.")
                        : OAuth2TokenValidatorResult.success(),
                token -> isFor(token, audience)
                        ? OAuth2TokenValidatorResult.success()
                        : failure("The access token is not meant for Parley."));
    }

    private static boolean isFor(Jwt token, String audience) {
        List<String> aud = token.getAudience();
        if (aud != null && aud.contains(audience)) {
            return true;
        }
        return audience.equals(token.getClaimAsString("client_id"));
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}

package io.parley.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Issues and verifies members' access tokens: HS256 JWTs with the member, organization, role, an id ({@code jti}) and
 * the member's token generation ({@value #GENERATION_CLAIM}), so that one token or all of a member's can be revoked
 * before they expire (the team feature checks that on every request). Thread-safe.
 */
public final class AccessTokens {

    public static final String ISSUER = "parley";
    public static final String AUDIENCE = "parley-admin";
    public static final String ORGANIZATION_CLAIM = "org";
    public static final String ROLE_CLAIM = "role";
    /** The member's token generation when the token was issued; absent in tokens issued before it existed (0). */
    public static final String GENERATION_CLAIM = "gen";

    /** What the signing key is derived for: tokens of other kinds have other keys. */
    static final String KEY_PURPOSE = "parley access token v1";

    private final SecretKey key;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(ServerKeys keys, Duration ttl, Clock clock) {
        this.key = TokenKeys.derive(keys, KEY_PURPOSE);
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * A signed token for one member of one organization.
     *
     * @param generation the member's token generation now; the token stops working when it is counted up
     */
    public IssuedToken issue(String memberId, String organizationId, String role, long generation) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(memberId)
                .claim(ORGANIZATION_CLAIM, organizationId)
                .claim(ROLE_CLAIM, role)
                .claim(GENERATION_CLAIM, generation)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return new IssuedToken(jwt.serialize(), ttl);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }

    /**
     * Verifies signature, issuer, audience and expiry of the tokens {@link #issue} makes, and that they have what
     * revocation needs: an expiry (a token without one would never end) and an id.
     */
    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        OAuth2TokenValidator<Jwt> audience =
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(AUDIENCE));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER),
                audience,
                new JwtClaimValidator<Instant>("exp", exp -> exp != null),
                new JwtClaimValidator<String>("jti", jti -> jti != null && !jti.isBlank()),
                new JwtClaimValidator<String>(ORGANIZATION_CLAIM, org -> org != null && !org.isBlank())));
        return decoder;
    }

    /** The generation a verified token was issued in: 0 when it predates generations. */
    public static long generation(Jwt token) {
        return token.getClaim(GENERATION_CLAIM) instanceof Number number ? number.longValue() : 0;
    }

    /** A token and how long it lives. */
    public record IssuedToken(String value, Duration expiresIn) {
        @Override
        public String toString() {
            return "IssuedToken[expiresIn=" + expiresIn + "]";
        }
    }
}

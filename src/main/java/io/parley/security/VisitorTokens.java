package io.parley.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Issues and verifies customers' visitor tokens: HS256 JWTs, each for one visitor of one organization and, when the
 * business vouched for the customer with a valid signature, that verified customer's id. Stateless and thread-safe:
 * verifying costs one HMAC and no database call.
 */
public final class VisitorTokens {

    private static final String AUDIENCE = "parley-visitor";
    private static final String ORGANIZATION = "org";
    private static final String CUSTOMER = "cus";

    private final SecretKey key;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    public VisitorTokens(ServerKeys keys, Duration ttl, Clock clock) {
        this.key = TokenKeys.derive(keys, "parley visitor token v1");
        try {
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot build the visitor token verifier", e);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Who a visitor token speaks for. {@code customerId} is null for an anonymous visitor. */
    public record VisitorClaims(String organizationId, String visitorId, String customerId) {}

    public String issue(VisitorClaims visitor) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(AccessTokens.ISSUER)
                .audience(AUDIENCE)
                .subject(visitor.visitorId())
                .claim(ORGANIZATION, visitor.organizationId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (visitor.customerId() != null) {
            claims.claim(CUSTOMER, visitor.customerId());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a visitor token", e);
        }
    }

    /** The visitor a token speaks for, or empty when it is malformed, forged, of another kind or expired. */
    public Optional<VisitorClaims> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            String organization = claims.getStringClaim(ORGANIZATION);
            if (expires == null
                    || !expires.toInstant().isAfter(clock.instant())
                    || claims.getAudience() == null
                    || !claims.getAudience().contains(AUDIENCE)
                    || organization == null
                    || claims.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new VisitorClaims(organization, claims.getSubject(), claims.getStringClaim(CUSTOMER)));
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}

package io.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;

class TokensTest {

    private final ServerKeys keys = new ServerKeys(random(32), random(32));
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void verifiesItsOwnAccessTokensWithTheirClaims() {
        AccessTokens tokens = new AccessTokens(keys, Duration.ofHours(8), Clock.systemUTC());

        var jwt = tokens.decoder()
                .decode(tokens.issue("member-1", "org-1", "OWNER", 0).value());

        assertThat(jwt.getSubject()).isEqualTo("member-1");
        assertThat(jwt.getClaimAsString(AccessTokens.ORGANIZATION_CLAIM)).isEqualTo("org-1");
        assertThat(jwt.getClaimAsString(AccessTokens.ROLE_CLAIM)).isEqualTo("OWNER");
    }

    @Test
    void refusesAnExpiredAccessTokenOrOneSignedWithAnotherKey() {
        AccessTokens old = new AccessTokens(keys, Duration.ofHours(1), clock);
        AccessTokens foreign =
                new AccessTokens(new ServerKeys(random(32), random(32)), Duration.ofHours(8), Clock.systemUTC());
        AccessTokens current = new AccessTokens(keys, Duration.ofHours(8), Clock.systemUTC());

        assertThatThrownBy(() ->
                        current.decoder().decode(old.issue("m", "o", "OWNER", 0).value()))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> current.decoder()
                        .decode(foreign.issue("m", "o", "OWNER", 0).value()))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void carriesTheMembersTokenGenerationAndAnId() {
        AccessTokens tokens = new AccessTokens(keys, Duration.ofHours(8), Clock.systemUTC());

        var jwt = tokens.decoder()
                .decode(tokens.issue("member-1", "org-1", "OWNER", 7).value());

        assertThat(AccessTokens.generation(jwt)).isEqualTo(7);
        assertThat(jwt.getId()).isNotBlank();
        assertThat(tokens.decoder()
                        .decode(tokens.issue("member-1", "org-1", "OWNER", 7).value())
                        .getId())
                .isNotEqualTo(jwt.getId());
    }

    @Test
    void refusesAnAccessTokenWithoutExpiryOrWithoutId() {
        AccessTokens tokens = new AccessTokens(keys, Duration.ofHours(8), Clock.systemUTC());
        String withoutExpiry = signed(new JWTClaimsSet.Builder()
                .issuer(AccessTokens.ISSUER)
                .audience(AccessTokens.AUDIENCE)
                .subject("m")
                .claim(AccessTokens.ORGANIZATION_CLAIM, "o")
                .claim(AccessTokens.ROLE_CLAIM, "OWNER")
                .issueTime(new Date())
                .jwtID("an-id")
                .build());
        String withoutId = signed(new JWTClaimsSet.Builder()
                .issuer(AccessTokens.ISSUER)
                .audience(AccessTokens.AUDIENCE)
                .subject("m")
                .claim(AccessTokens.ORGANIZATION_CLAIM, "o")
                .claim(AccessTokens.ROLE_CLAIM, "OWNER")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build());

        assertThatThrownBy(() -> tokens.decoder().decode(withoutExpiry))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("exp");
        assertThatThrownBy(() -> tokens.decoder().decode(withoutId))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("jti");
    }

    /** A token signed with the access-token key, as {@link AccessTokens} would, but with any claims. */
    private String signed(JWTClaimsSet claims) {
        return sign(keys, claims);
    }

    static String sign(ServerKeys keys, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(TokenKeys.derive(keys, AccessTokens.KEY_PURPOSE)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void neverAcceptsAVisitorTokenAsAnAccessTokenOrTheOtherWayRound() {
        AccessTokens access = new AccessTokens(keys, Duration.ofHours(8), Clock.systemUTC());
        VisitorTokens visitors = new VisitorTokens(keys, Duration.ofDays(1), Clock.systemUTC());
        String visitorToken = visitors.issue(new VisitorTokens.VisitorClaims("org-1", "visitor-1", null));

        assertThatThrownBy(() -> access.decoder().decode(visitorToken)).isInstanceOf(JwtException.class);
        assertThat(visitors.verify(access.issue("m", "org-1", "OWNER", 0).value()))
                .isEmpty();
    }

    @Test
    void carriesAVerifiedCustomerInTheVisitorToken() {
        VisitorTokens visitors = new VisitorTokens(keys, Duration.ofDays(1), Clock.systemUTC());

        var claims = visitors.verify(visitors.issue(new VisitorTokens.VisitorClaims("org-1", "visitor-1", "cust-9")));

        assertThat(claims).contains(new VisitorTokens.VisitorClaims("org-1", "visitor-1", "cust-9"));
    }

    @Test
    void refusesAnExpiredTamperedOrMalformedVisitorToken() {
        VisitorTokens expiredIssuer = new VisitorTokens(keys, Duration.ofDays(1), clock);
        VisitorTokens visitors = new VisitorTokens(keys, Duration.ofDays(1), Clock.systemUTC());
        String token = visitors.issue(new VisitorTokens.VisitorClaims("org-1", "visitor-1", null));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertThat(visitors.verify(expiredIssuer.issue(new VisitorTokens.VisitorClaims("org-1", "v", null))))
                .isEmpty();
        assertThat(visitors.verify(tampered)).isEmpty();
        assertThat(visitors.verify("not-a-jwt")).isEmpty();
        assertThat(visitors.verify("")).isEmpty();
        assertThat(visitors.verify(null)).isEmpty();
    }

    @Test
    void sealsSecretsSoThatOnlyThisServersKeyOpensThem() {
        SecretBox box = new SecretBox(keys);
        String sealed = box.seal("customer-signing-secret");

        assertThat(sealed).startsWith("v1:").doesNotContain("customer-signing-secret");
        assertThat(box.seal("customer-signing-secret")).isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("customer-signing-secret");
        assertThatThrownBy(() -> new SecretBox(new ServerKeys(random(32), random(32))).open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("customer-signing-secret");
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}

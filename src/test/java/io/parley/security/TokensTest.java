package io.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;

class TokensTest {

    private final ServerKeys keys = new ServerKeys(random(32), random(32));
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void verifiesItsOwnAccessTokensWithTheirClaims() {
        AccessTokens tokens = new AccessTokens(keys, Duration.ofHours(8), Clock.systemUTC());

        var jwt = tokens.decoder()
                .decode(tokens.issue("member-1", "org-1", "OWNER").value());

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
                        current.decoder().decode(old.issue("m", "o", "OWNER").value()))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> current.decoder()
                        .decode(foreign.issue("m", "o", "OWNER").value()))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void neverAcceptsAVisitorTokenAsAnAccessTokenOrTheOtherWayRound() {
        AccessTokens access = new AccessTokens(keys, Duration.ofHours(8), Clock.systemUTC());
        VisitorTokens visitors = new VisitorTokens(keys, Duration.ofDays(1), Clock.systemUTC());
        String visitorToken = visitors.issue(new VisitorTokens.VisitorClaims("org-1", "visitor-1", null));

        assertThatThrownBy(() -> access.decoder().decode(visitorToken)).isInstanceOf(JwtException.class);
        assertThat(visitors.verify(access.issue("m", "org-1", "OWNER").value())).isEmpty();
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

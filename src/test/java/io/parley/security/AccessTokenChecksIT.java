package io.parley.security;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin API refuses access tokens signed with the server's key that lack what revoking a token needs. */
class AccessTokenChecksIT extends ParleyAppTest {

    @Autowired
    ServerKeys keys;

    @Test
    void aTokenWithoutExpiryIsRefusedThoughItsSignatureAndMemberAreRight() {
        ParleyApi.Organization org = api.signUp("Bright Bikes");
        String memberId = api.get("/api/v1/admin/members", org.accessToken())
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(AccessTokens.ISSUER)
                .audience(AccessTokens.AUDIENCE)
                .subject(memberId)
                .claim(AccessTokens.ORGANIZATION_CLAIM, org.id())
                .claim(AccessTokens.ROLE_CLAIM, "OWNER")
                .issueTime(new Date());
        String withExpiry = TokensTest.sign(
                keys,
                claims.expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        String forever = TokensTest.sign(
                keys,
                claims.expirationTime(null).jwtID(UUID.randomUUID().toString()).build());
        String withoutId = TokensTest.sign(
                keys,
                claims.expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .jwtID(null)
                        .build());

        assertThat(api.get("/api/v1/admin/members", withExpiry).status())
                .as("the same token with an expiry and an id works")
                .isEqualTo(200);
        assertProblem(api.get("/api/v1/admin/members", forever).body(), 401, "/problems/unauthorized");
        assertProblem(api.get("/api/v1/admin/members", withoutId).body(), 401, "/problems/unauthorized");
    }
}

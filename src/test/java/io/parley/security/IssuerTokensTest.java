package io.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class IssuerTokensTest {

    private static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example";
    private final OAuth2TokenValidator<Jwt> validator = IssuerTokens.validator(ISSUER, "parley-app-client");

    @Test
    void acceptsATokenWhoseAudienceNamesParley() {
        assertThat(validator
                        .validate(token(Map.of("aud", List.of("parley-app-client"))))
                        .hasErrors())
                .isFalse();
    }

    @Test
    void acceptsACognitoAccessTokenByItsClientIdClaim() {
        assertThat(validator
                        .validate(token(Map.of("client_id", "parley-app-client", "token_use", "access")))
                        .hasErrors())
                .isFalse();
    }

    @Test
    void refusesATokenForAnotherAudienceOrClient() {
        assertThat(validator
                        .validate(token(Map.of("aud", List.of("another-app"))))
                        .hasErrors())
                .isTrue();
        assertThat(validator.validate(token(Map.of("client_id", "another-app"))).hasErrors())
                .isTrue();
        assertThat(validator.validate(token(Map.of())).hasErrors()).isTrue();
    }

    @Test
    void refusesACognitoIdToken() {
        assertThat(validator
                        .validate(token(Map.of("aud", List.of("parley-app-client"), "token_use", "id")))
                        .hasErrors())
                .isTrue();
    }

    @Test
    void refusesAnotherIssuer() {
        Jwt other = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer("https://issuer.example")
                .subject("someone")
                .audience(List.of("parley-app-client"))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .build();

        assertThat(validator.validate(other).hasErrors()).isTrue();
    }

    @Test
    void settingsNeedAClientIdAndTheOpenidScopeWithAnIssuer() {
        assertThatThrownBy(() -> new OidcProperties(ISSUER, " ", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client-id");
        assertThatThrownBy(() -> new OidcProperties(ISSUER, "client", null, null, List.of("email"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openid");
        assertThat(new OidcProperties(" ", null, null, null, null, null).enabled())
                .isFalse();
        OidcProperties cognito = new OidcProperties(ISSUER, "parley-app-client", "secret", null, null, null);
        assertThat(cognito.apiAudience()).isEqualTo("parley-app-client");
        assertThat(cognito.scopes()).containsExactly("openid", "email", "profile");
        assertThat(cognito.toString()).doesNotContain("secret");
    }

    private static Jwt token(Map<String, Object> claims) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer(ISSUER)
                .subject("8c2f-example-sub")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .claims(c -> c.putAll(claims))
                .build();
    }
}

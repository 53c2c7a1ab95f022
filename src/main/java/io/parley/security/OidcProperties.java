package io.parley.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in through an OpenID Connect issuer (Amazon Cognito or any other), off unless {@code issuerUri} is set.
 *
 * @param issuerUri the issuer exactly as its tokens' {@code iss} names it (its discovery document is at
 *     {@code issuerUri + "/.well-known/openid-configuration"}); blank turns the feature off
 * @param clientId the console's client at the issuer (a confidential client: it has a secret)
 * @param clientSecret that client's secret; never logged
 * @param audience what an access token for the admin API must name: its {@code aud} contains it, or (Amazon Cognito's
 *     access tokens, which carry no {@code aud}) its {@code client_id} equals it; defaults to {@code clientId}
 * @param scopes asked for at sign-in; {@code openid} and {@code email} are needed to match a member
 * @param displayName how the sign-in page names the issuer: "Sign in with {displayName}"
 */
@ConfigurationProperties("parley.security.oidc")
public record OidcProperties(
        String issuerUri,
        String clientId,
        String clientSecret,
        String audience,
        @DefaultValue({"openid", "email", "profile"}) List<String> scopes,
        @DefaultValue("single sign-on") String displayName) {

    public OidcProperties {
        issuerUri = blankToNull(issuerUri);
        clientId = blankToNull(clientId);
        audience = blankToNull(audience);
        scopes = scopes == null ? List.of("openid", "email", "profile") : List.copyOf(scopes);
        displayName = displayName == null || displayName.isBlank() ? "single sign-on" : displayName.strip();
        if (issuerUri != null) {
            if (clientId == null) {
                throw new IllegalArgumentException("parley.security.oidc.client-id is required with an issuer-uri");
            }
            if (!scopes.contains("openid")) {
                throw new IllegalArgumentException("parley.security.oidc.scopes must include openid");
            }
        }
    }

    /** Whether an issuer is configured. */
    public boolean enabled() {
        return issuerUri != null;
    }

    /** What the admin API's access tokens must be for: {@code audience}, or the client id when that is unset. */
    public String apiAudience() {
        return audience != null ? audience : clientId;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "OidcProperties[issuerUri=" + issuerUri + ", clientId=" + clientId + ", audience=" + audience
                + ", scopes=" + scopes + "]";
    }
}

package io.parley.console;

import io.parley.security.AccessTokens;
import io.parley.security.OidcProperties;
import io.parley.security.SecretBox;
import io.parley.team.Team;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.SupplierClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Signing in to the console through an OpenID Connect issuer, when {@code parley.security.oidc.issuer-uri} is set:
 * the authorization code flow with PKCE, started at {@value #START} and returning to
 * {@code /login/oauth2/code/oidc}. The issuer's discovery document is read on the first sign-in, not at startup. After
 * the issuer returns, {@link IssuerSignIn} finds the member and signs the browser in with Parley's own session cookie,
 * as a password would; nothing of the issuer's tokens is kept, and no HTTP session either.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${parley.security.oidc.issuer-uri:}'.trim() != ''")
class IssuerSignInConfiguration {

    static final String REGISTRATION = "oidc";
    static final String START = "/oauth2/authorization/" + REGISTRATION;
    static final int ORDER = ConsoleSecurityConfiguration.ORDER - 10;

    @Bean
    ClientRegistrationRepository issuerClient(OidcProperties settings) {
        return new SupplierClientRegistrationRepository(() -> {
            ClientRegistration.Builder client = ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                    .registrationId(REGISTRATION)
                    .clientId(settings.clientId())
                    .scope(settings.scopes())
                    .clientName(settings.displayName())
                    .clientSettings(ClientRegistration.ClientSettings.builder()
                            .requireProofKey(true)
                            .build());
            if (settings.clientSecret() == null || settings.clientSecret().isBlank()) {
                client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            } else {
                client.clientSecret(settings.clientSecret());
            }
            return new InMemoryClientRegistrationRepository(client.build());
        });
    }

    @Bean
    @Order(ORDER)
    SecurityFilterChain issuerSignIn(
            HttpSecurity http,
            ClientRegistrationRepository clients,
            SecretBox box,
            Clock clock,
            Team team,
            AccessTokens tokens,
            SessionCookie cookie)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
                clients, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        IssuerSignIn signIn = new IssuerSignIn(team, tokens, cookie);
        return http.securityMatcher("/oauth2/authorization/**", "/login/oauth2/code/**")
                // Only GETs, and state plus PKCE bind the return to the browser that started it.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .oauth2Login(login -> login.loginPage("/console/login")
                        .clientRegistrationRepository(clients)
                        .authorizedClientRepository(new NothingKept())
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests)
                                .authorizationRequestRepository(new SealedAuthorizationRequests(box, clock)))
                        .successHandler(signIn)
                        .failureHandler(signIn))
                .build();
    }

    /** The issuer's tokens are not needed after sign-in: the member gets Parley's own. */
    private static final class NothingKept implements OAuth2AuthorizedClientRepository {

        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
                String registrationId,
                org.springframework.security.core.Authentication principal,
                jakarta.servlet.http.HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(
                OAuth2AuthorizedClient client,
                org.springframework.security.core.Authentication principal,
                jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) {}

        @Override
        public void removeAuthorizedClient(
                String registrationId,
                org.springframework.security.core.Authentication principal,
                jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) {}
    }
}

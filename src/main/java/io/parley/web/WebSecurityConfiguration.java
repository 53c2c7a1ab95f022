package io.parley.web;

import io.parley.security.AccessTokens;
import io.parley.security.IssuerTokens;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what. Members' admin API takes their access token (a bearer JWT); customers' API and the chat
 * WebSocket authenticate with visitor tokens checked by the conversation feature itself; the console adds its own
 * chain. Nothing here keeps an HTTP session.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    /** Chains for other features (the console) sit between the admin API and the public catch-all. */
    static final int ADMIN_ORDER = 1;

    static final int PUBLIC_ORDER = 100;

    @Bean
    @Order(ADMIN_ORDER)
    SecurityFilterChain adminApi(
            HttpSecurity http,
            AccessTokens tokens,
            ObjectProvider<IssuerTokens> issuer,
            ProblemWriter problems,
            MemberAccess members)
            throws Exception {
        IssuerTokens issuerTokens = issuer.getIfAvailable();
        // Signing out takes the token it ends, as the admin API does.
        return http.securityMatcher("/api/v1/admin/**", "/api/v1/store/**", "/api/v1/auth/logout")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Every role's rights, for every endpoint, come from one policy (the team feature's).
                .authorizeHttpRequests(requests -> requests.anyRequest().access(members.requests()))
                // Tokens come from the Authorization header only, whatever other resolvers the context holds.
                .oauth2ResourceServer(server -> {
                    server.bearerTokenResolver(new DefaultBearerTokenResolver());
                    if (issuerTokens == null) {
                        server.jwt(
                                jwt -> jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(members::authenticate));
                    } else {
                        server.authenticationManagerResolver(byIssuer(tokens, issuerTokens, members));
                    }
                    server.authenticationEntryPoint((request, response, e) -> problems.write(
                            request,
                            response,
                            ProblemType.UNAUTHORIZED,
                            "Sign in and send your access token as a bearer token; it may have expired."));
                })
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) -> problems.write(
                                request, response, ProblemType.FORBIDDEN, "Your role does not allow this."))
                        .authenticationEntryPoint((request, response, e) -> problems.write(
                                request,
                                response,
                                ProblemType.UNAUTHORIZED,
                                "Sign in and send your access token as a bearer token.")))
                .build();
    }

    /**
     * With an OpenID Connect issuer configured, a token is verified by whoever its (unverified) {@code iss} names:
     * Parley's own tokens by {@link AccessTokens}, the issuer's by {@link IssuerTokens}; any other issuer is refused.
     */
    private static JwtIssuerAuthenticationManagerResolver byIssuer(
            AccessTokens tokens, IssuerTokens issuer, MemberAccess members) {
        JwtAuthenticationProvider own = new JwtAuthenticationProvider(tokens.decoder());
        own.setJwtAuthenticationConverter(members::authenticate);
        JwtAuthenticationProvider issued = new JwtAuthenticationProvider(issuer.decoder());
        issued.setJwtAuthenticationConverter(members::authenticateIssued);
        Map<String, AuthenticationManager> managers =
                Map.of(AccessTokens.ISSUER, new ProviderManager(own), issuer.issuer(), new ProviderManager(issued));
        return new JwtIssuerAuthenticationManagerResolver(managers::get);
    }

    @Bean
    @Order(PUBLIC_ORDER)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // Public assets (widget.js, the demo) may be cached; Spring MVC sets their Cache-Control and
                // Last-Modified. Authenticated chains keep Spring Security's no-store; so does every API response
                // here (tokens, transcripts), which no browser or proxy may keep.
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                                new CacheControlHeadersWriter())))
                .build();
    }
}

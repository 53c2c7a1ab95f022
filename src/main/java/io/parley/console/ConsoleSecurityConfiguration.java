package io.parley.console;

import io.parley.security.AccessTokens;
import io.parley.web.MemberAccess;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Who may see which console page. Signed-in members carry their access token in the {@link SessionCookie}; forms and
 * htmx requests carry a CSRF token checked against a cookie, so nothing is kept in a server session. The chain sits
 * between the admin API's (order 1) and the public catch-all (order 100).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final int ORDER = 50;

    /** Scripts and styles only from this server; the pages show customers' text, so no inline script may run. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'; object-src 'none'";

    @Bean
    @Order(ORDER)
    SecurityFilterChain console(HttpSecurity http, AccessTokens tokens, SessionCookie cookie, MemberAccess members)
            throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName(SessionCookie.CSRF_NAME);
        csrfTokens.setCookiePath(SessionCookie.PATH);
        csrfTokens.setCookieCustomizer(c -> c.sameSite("Lax"));
        return http.securityMatcher("/console/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                // The token is not rotated on every request the session cookie authenticates (which, with no server
                // session, would be every request); SessionCookie starts a fresh one when a member signs in or out.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .addFilterBefore(
                        new SessionAuthenticationFilter(cookie, tokens.decoder(), members),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(
                                DispatcherType.ERROR, DispatcherType.FORWARD)
                        .permitAll()
                        .requestMatchers(
                                "/console/login", "/console/login/refused", "/console/signup", "/console/logout")
                        .permitAll()
                        // Reached from a link before the person can sign in; the token is the key.
                        .requestMatchers(
                                "/console/invitations/*", "/console/password-reset", "/console/password-reset/*")
                        .permitAll()
                        .requestMatchers("/console/*.css", "/console/*.js", "/console/*.svg")
                        .permitAll()
                        // Which role may see or post what: one policy for every page (the team feature's).
                        .anyRequest()
                        .access(members.requests()))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint((request, response, e) -> signIn(request, response))
                                .accessDeniedHandler((request, response, e) -> {
                                    if (e instanceof CsrfException) {
                                        refuse(response);
                                    } else {
                                        forbidden(request, response);
                                    }
                                }))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    @Bean
    SessionCookie sessionCookie() {
        return new SessionCookie();
    }

    /** Pages redirect to the sign-in page; htmx requests are told to load it instead of swapping in a redirect. */
    private static void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", "/console/login");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.sendRedirect(ReturnTo.signInFor(request));
    }

    /**
     * The member's role does not allow the page or form: the console's own error page says so. An htmx request is
     * sent to that page, since htmx does not show error responses.
     */
    private static void forbidden(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", ForbiddenController.PATH);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher(ForbiddenController.PATH).forward(request, response);
    }

    /** A missing or stale CSRF token. */
    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write(
                        """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Form expired · Parley</title><link rel="stylesheet" href="/console/console.css"></head>
                <body class="auth"><main class="auth-card" id="main"><h1>This form has expired</h1>
                <p>For your security, forms only work from a page you opened recently. Go back, reload the page and try again.</p>
                <p><a class="button" href="/console">Back to the console</a></p></main></body></html>
                """);
    }
}

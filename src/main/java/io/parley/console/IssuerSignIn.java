package io.parley.console;

import io.parley.security.AccessTokens;
import io.parley.team.IssuerIdentity;
import io.parley.team.NotInvitedException;
import io.parley.team.Team;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * What happens when the issuer sends the browser back. Signed in there (ID token verified by Spring Security: issuer,
 * audience, nonce, expiry), the person becomes the member {@link Team#signInWithIssuer} finds and gets Parley's
 * session cookie; someone no organization invited, or whose email the issuer did not verify, sees
 * {@link IssuerSignInPageController#PATH} saying why.
 */
final class IssuerSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(IssuerSignIn.class);

    private final Team team;
    private final AccessTokens tokens;
    private final SessionCookie cookie;

    IssuerSignIn(Team team, AccessTokens tokens, SessionCookie cookie) {
        this.team = team;
        this.tokens = tokens;
        this.cookie = cookie;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        if (!(authentication.getPrincipal() instanceof OidcUser user)) {
            refuse(response, IssuerSignInPageController.FAILED);
            return;
        }
        IssuerIdentity identity = new IssuerIdentity(
                user.getIdToken().getClaimAsString("iss"),
                user.getSubject(),
                user.getEmail(),
                Boolean.TRUE.equals(user.getEmailVerified()),
                user.getFullName());
        try {
            Team.Joined joined = team.signInWithIssuer(identity);
            cookie.signIn(tokens, joined.member(), request, response);
            response.sendRedirect("/console");
        } catch (NotInvitedException e) {
            refuse(
                    response,
                    e.emailVerified() ? IssuerSignInPageController.NOT_INVITED : IssuerSignInPageController.UNVERIFIED);
        }
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String code = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getErrorCode()
                : exception.getClass().getSimpleName();
        log.info("Sign-in through the OpenID Connect issuer failed: {}", code);
        refuse(response, IssuerSignInPageController.FAILED);
    }

    private static void refuse(HttpServletResponse response, String reason) throws IOException {
        response.sendRedirect(IssuerSignInPageController.PATH + "?reason=" + reason);
    }
}

package io.parley.web;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * How the admin API's and the console's security chains treat a member: who a verified access token stands for now,
 * and what their role may do. The team feature provides it, so that one policy covers every admin endpoint and console
 * page, including ones added later.
 */
public interface MemberAccess {

    /**
     * The authentication for a verified access token, carrying the member's current role rather than the one signed
     * into the token when it was issued.
     *
     * @throws org.springframework.security.core.AuthenticationException when the token's member no longer belongs to
     *     its organization
     */
    AbstractAuthenticationToken authenticate(Jwt token);

    /**
     * The authentication for a verified access token of the configured OpenID Connect issuer
     * ({@code io.parley.security.IssuerTokens}): the member it stands for (by the subject remembered when they signed in
     * to the console through the issuer, else by a verified {@code email} claim), with the same principal claims as
     * {@link #authenticate} gives, so {@code SignedInMember} reads both alike.
     *
     * @throws org.springframework.security.core.AuthenticationException when no member of any organization is known
     *     for the token, or the token was signed out
     */
    AbstractAuthenticationToken authenticateIssued(Jwt issuerToken);

    /** Grants a request when the authenticated member's role may make it; denies anonymous requests. */
    AuthorizationManager<RequestAuthorizationContext> requests();
}

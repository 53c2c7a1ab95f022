package io.parley.team;

import io.parley.security.AccessTokens;
import io.parley.tenant.MemberId;
import io.parley.tenant.MemberRole;
import io.parley.tenant.Members;
import io.parley.tenant.OrganizationId;
import io.parley.web.MemberAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Members' access for the admin API and the console. A token's role claim is what the member had when signing in;
 * the role that counts is the member's role now, read from the store (cached for {@link Members#ROLE_CACHE}), so a
 * demoted member loses their rights within seconds rather than when their token expires, and a removed member's token
 * stops working. The principal's {@code role} claim is replaced by that current role, so everything reading it
 * ({@code SignedInMember}, the console) agrees with what was enforced.
 *
 * <p>A token signed out ({@code jti} revoked) or of an earlier token generation (signed out everywhere, new password)
 * is refused like an expired one: at once on the node that revoked it, within {@link Members#ROLE_CACHE} elsewhere.
 * The check reads the same cached {@link Members.Standing} as the role, so it costs no query per request.
 */
final class TeamAccess implements MemberAccess {

    private static final Logger log = LoggerFactory.getLogger(TeamAccess.class);

    private final Members members;

    TeamAccess(Members members) {
        this.members = members;
    }

    @Override
    public AbstractAuthenticationToken authenticate(Jwt token) {
        MemberId member;
        OrganizationId organization;
        try {
            member = new MemberId(token.getSubject());
            organization = new OrganizationId(token.getClaimAsString(AccessTokens.ORGANIZATION_CLAIM));
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("The access token names no member.");
        }
        Members.Standing standing = members.standing(organization, member)
                .orElseThrow(
                        () -> new InvalidBearerTokenException("This member no longer belongs to the organization."));
        if (!standing.accepts(AccessTokens.generation(token), token.getId())) {
            throw new InvalidBearerTokenException("This access token was signed out.");
        }
        MemberRole role = standing.role();
        try {
            members.seen(member);
        } catch (RuntimeException e) {
            // Last-seen is a courtesy: a database hiccup must not refuse the request.
            log.debug("Could not record member {} as seen", member, e);
        }
        Jwt current =
                role.name().equals(token.getClaimAsString(AccessTokens.ROLE_CLAIM)) ? token : withRole(token, role);
        return new JwtAuthenticationToken(
                current, List.of(new SimpleGrantedAuthority("ROLE_" + role.name())), member.value());
    }

    @Override
    public AuthorizationManager<RequestAuthorizationContext> requests() {
        return (authentication, context) -> {
            Optional<MemberRole> role = authentication.get() instanceof JwtAuthenticationToken jwt
                    ? MemberRole.parse(jwt.getToken().getClaimAsString(AccessTokens.ROLE_CLAIM))
                    : Optional.empty();
            HttpServletRequest request = context.getRequest();
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return new AuthorizationDecision(
                    role.isPresent() && RolePolicy.allows(role.get(), request.getMethod(), path));
        };
    }

    private static Jwt withRole(Jwt token, MemberRole role) {
        return Jwt.withTokenValue(token.getTokenValue())
                .headers(headers -> headers.putAll(token.getHeaders()))
                .claims(claims -> {
                    claims.putAll(token.getClaims());
                    claims.put(AccessTokens.ROLE_CLAIM, role.name());
                })
                .build();
    }
}

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
    private final TeamStore store;

    TeamAccess(Members members, TeamStore store) {
        this.members = members;
        this.store = store;
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
        seen(member);
        Jwt current =
                role.name().equals(token.getClaimAsString(AccessTokens.ROLE_CLAIM)) ? token : withRole(token, role);
        return new JwtAuthenticationToken(
                current, List.of(new SimpleGrantedAuthority("ROLE_" + role.name())), member.value());
    }

    /**
     * An issuer's token names its member by the subject linked at their console sign-in through the issuer, else by an
     * {@code email} claim with {@code email_verified} true. Its {@code jti} (or, without one, a hash of the token) is
     * checked against signed-out tokens; the member's token generation is not, since the issuer, not Parley, issued
     * it: signing out everywhere ends Parley's tokens, and the issuer's end when they expire.
     */
    @Override
    public AbstractAuthenticationToken authenticateIssued(Jwt token) {
        String issuer = token.getClaimAsString("iss");
        TeamStore.LinkedMember linked = store.memberByIssuerSubject(issuer, token.getSubject())
                .or(() -> byVerifiedEmail(token))
                .orElseThrow(() -> new InvalidBearerTokenException(
                        "No Parley member is known for this token; sign in to the console through the issuer once."));
        Members.Standing standing = members.standing(linked.organization(), linked.member())
                .orElseThrow(
                        () -> new InvalidBearerTokenException("This member no longer belongs to the organization."));
        String tokenId = tokenId(token);
        if (standing.revokedTokenIds().contains(tokenId)) {
            throw new InvalidBearerTokenException("This access token was signed out.");
        }
        seen(linked.member());
        MemberRole role = standing.role();
        Jwt asMember = Jwt.withTokenValue(token.getTokenValue())
                .headers(headers -> headers.putAll(token.getHeaders()))
                .claims(claims -> {
                    claims.putAll(token.getClaims());
                    claims.put("sub", linked.member().value());
                    claims.put(
                            AccessTokens.ORGANIZATION_CLAIM,
                            linked.organization().value());
                    claims.put(AccessTokens.ROLE_CLAIM, role.name());
                    claims.put("jti", tokenId);
                })
                .build();
        return new JwtAuthenticationToken(
                asMember,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())),
                linked.member().value());
    }

    private Optional<TeamStore.LinkedMember> byVerifiedEmail(Jwt token) {
        Object verified = token.getClaims().get("email_verified");
        String email = token.getClaimAsString("email");
        if (email == null || !(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
            return Optional.empty();
        }
        return members.byEmail(email).map(member -> new TeamStore.LinkedMember(member.organization(), member.id()));
    }

    /** Revocation keys are at most 64 characters: a longer or missing {@code jti} is replaced by a SHA-256. */
    private static String tokenId(Jwt token) {
        String jti = token.getId();
        if (jti != null && !jti.isBlank() && jti.length() <= 64) {
            return jti;
        }
        return LinkTokens.hash(jti != null && !jti.isBlank() ? jti : token.getTokenValue());
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

    private void seen(MemberId member) {
        try {
            members.seen(member);
        } catch (RuntimeException e) {
            // Last-seen is a courtesy: a database hiccup must not refuse the request.
            log.debug("Could not record member {} as seen", member, e);
        }
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

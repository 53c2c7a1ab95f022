package io.parley.tenant;

import io.parley.security.AccessTokens;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The member behind an authenticated admin request. Controllers of any feature declare a parameter of this type to
 * get it; it comes from the verified access token, never from the request's body or path.
 */
public record SignedInMember(MemberId id, OrganizationId organization, MemberRole role) {

    /**
     * The member of the current request's security context, if it holds one of our access tokens (a console page, a
     * WebSocket handshake, an admin API call).
     */
    public static Optional<SignedInMember> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            return Optional.empty();
        }
        return Optional.of(fromToken(jwt));
    }

    /** The member a verified access token names. */
    public static SignedInMember fromToken(Jwt jwt) {
        return new SignedInMember(
                new MemberId(jwt.getSubject()),
                new OrganizationId(jwt.getClaimAsString(AccessTokens.ORGANIZATION_CLAIM)),
                MemberRole.valueOf(jwt.getClaimAsString(AccessTokens.ROLE_CLAIM)));
    }
}

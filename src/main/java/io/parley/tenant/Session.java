package io.parley.tenant;

import io.parley.security.AccessTokens;

/**
 * What signing in answers, however the member got there (sign-up, sign-in, accepting an invitation): an access token
 * with the member and their organization.
 */
public record Session(
        String accessToken,
        String tokenType,
        long expiresIn,
        Session.UserView user,
        Session.OrganizationView organization) {

    public record UserView(String id, String email, String name, String role) {}

    public record OrganizationView(String id, String name, String siteKey) {}

    /** A fresh access token for the member, with the answer's shape. */
    public static Session of(AccessTokens tokens, Member member, Organization organization) {
        var token = tokens.issue(
                member.id().value(), organization.id().value(), member.role().name(), member.tokenGeneration());
        return new Session(
                token.value(),
                "Bearer",
                token.expiresIn().toSeconds(),
                new UserView(
                        member.id().value(),
                        member.email(),
                        member.name(),
                        member.role().name()),
                new OrganizationView(
                        organization.id().value(),
                        organization.name(),
                        organization.siteKey().value()));
    }

    @Override
    public String toString() {
        return "Session[user=" + user.id() + "]";
    }
}

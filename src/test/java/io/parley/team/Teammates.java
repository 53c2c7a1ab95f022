package io.parley.team;

import io.parley.testing.ParleyApi;
import java.util.Map;
import java.util.UUID;

/** Brings people into a test organization through the real invitation flow, over HTTP. */
public final class Teammates {

    public static final String PASSWORD = "a long enough password";

    private final ParleyApi api;

    public Teammates(ParleyApi api) {
        this.api = api;
    }

    /** A member who joined through an invitation: their access token, id and sign-in. */
    public record Joined(String accessToken, String id, String email, String name) {}

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** The owner invites a new person with this role, who accepts; fails the test if any step does. */
    public Joined join(ParleyApi.Organization organization, String role) {
        String email = uniqueEmail(role.toLowerCase(java.util.Locale.ROOT));
        String token = invite(organization, email, role);
        String name = "Test " + role.charAt(0) + role.substring(1).toLowerCase(java.util.Locale.ROOT);
        ParleyApi.Response accepted = api.call(
                "POST",
                "/api/v1/auth/invitations/" + token + "/accept",
                null,
                Map.of("name", name, "password", PASSWORD));
        if (accepted.status() != 200) {
            throw new AssertionError("accepting failed: " + accepted);
        }
        return new Joined(
                accepted.body().path("accessToken").asString(),
                accepted.body().path("user").path("id").asString(),
                email,
                name);
    }

    /** The owner invites this email; answers the token of the link. */
    public String invite(ParleyApi.Organization organization, String email, String role) {
        ParleyApi.Response invited = api.call(
                "POST", "/api/v1/admin/invitations", organization.accessToken(), Map.of("email", email, "role", role));
        if (invited.status() != 201) {
            throw new AssertionError("inviting failed: " + invited);
        }
        return tokenOf(invited.body().path("link").asString());
    }

    public static String tokenOf(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }
}

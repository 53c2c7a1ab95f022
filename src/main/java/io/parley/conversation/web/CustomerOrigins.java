package io.parley.conversation.web;

import io.parley.tenant.AllowedOrigins;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.Organizations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether a browser page may open an organization's chat: requests without an Origin (servers, apps) and
 * pages served by Parley itself (its demo and console) always may; other pages only from the organization's allowed
 * origins.
 *
 * <p>What this guarantees: a browser will not let another website's page use a customer's chat (browsers always send
 * Origin on cross-site requests and WebSocket upgrades, and scripts cannot forge it). It does not authenticate servers
 * or apps, which send no Origin; their requests stand on the visitor token alone. Parley's own origin is
 * {@code parley.public-base-url} when it is set (recommended behind a proxy), otherwise the one the request reached,
 * taken from its Host header.
 */
@Component
class CustomerOrigins {

    private final Organizations organizations;
    private final String publicOrigin;

    CustomerOrigins(Organizations organizations, @Value("${parley.public-base-url:}") String publicBaseUrl) {
        this.organizations = organizations;
        this.publicOrigin = publicBaseUrl == null || publicBaseUrl.isBlank()
                ? null
                : AllowedOrigins.canonical(publicBaseUrl.strip())
                        .orElseThrow(
                                () -> new IllegalArgumentException(
                                        "parley.public-base-url must be an absolute http(s) URL such as https://chat.example.com"));
    }

    /**
     * @param origin the request's Origin header, or null
     * @param ownOrigin this server's origin as the request reached it (scheme://host[:port])
     */
    boolean allowed(OrganizationId organization, String origin, String ownOrigin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        String canonical = AllowedOrigins.canonical(origin).orElse(null);
        if (canonical == null) {
            return false;
        }
        String own = publicOrigin != null
                ? publicOrigin
                : AllowedOrigins.canonical(ownOrigin).orElse(null);
        return canonical.equals(own) || organizations.allowsOrigin(organization, canonical);
    }
}

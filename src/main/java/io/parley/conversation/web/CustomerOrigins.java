package io.parley.conversation.web;

import io.parley.tenant.AllowedOrigins;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.Organizations;
import org.springframework.stereotype.Component;

/**
 * Decides whether a browser page may open an organization's chat: requests without an Origin (servers, apps) and
 * pages served by Parley itself (its demo and console) always may; other pages only from the organization's allowed
 * origins.
 */
@Component
class CustomerOrigins {

    private final Organizations organizations;

    CustomerOrigins(Organizations organizations) {
        this.organizations = organizations;
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
        return canonical.equals(AllowedOrigins.canonical(ownOrigin).orElse(null))
                || organizations.allowsOrigin(organization, canonical);
    }
}

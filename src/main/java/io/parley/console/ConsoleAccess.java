package io.parley.console;

import io.parley.team.RolePolicy;
import io.parley.tenant.MemberRole;
import java.util.Map;

/**
 * What the signed-in member's role may do, for the templates: which pages the navigation shows, and whether a page's
 * forms are theirs to use. The decisions are {@link RolePolicy}'s, which the security chain enforces; this only keeps
 * the console from offering what would be refused.
 */
record ConsoleAccess(MemberRole role) {

    /** The form that saves each settings page, by the page's {@code section}. */
    private static final Map<String, String> FORMS = Map.of(
            "profile", "/console/profile",
            "model", "/console/model",
            "install", "/console/install/origins",
            "usage", "/console/usage/budget",
            "team", "/console/team/invitations",
            "handoff", "/console/handoff/escalation",
            "knowledge", "/console/knowledge/texts");

    /** Whether the member may open this page. */
    public boolean page(String path) {
        return RolePolicy.allows(role, "GET", path);
    }

    /** Whether the member may post this form. */
    public boolean change(String path) {
        return RolePolicy.allows(role, "POST", path);
    }

    /** Whether a settings page is read-only for the member (its forms would be refused). */
    public boolean readOnly(String section) {
        String form = section == null ? null : FORMS.get(section);
        return form != null && !change(form);
    }

    public String roleLabel() {
        return role.label();
    }
}

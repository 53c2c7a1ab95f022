package io.parley.team;

import static io.parley.tenant.MemberRole.ADMIN;
import static io.parley.tenant.MemberRole.AGENT;
import static io.parley.tenant.MemberRole.OWNER;

import io.parley.tenant.MemberRole;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/**
 * Which roles may make which request, for every admin endpoint ({@code /api/v1/admin/**}) and console page
 * ({@code /console/**}): the one place where roles are enforced. Both security chains ask it for every request, so an
 * endpoint added later is covered by the defaults without being listed here.
 *
 * <ul>
 *   <li>Reads (GET, HEAD, OPTIONS): every role.
 *   <li>Conversation work, POST or PUT under a conversation ({@code …/conversations/{id}/claim}, {@code assign},
 *       {@code messages}, {@code notes}, {@code release}, {@code resolve}, …), and drafting a reply with
 *       {@code GET …/conversations/{id}/suggestion} (a model call): agents, admins and owners.
 *   <li>Writes to members, invitations and the budget: owners only.
 *   <li>Every other write: admins and owners.
 *   <li>Signing out ({@code POST /api/v1/auth/logout}): every role.
 *   <li>Three exceptions to "reads are for everyone": the customer-signing secret, which lets whoever holds it speak
 *       as any customer, and the audit log, which shows who changed what, are for admins and owners; and the
 *       playground page, which exists only to send test messages (a write), is for those who may send them.
 * </ul>
 *
 * Pure and thread-safe.
 */
public final class RolePolicy {

    private static final Set<MemberRole> EVERYONE = Collections.unmodifiableSet(EnumSet.allOf(MemberRole.class));
    private static final Set<MemberRole> AGENTS = Collections.unmodifiableSet(EnumSet.of(OWNER, ADMIN, AGENT));
    private static final Set<MemberRole> ADMINS = Collections.unmodifiableSet(EnumSet.of(OWNER, ADMIN));
    private static final Set<MemberRole> OWNERS = Collections.unmodifiableSet(EnumSet.of(OWNER));

    /** Writes under these are an owner's: the team and billing-like settings. */
    private static final List<String> OWNER_WRITES = List.of(
            "/api/v1/admin/members",
            "/api/v1/admin/invitations",
            "/api/v1/admin/organization/budget",
            "/console/team",
            "/console/usage/budget");

    /**
     * Credentials that let the holder act, not just read; and the audit log, which says who changed what (with what
     * they sent).
     */
    private static final List<String> SECRETS = List.of(
            "/api/v1/admin/organization/customer-secret",
            "/console/install/secret",
            "/api/v1/admin/audit",
            "/console/audit");

    /** Console pages whose only use is a write that {@link #ADMINS} make. */
    private static final List<String> WRITERS_PAGES = List.of("/console/playground");

    /** A conversation's own actions: {@code /…/conversations/{id}/anything}; the console's inbox, too. */
    private static final Pattern CONVERSATION_WORK =
            Pattern.compile("^(/api/v1/admin|/console)/conversations/[^/]+/.+$|^/console/inbox(/.*)?$");

    /** Every member may end their own sessions. */
    private static final String SIGN_OUT = "/api/v1/auth/logout";

    private static final Pattern SUGGESTION = Pattern.compile("^/api/v1/admin/conversations/[^/]+/suggestion$");

    private RolePolicy() {}

    /**
     * The roles that may make this request.
     *
     * @param path the request's path inside the application (no context path), as sent (it is decoded here)
     */
    public static Set<MemberRole> rolesFor(String method, String path) {
        String p = normalize(path);
        if (p.equals(SIGN_OUT)) {
            return EVERYONE;
        }
        if (under(p, SECRETS)) {
            return ADMINS;
        }
        if (isRead(method)) {
            if (SUGGESTION.matcher(p).matches()) {
                return AGENTS;
            }
            return under(p, WRITERS_PAGES) ? ADMINS : EVERYONE;
        }
        if (under(p, OWNER_WRITES)) {
            return OWNERS;
        }
        if (("POST".equalsIgnoreCase(method) || "PUT".equalsIgnoreCase(method))
                && CONVERSATION_WORK.matcher(p).matches()) {
            return AGENTS;
        }
        return ADMINS;
    }

    /** Whether a member with this role may make the request. */
    public static boolean allows(MemberRole role, String method, String path) {
        return role != null && rolesFor(method, path).contains(role);
    }

    private static boolean isRead(String method) {
        return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method) || "OPTIONS".equalsIgnoreCase(method);
    }

    private static boolean under(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decoded (Spring MVC matches decoded paths, so {@code /%6Dembers} must count as {@code /members}), without
     * repeated or trailing slashes.
     */
    static String normalize(String path) {
        String decoded;
        try {
            decoded = UriUtils.decode(path == null ? "" : path, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            decoded = path == null ? "" : path;
        }
        String collapsed = decoded.replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/")
                ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }
}

package io.parley.team;

import static io.parley.tenant.MemberRole.ADMIN;
import static io.parley.tenant.MemberRole.AGENT;
import static io.parley.tenant.MemberRole.OWNER;
import static io.parley.tenant.MemberRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.tenant.MemberRole;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolePolicyTest {

    private static final Set<MemberRole> EVERYONE = EnumSet.allOf(MemberRole.class);
    private static final Set<MemberRole> AGENTS = EnumSet.of(OWNER, ADMIN, AGENT);
    private static final Set<MemberRole> ADMINS = EnumSet.of(OWNER, ADMIN);
    private static final Set<MemberRole> OWNERS = EnumSet.of(OWNER);

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/admin/organization", EVERYONE),
                Arguments.of("HEAD", "/api/v1/admin/conversations", EVERYONE),
                Arguments.of("GET", "/api/v1/admin/members", EVERYONE),
                Arguments.of("GET", "/api/v1/admin/organization/budget", EVERYONE),
                Arguments.of("GET", "/api/v1/admin/organization/hours", EVERYONE),
                Arguments.of("PUT", "/api/v1/admin/organization/profile", ADMINS),
                Arguments.of("PUT", "/api/v1/admin/organization/hours", ADMINS),
                Arguments.of("PUT", "/api/v1/admin/organization/escalation", ADMINS),
                Arguments.of("POST", "/api/v1/admin/playground", ADMINS),
                Arguments.of("POST", "/api/v1/admin/organization/model/test", ADMINS),
                Arguments.of("PUT", "/api/v1/admin/organization/budget", OWNERS),
                Arguments.of("POST", "/api/v1/admin/invitations", OWNERS),
                Arguments.of("DELETE", "/api/v1/admin/invitations/abc", OWNERS),
                Arguments.of("PUT", "/api/v1/admin/members/abc", OWNERS),
                Arguments.of("DELETE", "/api/v1/admin/members/abc", OWNERS),
                Arguments.of("POST", "/api/v1/admin/conversations/c1/claim", AGENTS),
                Arguments.of("POST", "/api/v1/admin/conversations/c1/assign", AGENTS),
                Arguments.of("POST", "/api/v1/admin/conversations/c1/messages", AGENTS),
                Arguments.of("POST", "/api/v1/admin/conversations/c1/notes", AGENTS),
                Arguments.of("POST", "/api/v1/admin/conversations/c1/release", AGENTS),
                Arguments.of("POST", "/api/v1/admin/conversations/c1/resolve", AGENTS),
                Arguments.of("PUT", "/api/v1/admin/conversations/c1/something-new", AGENTS),
                Arguments.of("GET", "/api/v1/admin/conversations/c1/suggestion", AGENTS),
                Arguments.of("GET", "/api/v1/admin/conversations/c1/messages", EVERYONE),
                Arguments.of("DELETE", "/api/v1/admin/conversations/c1/notes/n1", ADMINS),
                Arguments.of("POST", "/api/v1/admin/conversations", ADMINS),
                Arguments.of("GET", "/api/v1/admin/organization/customer-secret", ADMINS),
                Arguments.of("POST", "/api/v1/admin/organization/customer-secret/rotate", ADMINS),
                // Spring MVC matches the decoded path: so does the policy, and slashes do not change it.
                Arguments.of("POST", "/api/v1/admin/%69nvitations", OWNERS),
                Arguments.of("PUT", "/api/v1/admin//members/abc/", OWNERS),
                Arguments.of("GET", "/api/v1/admin/organization/customer-secret/", ADMINS),
                Arguments.of("GET", "/console", EVERYONE),
                Arguments.of("GET", "/console/profile", EVERYONE),
                Arguments.of("GET", "/console/team", EVERYONE),
                Arguments.of("GET", "/console/playground", ADMINS),
                Arguments.of("POST", "/console/playground", ADMINS),
                Arguments.of("POST", "/console/profile", ADMINS),
                Arguments.of("POST", "/console/install/secret", ADMINS),
                Arguments.of("POST", "/console/usage/budget", OWNERS),
                Arguments.of("POST", "/console/team/invitations", OWNERS),
                Arguments.of("POST", "/console/team/members/m1/role", OWNERS),
                Arguments.of("POST", "/console/conversations/c1/claim", AGENTS),
                Arguments.of("POST", "/console/inbox/c1/reply", AGENTS),
                // Tools run for real (a cancellation is a cancellation): trying one is an admin's write.
                Arguments.of("GET", "/api/v1/admin/tools", EVERYONE),
                Arguments.of("POST", "/api/v1/admin/tools/cancel_pending_order/invoke", ADMINS),
                Arguments.of("GET", "/api/v1/admin/conversations/c1/tool-calls", EVERYONE),
                Arguments.of("POST", "/api/v1/admin/actions", ADMINS),
                Arguments.of("PUT", "/api/v1/admin/actions/a1", ADMINS),
                Arguments.of("DELETE", "/api/v1/admin/actions/a1", ADMINS),
                Arguments.of("POST", "/api/v1/admin/organization/template", ADMINS),
                Arguments.of("GET", "/api/v1/store/orders/%23W0000000", EVERYONE),
                Arguments.of("PUT", "/api/v1/store/orders/%23W0000000", ADMINS),
                Arguments.of("DELETE", "/api/v1/store/products/p1", ADMINS),
                Arguments.of("GET", "/console/tools", EVERYONE),
                Arguments.of("GET", "/api/v1/admin/audit", ADMINS),
                Arguments.of("GET", "/console/audit", ADMINS),
                // Everyone may end their own sessions, a viewer too.
                Arguments.of("POST", "/api/v1/auth/logout", EVERYONE),
                Arguments.of("POST", "/console/tools/cancel_pending_order/try", ADMINS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void allowsExactlyTheRolesTheContractGivesEachRequest(String method, String path, Set<MemberRole> expected) {
        assertThat(RolePolicy.rolesFor(method, path)).isEqualTo(expected);
        for (MemberRole role : MemberRole.values()) {
            assertThat(RolePolicy.allows(role, method, path))
                    .as("%s %s as %s", method, path, role)
                    .isEqualTo(expected.contains(role));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void noRoleIsAllowedWithoutARole(String method, String path, Set<MemberRole> expected) {
        assertThat(RolePolicy.allows(null, method, path)).isFalse();
    }

    @Test
    void viewerNeverWrites() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertThat(RolePolicy.allows(VIEWER, method, "/api/v1/admin/anything/new"))
                    .isFalse();
        }
    }
}

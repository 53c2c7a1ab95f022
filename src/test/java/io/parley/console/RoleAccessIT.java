package io.parley.console;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.team.Teammates;
import io.parley.tenant.MemberRole;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every admin endpoint and console page, for every role, as the contract's roles say: found from Spring MVC's own
 * mappings, so an endpoint added later is covered without editing this test. "Allowed" means anything but 401 or 403
 * (a call with a made-up id or an empty body may well answer 400 or 404: it got past the role check).
 */
class RoleAccessIT extends ParleyAppTest {

    private static final Set<MemberRole> EVERYONE = EnumSet.allOf(MemberRole.class);
    private static final Set<MemberRole> AGENTS = EnumSet.of(MemberRole.OWNER, MemberRole.ADMIN, MemberRole.AGENT);
    private static final Set<MemberRole> ADMINS = EnumSet.of(MemberRole.OWNER, MemberRole.ADMIN);
    private static final Set<MemberRole> OWNERS = EnumSet.of(MemberRole.OWNER);

    /** Pages anyone may open, signed in or not: not subject to roles. */
    private static final List<String> PUBLIC_CONSOLE = List.of(
            "/console/login",
            "/console/signup",
            "/console/logout",
            "/console/forbidden",
            "/console/invitations",
            "/console/password-reset");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private ParleyApi.Organization organization;
    private final Map<MemberRole, Teammates.Joined> members = new EnumMap<>(MemberRole.class);

    @BeforeEach
    void anOrganizationWithOneMemberOfEachRole() {
        organization = api.signUp("Role Call");
        Teammates team = new Teammates(api);
        for (MemberRole role : List.of(MemberRole.ADMIN, MemberRole.AGENT, MemberRole.VIEWER)) {
            members.put(role, team.join(organization, role.name()));
        }
    }

    /** What API.md says each role may do, written out here independently of the policy class under test. */
    static Set<MemberRole> contract(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (path.startsWith("/api/v1/admin/organization/customer-secret")
                || path.startsWith("/console/install/secret")) {
            return ADMINS; // a credential: lets whoever holds it speak as any customer
        }
        if (path.startsWith("/api/v1/admin/audit") || path.startsWith("/console/audit")) {
            return ADMINS; // who changed what, with what they sent: for those who may change it
        }
        if (read) {
            if (path.matches("/api/v1/admin/conversations/[^/]+/suggestion")) {
                return AGENTS;
            }
            return path.startsWith("/console/playground") ? ADMINS : EVERYONE;
        }
        if (path.matches("/api/v1/admin/(members|invitations|organization/budget)(/.*)?")
                || path.matches("/console/(team|usage/budget)(/.*)?")) {
            return OWNERS;
        }
        if ((method.equals("POST") || method.equals("PUT"))
                && path.matches("(/api/v1/admin|/console)/conversations/[^/]+/.+")) {
            return AGENTS;
        }
        return ADMINS;
    }

    @Test
    void everyAdminEndpointAnswersEachRoleAsTheContractSays() {
        List<String[]> endpoints = endpoints("/api/v1/admin/");
        assertThat(endpoints.stream().map(e -> e[0] + " " + e[1]))
                .as("the endpoints found")
                .contains(
                        "GET /api/v1/admin/members",
                        "POST /api/v1/admin/invitations",
                        "PUT /api/v1/admin/organization/budget")
                .hasSizeGreaterThan(20);

        List<String> wrong = new ArrayList<>();
        for (String[] endpoint : endpoints) {
            String method = endpoint[0];
            String path = endpoint[1];
            Set<MemberRole> allowed = contract(method, path);
            for (MemberRole role : List.of(MemberRole.VIEWER, MemberRole.AGENT, MemberRole.ADMIN, MemberRole.OWNER)) {
                ParleyApi.Response response = api.call(method, path, token(role), body(method));
                boolean refused = response.status() == 401 || response.status() == 403;
                if (refused == allowed.contains(role)) {
                    wrong.add(method + " " + path + " as " + role + ": " + response.status());
                }
                if (response.status() == 403) {
                    assertProblem(response.body(), 403, "/problems/forbidden");
                }
            }
        }
        assertThat(wrong).as("calls answered against the contract").isEmpty();
    }

    @Test
    void everyConsolePageAndFormAnswersEachRoleAsTheContractSays() {
        List<String[]> pages = endpoints("/console");
        assertThat(pages.stream().map(e -> e[0] + " " + e[1]))
                .contains("GET /console/team", "POST /console/team/invitations", "POST /console/profile")
                .hasSizeGreaterThan(10);

        List<String> wrong = new ArrayList<>();
        for (MemberRole role : List.of(MemberRole.VIEWER, MemberRole.AGENT, MemberRole.ADMIN, MemberRole.OWNER)) {
            ConsoleBrowser browser = signedIn(role);
            for (String[] page : pages) {
                String method = page[0];
                String path = page[1];
                browser.get("/console/team"); // a fresh CSRF token, as a member clicking around would have
                ConsoleBrowser.Page answer = method.equals("GET") ? browser.get(path) : browser.post(path, Map.of());
                assertThat(String.valueOf(answer.location()))
                        .as(method + " " + path + " as " + role)
                        .doesNotContain("/console/login");
                boolean refused = answer.status() == 403;
                if (refused == contract(method, path).contains(role)) {
                    wrong.add(method + " " + path + " as " + role + ": " + answer.status());
                }
                if (refused) {
                    assertThat(answer.text()).contains("Your role does not allow this.", "Back to the console");
                }
            }
        }
        assertThat(wrong).as("pages answered against the contract").isEmpty();
    }

    @Test
    void theNavigationHidesPagesARoleCannotUseAndSettingsSayWhenTheyAreReadOnly() {
        for (MemberRole role : MemberRole.values()) {
            ConsoleBrowser browser = signedIn(role);
            String overview = browser.get("/console").text();
            assertThat(overview).as(role.name()).contains("href=\"/console/team\"", "Your role: <span>" + role.label());
            boolean writes = role == MemberRole.OWNER || role == MemberRole.ADMIN;
            assertThat(overview.contains("href=\"/console/playground\""))
                    .as(role.name())
                    .isEqualTo(writes);
            assertThat(browser.get("/console/profile").text().contains("Read only."))
                    .as(role.name())
                    .isEqualTo(!writes);
            assertThat(browser.get("/console/usage").text().contains("Read only."))
                    .as(role.name())
                    .isEqualTo(role != MemberRole.OWNER);
            String team = browser.get("/console/team").text();
            assertThat(team.contains("Invite a person")).as(role.name()).isEqualTo(role == MemberRole.OWNER);
            assertThat(team)
                    .contains(
                            organization.email(), members.get(MemberRole.VIEWER).name());
        }
    }

    @Test
    void anHtmxRequestARoleCannotMakeIsSentToTheForbiddenPage() {
        ConsoleBrowser viewer = signedIn(MemberRole.VIEWER);
        viewer.get("/console/install");

        ConsoleBrowser.Page refused = viewer.postWithout(
                "/console/install/secret/rotate",
                Map.of("_csrf", viewer.csrfToken(), "confirmed", "true"),
                Map.of("HX-Request", "true"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.headers().firstValue("HX-Redirect")).contains("/console/forbidden");
        assertThat(viewer.get("/console/forbidden").text()).contains("Your role does not allow this.");
    }

    @Test
    void aRemovedMembersConsoleSessionEndsAtOnce() {
        ConsoleBrowser agent = signedIn(MemberRole.AGENT);
        assertThat(agent.get("/console").status()).isEqualTo(200);

        api.call(
                "DELETE",
                "/api/v1/admin/members/" + members.get(MemberRole.AGENT).id(),
                organization.accessToken(),
                null);

        ConsoleBrowser.Page after = agent.get("/console");
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).contains("/console/login");
        assertThat(agent.get("/console/login").status()).as("no redirect loop").isEqualTo(200);
    }

    private ConsoleBrowser signedIn(MemberRole role) {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        String email = role == MemberRole.OWNER
                ? organization.email()
                : members.get(role).email();
        String password = role == MemberRole.OWNER ? "correct horse battery staple" : Teammates.PASSWORD;
        assertThat(browser.signIn(email, password).status())
                .as("signed in as " + role)
                .isEqualTo(302);
        return browser;
    }

    private String token(MemberRole role) {
        return role == MemberRole.OWNER
                ? organization.accessToken()
                : members.get(role).accessToken();
    }

    private static Object body(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "{}" : null;
    }

    /** Every method and path Spring MVC maps under {@code prefix}, path variables filled with a made-up id. */
    private List<String[]> endpoints(String prefix) {
        Set<String> found = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith(prefix) || isPublic(pattern)) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]*}", "made-up-id");
                for (RequestMethod method :
                        methods.isEmpty() ? EnumSet.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    found.add(method.name() + " " + path);
                }
            }
        });
        return found.stream().map(entry -> entry.split(" ", 2)).toList();
    }

    private static boolean isPublic(String pattern) {
        return PUBLIC_CONSOLE.stream().anyMatch(p -> pattern.equals(p) || pattern.startsWith(p + "/"));
    }
}

package io.parley.console;

import io.parley.security.AccessTokens;
import io.parley.team.AlreadyMemberException;
import io.parley.team.LinkException;
import io.parley.team.Team;
import io.parley.tenant.Member;
import io.parley.tenant.Organizations;
import io.parley.tenant.WeakPasswordException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where an invitation link leads: the person chooses their name and password, and is signed in as a member. */
@Controller
@RequestMapping("/console/invitations/{token}")
class InvitationPageController {

    private final Team team;
    private final AccessTokens tokens;
    private final SessionCookie cookie;

    InvitationPageController(Team team, AccessTokens tokens, SessionCookie cookie) {
        this.team = team;
        this.tokens = tokens;
        this.cookie = cookie;
    }

    @GetMapping
    String page(@PathVariable String token, HttpServletResponse response, Model model) {
        try {
            return render(model, token, team.invitation(token), "", Map.of());
        } catch (LinkException e) {
            return LinkProblems.page(e, "invitation", response, model);
        }
    }

    @PostMapping
    String accept(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Team.Welcome welcome;
        try {
            welcome = team.invitation(token);
        } catch (LinkException e) {
            return LinkProblems.page(e, "invitation", response, model);
        }
        try {
            Member.validName(name);
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(model, token, welcome, name, Map.of("name", e.getMessage()));
        }
        try {
            Team.Joined joined = team.accept(token, name, password);
            cookie.signIn(tokens, joined.member(), request, response);
            return "redirect:/console";
        } catch (WeakPasswordException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(model, token, welcome, name, Map.of("password", e.getMessage()));
        } catch (LinkException e) {
            return LinkProblems.page(e, "invitation", response, model);
        } catch (AlreadyMemberException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return render(
                    model,
                    token,
                    welcome,
                    name,
                    Map.of("name", "This email already has a Parley account in another organization."));
        }
    }

    private static String render(
            Model model, String token, Team.Welcome welcome, String name, Map<String, String> errors) {
        model.addAttribute("token", token);
        model.addAttribute("organizationName", welcome.organization().name());
        model.addAttribute("email", welcome.invitation().email());
        model.addAttribute("role", welcome.invitation().role());
        model.addAttribute("name", name.strip());
        model.addAttribute("errors", errors);
        model.addAttribute("minPassword", Organizations.MIN_PASSWORD_LENGTH);
        return "console/invitation";
    }
}

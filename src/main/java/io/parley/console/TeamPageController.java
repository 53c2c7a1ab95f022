package io.parley.console;

import io.parley.team.AlreadyMemberException;
import io.parley.team.Invitation;
import io.parley.team.InvitationId;
import io.parley.team.Team;
import io.parley.tenant.LastOwnerException;
import io.parley.tenant.Member;
import io.parley.tenant.MemberId;
import io.parley.tenant.MemberRole;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The "Team" page: every member sees who is on the team; owners also invite people (the link is shown once, after
 * inviting), change roles, remove members and withdraw pending invitations. Who may post what is enforced by the
 * security chain's role policy; the page only hides what the member cannot use.
 */
@Controller
@RequestMapping("/console/team")
class TeamPageController {

    private final Team team;
    private final SessionCookie cookie;

    TeamPageController(Team team, SessionCookie cookie) {
        this.team = team;
        this.cookie = cookie;
    }

    /** A member as the table shows them. */
    record Row(String id, String name, String email, MemberRole role, When lastSeen, boolean you) {}

    /** A pending invitation as the table shows it. */
    record Pending(String id, String email, MemberRole role, String invitedBy, When expires) {}

    /** The invitation just made: its link is shown this once. */
    record Made(String email, MemberRole role, String link, When expires, boolean mailed) {}

    @GetMapping
    String page(SignedInMember member, @RequestParam(required = false) String done, Model model) {
        if (done != null) {
            model.addAttribute(
                    "notice",
                    switch (done) {
                        case "role" -> "Role changed.";
                        case "removed" -> "Member removed. Their sign-ins stop working within seconds.";
                        case "revoked" -> "Invitation withdrawn. Its link no longer works.";
                        default -> null;
                    });
        }
        return render(member, model, "", MemberRole.AGENT.name(), Map.of());
    }

    @PostMapping("/invitations")
    String invite(
            SignedInMember member,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String role,
            HttpServletResponse response,
            Model model) {
        MemberRole chosen = MemberRole.parse(role).orElse(null);
        if (chosen == null) {
            return refused(member, model, response, email, role, "role", "Choose a role for the person.");
        }
        try {
            var invited = team.invite(
                    member,
                    email,
                    chosen,
                    ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
            Invitation i = invited.invitation();
            model.addAttribute(
                    "made", new Made(i.email(), i.role(), invited.link(), When.of(i.expiresAt()), invited.mailed()));
            return render(member, model, "", chosen.name(), Map.of());
        } catch (IllegalArgumentException e) {
            return refused(member, model, response, email, role, "email", e.getMessage());
        } catch (AlreadyMemberException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            String message = e.sameOrganization()
                    ? "This person is already a member of your organization."
                    : "This email already has a Parley account in another organization.";
            return render(member, model, email.strip(), role, Map.of("email", message));
        }
    }

    @PostMapping("/invitations/{id}/revoke")
    String revoke(SignedInMember member, @PathVariable String id) {
        if (!team.revoke(member, invitationId(id))) {
            throw new NotFoundException("Your organization has no such pending invitation.");
        }
        return "redirect:/console/team?done=revoked";
    }

    @PostMapping("/members/{id}/role")
    String changeRole(
            SignedInMember member,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String role,
            HttpServletResponse response,
            Model model) {
        MemberRole chosen = MemberRole.parse(role).orElse(null);
        if (chosen == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", "Choose one of the roles.");
            return render(member, model, "", MemberRole.AGENT.name(), Map.of());
        }
        try {
            team.changeRole(member, memberId(id), chosen)
                    .orElseThrow(() -> new NotFoundException("Your organization has no such member."));
            return "redirect:/console/team?done=role";
        } catch (LastOwnerException e) {
            return lastOwner(member, model, response);
        }
    }

    /**
     * Removes a member once confirmed: htmx asks in a dialog and sends {@code confirmed=true}; a plain form is first
     * answered with the question on the page. A member who removes themselves is signed out.
     */
    @PostMapping("/members/{id}/remove")
    String remove(
            SignedInMember member,
            @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean confirmed,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        MemberId target = memberId(id);
        if (!confirmed) {
            Member found = team.members(member.organization()).stream()
                    .filter(m -> m.id().equals(target))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("Your organization has no such member."));
            model.addAttribute(
                    "confirmRemove",
                    new Row(
                            found.id().value(),
                            found.name(),
                            found.email(),
                            found.role(),
                            null,
                            found.id().equals(member.id())));
            return render(member, model, "", MemberRole.AGENT.name(), Map.of());
        }
        try {
            if (!team.remove(member, target)) {
                throw new NotFoundException("Your organization has no such member.");
            }
        } catch (LastOwnerException e) {
            return lastOwner(member, model, response);
        }
        if (target.equals(member.id())) {
            cookie.signOut(request, response);
            return "redirect:/console/login?signedOut";
        }
        return "redirect:/console/team?done=removed";
    }

    private String lastOwner(SignedInMember member, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("error", "This is the organization's only owner. Make another member an owner first.");
        return render(member, model, "", MemberRole.AGENT.name(), Map.of());
    }

    private String refused(
            SignedInMember member,
            Model model,
            HttpServletResponse response,
            String email,
            String role,
            String field,
            String message) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return render(member, model, email.strip(), role, Map.of(field, message));
    }

    private String render(SignedInMember member, Model model, String email, String role, Map<String, String> errors) {
        List<Member> members = team.members(member.organization());
        Map<MemberId, String> names = members.stream().collect(Collectors.toMap(Member::id, Member::name));
        Function<Member, Row> row = m -> new Row(
                m.id().value(),
                m.name(),
                m.email(),
                m.role(),
                m.lastSeenAt() == null ? null : When.of(m.lastSeenAt()),
                m.id().equals(member.id()));
        model.addAttribute("section", "team");
        model.addAttribute("members", members.stream().map(row).toList());
        model.addAttribute(
                "pending",
                team.pendingInvitations(member.organization()).stream()
                        .map(i -> new Pending(
                                i.id().value(),
                                i.email(),
                                i.role(),
                                names.getOrDefault(i.invitedBy(), "a former member"),
                                When.of(i.expiresAt())))
                        .toList());
        model.addAttribute("roles", Arrays.asList(MemberRole.values()));
        model.addAttribute("email", email);
        model.addAttribute("role", role);
        model.addAttribute("errors", errors);
        return "console/team";
    }

    private static MemberId memberId(String id) {
        try {
            return new MemberId(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Your organization has no such member.");
        }
    }

    private static InvitationId invitationId(String id) {
        try {
            return new InvitationId(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Your organization has no such pending invitation.");
        }
    }
}

package io.parley.team.web;

import io.parley.team.AlreadyMemberException;
import io.parley.team.Invitation;
import io.parley.team.InvitationId;
import io.parley.team.Team;
import io.parley.tenant.LastOwnerException;
import io.parley.tenant.Member;
import io.parley.tenant.MemberId;
import io.parley.tenant.MemberRole;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The organization's members and invitations. Reads are for every role; changes for owners (see RolePolicy). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Team")
class TeamController {

    static final String ROLES = "OWNER, ADMIN, AGENT or VIEWER";

    private final Team team;

    TeamController(Team team) {
        this.team = team;
    }

    record MemberView(
            String id,
            String email,
            String name,
            String role,
            @Schema(description = "When the member last used Parley, to the minute; null if never", nullable = true)
                    Instant lastSeenAt) {

        static MemberView of(Member member) {
            return new MemberView(
                    member.id().value(),
                    member.email(),
                    member.name(),
                    member.role().name(),
                    member.lastSeenAt());
        }
    }

    record MemberList(List<MemberView> items) {}

    record RoleChange(@Schema(description = ROLES) String role) {}

    record InvitationRequest(String email, @Schema(description = ROLES) String role) {}

    record InvitationCreated(
            String id,
            String email,
            String role,
            @Schema(description = "The link to send the person; it works once. Only shown here, never again")
                    String link,
            Instant expiresAt,
            @Schema(description = "Whether the link was also mailed (only when a mail server is configured)")
                    boolean mailed) {}

    record InvitationView(
            String id, String email, String role, String invitedBy, Instant createdAt, Instant expiresAt) {}

    record InvitationList(List<InvitationView> items) {}

    @GetMapping("/members")
    @Operation(summary = "The organization's members with their roles and when they were last active")
    MemberList members(SignedInMember member) {
        return new MemberList(
                team.members(member.organization()).stream().map(MemberView::of).toList());
    }

    @PutMapping("/members/{id}")
    @Operation(summary = "Give a member another role (owners only); the last owner cannot be demoted")
    MemberView changeRole(
            SignedInMember member, @PathVariable String id, @RequestBody(required = false) RoleChange body) {
        MemberRole role = role(body == null ? null : body.role());
        try {
            return team.changeRole(member, memberId(id), role)
                    .map(MemberView::of)
                    .orElseThrow(TeamController::noSuchMember);
        } catch (LastOwnerException e) {
            throw ProblemType.LAST_OWNER.exception(
                    "This is the organization's only owner. Make another member an owner first.");
        }
    }

    @DeleteMapping("/members/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (owners only); their sign-ins stop working. The last owner cannot be removed")
    void remove(SignedInMember member, @PathVariable String id) {
        try {
            if (!team.remove(member, memberId(id))) {
                throw noSuchMember();
            }
        } catch (LastOwnerException e) {
            throw ProblemType.LAST_OWNER.exception(
                    "This is the organization's only owner. Make another member an owner first.");
        }
    }

    @GetMapping("/invitations")
    @Operation(summary = "Invitations not accepted yet and still valid, newest first")
    InvitationList invitations(SignedInMember member) {
        Map<MemberId, String> names =
                team.members(member.organization()).stream().collect(Collectors.toMap(Member::id, Member::name));
        Function<Invitation, InvitationView> view = i -> new InvitationView(
                i.id().value(),
                i.email(),
                i.role().name(),
                names.getOrDefault(i.invitedBy(), null),
                i.createdAt(),
                i.expiresAt());
        return new InvitationList(team.pendingInvitations(member.organization()).stream()
                .map(view)
                .toList());
    }

    @PostMapping("/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Invite a person by email with a role (owners only)",
            description = "Answers the link to send them; it works once, for 7 days. It is mailed as well when a mail"
                    + " server is configured. An email that already has an account gets 409.")
    InvitationCreated invite(SignedInMember member, @RequestBody(required = false) InvitationRequest body) {
        if (body == null || body.email() == null || body.email().isBlank()) {
            throw ProblemException.invalid("email", "Enter the email address of the person to invite.");
        }
        MemberRole role = role(body.role());
        try {
            var invited = team.invite(
                    member,
                    body.email(),
                    role,
                    ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
            Invitation i = invited.invitation();
            return new InvitationCreated(
                    i.id().value(), i.email(), i.role().name(), invited.link(), i.expiresAt(), invited.mailed());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("email", e.getMessage());
        } catch (AlreadyMemberException e) {
            throw ProblemType.EMAIL_TAKEN.exception(
                    e.sameOrganization()
                            ? "This person is already a member of your organization."
                            : "This email already has a Parley account in another organization; one email belongs to"
                                    + " one organization.");
        }
    }

    @DeleteMapping("/invitations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw an invitation that was not accepted yet (owners only); its link stops working")
    void revoke(SignedInMember member, @PathVariable String id) {
        InvitationId invitation;
        try {
            invitation = new InvitationId(id);
        } catch (IllegalArgumentException e) {
            throw noSuchInvitation();
        }
        if (!team.revoke(member, invitation)) {
            throw noSuchInvitation();
        }
    }

    static MemberRole role(String text) {
        return MemberRole.parse(text)
                .orElseThrow(() -> ProblemException.invalid("role", "The role must be " + ROLES + "."));
    }

    private static MemberId memberId(String id) {
        try {
            return new MemberId(id);
        } catch (IllegalArgumentException e) {
            throw noSuchMember();
        }
    }

    private static ProblemException noSuchMember() {
        return ProblemType.NOT_FOUND.exception("Your organization has no such member.");
    }

    private static ProblemException noSuchInvitation() {
        return ProblemType.NOT_FOUND.exception("Your organization has no such pending invitation.");
    }
}

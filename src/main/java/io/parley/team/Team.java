package io.parley.team;

import io.parley.tenant.EmailTakenException;
import io.parley.tenant.Member;
import io.parley.tenant.MemberId;
import io.parley.tenant.MemberRole;
import io.parley.tenant.Members;
import io.parley.tenant.Organization;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.Organizations;
import io.parley.tenant.SignedInMember;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;

/**
 * The team feature's API: an organization's members, their roles, and invitations to join it. Who may call what is
 * not checked here but by {@link RolePolicy} for every request. Thread-safe.
 */
public class Team {

    private final Members members;
    private final Organizations organizations;
    private final TeamStore store;
    private final TeamMail mail;
    private final TeamProperties settings;
    private final Clock clock;

    Team(
            Members members,
            Organizations organizations,
            TeamStore store,
            TeamMail mail,
            TeamProperties settings,
            Clock clock) {
        this.members = members;
        this.organizations = organizations;
        this.store = store;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
    }

    /** An invitation just made: its link (shown once; only its hash is kept) and whether it was mailed. */
    public record Invited(Invitation invitation, String link, boolean mailed) {
        public Invited {
            Objects.requireNonNull(invitation, "invitation");
            Objects.requireNonNull(link, "link");
        }

        @Override
        public String toString() {
            return "Invited[" + invitation + ", mailed=" + mailed + "]";
        }
    }

    /** A pending invitation with its link's organization, for the page where it is accepted. */
    public record Welcome(Invitation invitation, Organization organization) {}

    /** A person who accepted an invitation, now a member, and their organization. */
    public record Joined(Member member, Organization organization) {}

    public List<Member> members(OrganizationId organization) {
        return members.list(organization);
    }

    public List<Invitation> pendingInvitations(OrganizationId organization) {
        return store.pendingInvitations(organization, clock.instant());
    }

    /**
     * Gives a member another role.
     *
     * @return empty when the organization has no such member
     * @throws io.parley.tenant.LastOwnerException when that would leave the organization without an owner
     */
    public Optional<Member> changeRole(SignedInMember by, MemberId member, MemberRole role) {
        return members.changeRole(by.organization(), member, role);
    }

    /**
     * Removes a member from the organization; their access tokens stop working within seconds.
     *
     * @return false when the organization has no such member
     * @throws io.parley.tenant.LastOwnerException when that would leave the organization without an owner
     */
    public boolean remove(SignedInMember by, MemberId member) {
        return members.remove(by.organization(), member);
    }

    /**
     * Invites a person by email, replacing any earlier pending invitation of theirs, and mails them the link when a
     * mail server is configured.
     *
     * @param requestBase the address the request came to, used for the link unless a public URL is configured
     * @throws IllegalArgumentException when the email is not valid (the message is safe to show)
     * @throws AlreadyMemberException when the email already has an account (here or in another organization)
     */
    public Invited invite(SignedInMember by, String email, MemberRole role, String requestBase) {
        Objects.requireNonNull(role, "role");
        String normalized = Organizations.validEmail(email);
        members.byEmail(normalized).ifPresent(existing -> {
            throw new AlreadyMemberException(existing.organization().equals(by.organization()));
        });
        Instant now = clock.instant();
        Invitation invitation = new Invitation(
                InvitationId.generate(),
                by.organization(),
                normalized,
                role,
                by.id(),
                now,
                now.plus(settings.invitationTtl()),
                null);
        String token = LinkTokens.generate();
        store.saveInvitation(invitation, LinkTokens.hash(token));
        String link = settings.base(requestBase) + "/console/invitations/" + token;
        boolean mailed = mail.configured() && mail.send(normalized, subject(by), body(by, role, link, invitation));
        return new Invited(invitation, link, mailed);
    }

    /**
     * Withdraws a pending invitation.
     *
     * @return false when the organization has no such pending invitation
     */
    public boolean revoke(SignedInMember by, InvitationId invitation) {
        return store.deleteInvitation(by.organization(), invitation);
    }

    /**
     * The invitation behind a link, if it still works.
     *
     * @throws LinkException when it does not, saying why
     */
    public Welcome invitation(String token) {
        Invitation invitation = usable(token);
        Organization organization = organizations
                .find(invitation.organization())
                .orElseThrow(() -> new LinkException(LinkException.Reason.UNKNOWN));
        return new Welcome(invitation, organization);
    }

    /**
     * Accepts an invitation: the person becomes a member with the invitation's email and role, and the link stops
     * working. Name and password are checked before the link is used, so a mistake there can be corrected.
     *
     * @throws LinkException when the link does not work
     * @throws IllegalArgumentException when the name is not valid (the message is safe to show)
     * @throws io.parley.tenant.WeakPasswordException when the password breaks the policy
     * @throws AlreadyMemberException when the email got an account in another organization meanwhile
     */
    public Joined accept(String token, String name, String password) {
        Welcome welcome = invitation(token);
        Invitation invitation = welcome.invitation();
        Member.validName(name);
        members.checkPassword(password);
        Member member;
        try {
            // The email is unique among members: of two acceptances at once, only one can insert it.
            member = members.join(invitation.organization(), invitation.email(), name, password, invitation.role());
        } catch (EmailTakenException e) {
            boolean here = members.byEmail(invitation.email())
                    .map(m -> m.organization().equals(invitation.organization()))
                    .orElse(false);
            if (here) {
                throw new LinkException(LinkException.Reason.USED);
            }
            throw new AlreadyMemberException(false);
        }
        store.markAccepted(invitation.id(), clock.instant());
        return new Joined(member, welcome.organization());
    }

    /**
     * Signs in a person whom the OpenID Connect issuer vouched for: the member their subject was linked to before;
     * else the member with their verified email; else they accept the newest pending invitation of that email (with its
     * role, named by the issuer's {@code name} or their email). The subject is remembered for the member, so that the
     * issuer's access tokens name them even without an email. Members made this way get an unusable random password:
     * a password of their own takes a password reset.
     *
     * @throws NotInvitedException when no organization knows them
     */
    public Joined signInWithIssuer(IssuerIdentity identity) {
        Optional<Member> linked = store.memberByIssuerSubject(identity.issuer(), identity.subject())
                .flatMap(link -> members.find(link.organization(), link.member()));
        Member member = linked.orElseGet(() -> byVerifiedEmail(identity));
        if (linked.isEmpty()) {
            try {
                store.linkIssuerSubject(
                        identity.issuer(), identity.subject(), member.organization(), member.id(), clock.instant());
            } catch (DuplicateKeyException e) {
                // Two first sign-ins of the same person at once: the other one linked them.
            }
        }
        Organization organization = organizations
                .find(member.organization())
                .orElseThrow(() -> new NotInvitedException(identity.emailVerified()));
        return new Joined(member, organization);
    }

    private Member byVerifiedEmail(IssuerIdentity identity) {
        String email = identity.verifiedEmail();
        if (email == null) {
            throw new NotInvitedException(false);
        }
        String normalized;
        try {
            normalized = Organizations.validEmail(email);
        } catch (IllegalArgumentException e) {
            throw new NotInvitedException(true);
        }
        Optional<Member> existing = members.byEmail(normalized);
        if (existing.isPresent()) {
            return existing.get();
        }
        Invitation invitation = store.pendingInvitationFor(normalized, clock.instant())
                .orElseThrow(() -> new NotInvitedException(true));
        String name = identity.name();
        try {
            name = Member.validName(name);
        } catch (IllegalArgumentException e) {
            name = Member.nameFromEmail(normalized);
        }
        Member member;
        try {
            member =
                    members.join(invitation.organization(), normalized, name, LinkTokens.generate(), invitation.role());
        } catch (EmailTakenException e) {
            // Accepted at the same moment by another sign-in (or the link): that member is the one.
            return members.byEmail(normalized).orElseThrow(() -> new NotInvitedException(true));
        }
        store.markAccepted(invitation.id(), clock.instant());
        return member;
    }

    private Invitation usable(String token) {
        if (!LinkTokens.isWellFormed(token)) {
            throw new LinkException(LinkException.Reason.UNKNOWN);
        }
        Invitation invitation = store.invitationByTokenHash(LinkTokens.hash(token))
                .orElseThrow(() -> new LinkException(LinkException.Reason.UNKNOWN));
        if (invitation.accepted()) {
            throw new LinkException(LinkException.Reason.USED);
        }
        if (invitation.expired(clock.instant())) {
            throw new LinkException(LinkException.Reason.EXPIRED);
        }
        return invitation;
    }

    private String subject(SignedInMember by) {
        return "You are invited to " + organizationName(by) + " on Parley";
    }

    private String body(SignedInMember by, MemberRole role, String link, Invitation invitation) {
        String inviter =
                members.find(by.organization(), by.id()).map(Member::name).orElse("A member");
        return inviter + " invited you to join " + organizationName(by) + " on Parley as "
                + article(role.label()) + " " + role.label() + " ("
                + role.description().toLowerCase(java.util.Locale.ROOT)
                + ").\n\nChoose your name and password here:\n" + link
                + "\n\nThe link works once, until " + invitation.expiresAt() + ". If you did not expect this, ignore"
                + " this mail.\n";
    }

    private String organizationName(SignedInMember by) {
        return organizations.find(by.organization()).map(Organization::name).orElse("an organization");
    }

    private static String article(String word) {
        return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
    }
}

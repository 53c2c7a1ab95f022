package io.parley.team.jdbc;

import io.parley.team.Invitation;
import io.parley.team.InvitationId;
import io.parley.team.PasswordReset;
import io.parley.team.TeamStore;
import io.parley.tenant.MemberId;
import io.parley.tenant.MemberRole;
import io.parley.tenant.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link TeamStore} on H2 or PostgreSQL through plain SQL. */
public class JdbcTeamStore implements TeamStore {

    private static final String INVITATION_COLUMNS =
            "id, organization_id, email, role, invited_by, created_at, expires_at, accepted_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcTeamStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void saveInvitation(Invitation invitation, String tokenHash) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM invitations WHERE organization_id = ? AND email = ? AND accepted_at IS NULL")
                    .params(invitation.organization().value(), invitation.email())
                    .update();
            jdbc.sql("INSERT INTO invitations (" + INVITATION_COLUMNS + ", token_hash)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            invitation.id().value(),
                            invitation.organization().value(),
                            invitation.email(),
                            invitation.role().name(),
                            invitation.invitedBy().value(),
                            time(invitation.createdAt()),
                            time(invitation.expiresAt()),
                            invitation.acceptedAt() == null ? null : time(invitation.acceptedAt()),
                            tokenHash)
                    .update();
        });
    }

    @Override
    public List<Invitation> pendingInvitations(OrganizationId organization, Instant now) {
        return jdbc.sql("SELECT " + INVITATION_COLUMNS + " FROM invitations WHERE organization_id = ?"
                        + " AND accepted_at IS NULL AND expires_at > ? ORDER BY created_at DESC")
                .params(organization.value(), time(now))
                .query(JdbcTeamStore::invitation)
                .list();
    }

    @Override
    public Optional<Invitation> invitationByTokenHash(String tokenHash) {
        return jdbc.sql("SELECT " + INVITATION_COLUMNS + " FROM invitations WHERE token_hash = ?")
                .param(tokenHash)
                .query(JdbcTeamStore::invitation)
                .optional();
    }

    @Override
    public Optional<Invitation> pendingInvitationFor(String email, Instant now) {
        return jdbc
                .sql("SELECT " + INVITATION_COLUMNS + " FROM invitations WHERE email = ?"
                        + " AND accepted_at IS NULL AND expires_at > ? ORDER BY created_at DESC")
                .params(email, time(now))
                .query(JdbcTeamStore::invitation)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<LinkedMember> memberByIssuerSubject(String issuer, String subject) {
        // Joined with members so that the organization is the member's own, whatever the link row says.
        return jdbc.sql("SELECT m.organization_id, m.id FROM member_identities i JOIN members m ON m.id = i.member_id"
                        + " WHERE i.issuer = ? AND i.subject = ?")
                .params(issuer, subject)
                .query((rs, row) ->
                        new LinkedMember(new OrganizationId(rs.getString(1)), new MemberId(rs.getString(2))))
                .optional();
    }

    @Override
    public void linkIssuerSubject(
            String issuer, String subject, OrganizationId organization, MemberId member, Instant at) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM member_identities WHERE issuer = ? AND (subject = ? OR member_id = ?)")
                    .params(issuer, subject, member.value())
                    .update();
            jdbc.sql("INSERT INTO member_identities (issuer, subject, organization_id, member_id, linked_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(issuer, subject, organization.value(), member.value(), time(at))
                    .update();
        });
    }

    @Override
    public boolean markAccepted(InvitationId id, Instant at) {
        return jdbc.sql("UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL")
                        .params(time(at), id.value())
                        .update()
                == 1;
    }

    @Override
    public boolean deleteInvitation(OrganizationId organization, InvitationId id) {
        return jdbc.sql("DELETE FROM invitations WHERE organization_id = ? AND id = ? AND accepted_at IS NULL")
                        .params(organization.value(), id.value())
                        .update()
                == 1;
    }

    @Override
    public void saveReset(String tokenHash, PasswordReset reset) {
        jdbc.sql("INSERT INTO password_resets (token_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(tokenHash, reset.member().value(), time(reset.createdAt()), time(reset.expiresAt()))
                .update();
    }

    @Override
    public Optional<PasswordReset> resetByTokenHash(String tokenHash) {
        return jdbc.sql("SELECT member_id, created_at, expires_at, used_at FROM password_resets WHERE token_hash = ?")
                .param(tokenHash)
                .query((rs, row) -> new PasswordReset(
                        new MemberId(rs.getString("member_id")),
                        instant(rs, "created_at"),
                        instant(rs, "expires_at"),
                        nullableInstant(rs, "used_at")))
                .optional();
    }

    @Override
    public boolean useReset(String tokenHash, MemberId member, Instant at) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            int used = jdbc.sql("UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                            + " AND expires_at > ?")
                    .params(time(at), tokenHash, time(at))
                    .update();
            if (used != 1) {
                return false;
            }
            jdbc.sql("UPDATE password_resets SET used_at = ? WHERE member_id = ? AND used_at IS NULL")
                    .params(time(at), member.value())
                    .update();
            return true;
        }));
    }

    private static Invitation invitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(
                new InvitationId(rs.getString("id")),
                new OrganizationId(rs.getString("organization_id")),
                rs.getString("email"),
                MemberRole.valueOf(rs.getString("role")),
                new MemberId(rs.getString("invited_by")),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                nullableInstant(rs, "accepted_at"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

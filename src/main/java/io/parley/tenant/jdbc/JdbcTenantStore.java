package io.parley.tenant.jdbc;

import io.parley.tenant.BusinessProfile;
import io.parley.tenant.EmailTakenException;
import io.parley.tenant.LastOwnerException;
import io.parley.tenant.Member;
import io.parley.tenant.MemberId;
import io.parley.tenant.MemberRole;
import io.parley.tenant.Organization;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;
import io.parley.tenant.SiteKey;
import io.parley.tenant.TenantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link TenantStore} on H2 or PostgreSQL through plain SQL. Profile lists are kept as JSON arrays. */
public class JdbcTenantStore implements TenantStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String MEMBER_COLUMNS =
            "id, organization_id, email, name, password_hash, role, created_at, last_seen_at, token_generation";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    public JdbcTenantStore(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void createOrganization(
            Organization organization, String sealedCustomerSecret, Member owner, ProfileVersion first) {
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("INSERT INTO organizations (id, name, site_key, customer_secret, created_at)"
                                + " VALUES (?, ?, ?, ?, ?)")
                        .params(
                                organization.id().value(),
                                organization.name(),
                                organization.siteKey().value(),
                                sealedCustomerSecret,
                                time(organization.createdAt()))
                        .update();
                insertMember(owner);
                insertProfile(first, null);
            });
        } catch (DuplicateKeyException e) {
            throw new EmailTakenException();
        }
    }

    @Override
    public Optional<Organization> organization(OrganizationId id) {
        return jdbc.sql("SELECT id, name, site_key, created_at FROM organizations WHERE id = ?")
                .param(id.value())
                .query(JdbcTenantStore::organization)
                .optional();
    }

    @Override
    public Optional<Organization> organizationBySiteKey(SiteKey siteKey) {
        return jdbc.sql("SELECT id, name, site_key, created_at FROM organizations WHERE site_key = ?")
                .param(siteKey.value())
                .query(JdbcTenantStore::organization)
                .optional();
    }

    @Override
    public Optional<Member> memberByEmail(String email) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM members WHERE email = ?")
                .param(email)
                .query(JdbcTenantStore::member)
                .optional();
    }

    @Override
    public List<Member> members(OrganizationId organization) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM members WHERE organization_id = ? ORDER BY name, email")
                .param(organization.value())
                .query(JdbcTenantStore::member)
                .list();
    }

    @Override
    public Optional<Member> member(OrganizationId organization, MemberId id) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM members WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id.value())
                .query(JdbcTenantStore::member)
                .optional();
    }

    @Override
    public void addMember(Member member) {
        try {
            insertMember(member);
        } catch (DuplicateKeyException e) {
            throw new EmailTakenException();
        }
    }

    @Override
    public Optional<Member> changeRole(OrganizationId organization, MemberId id, MemberRole role) {
        return transactions.execute(status -> {
            lockMembersOf(organization);
            Optional<Member> member = member(organization, id);
            if (member.isEmpty()) {
                return Optional.<Member>empty();
            }
            if (role != MemberRole.OWNER && isOnlyOwner(member.get())) {
                throw new LastOwnerException();
            }
            jdbc.sql("UPDATE members SET role = ? WHERE organization_id = ? AND id = ?")
                    .params(role.name(), organization.value(), id.value())
                    .update();
            return Optional.of(member.get().withRole(role));
        });
    }

    @Override
    public boolean removeMember(OrganizationId organization, MemberId id) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            lockMembersOf(organization);
            Optional<Member> member = member(organization, id);
            if (member.isEmpty()) {
                return false;
            }
            if (isOnlyOwner(member.get())) {
                throw new LastOwnerException();
            }
            return jdbc.sql("DELETE FROM members WHERE organization_id = ? AND id = ?")
                            .params(organization.value(), id.value())
                            .update()
                    == 1;
        }));
    }

    @Override
    public boolean replacePasswordHash(MemberId id, String passwordHash) {
        // A new password ends every access token issued with the old one.
        return jdbc.sql("UPDATE members SET password_hash = ?, token_generation = token_generation + 1 WHERE id = ?")
                        .params(passwordHash, id.value())
                        .update()
                == 1;
    }

    @Override
    public boolean rehashPassword(OrganizationId organization, MemberId id, String oldHash, String newHash) {
        return jdbc.sql(
                                "UPDATE members SET password_hash = ? WHERE organization_id = ? AND id = ? AND password_hash = ?")
                        .params(newHash, organization.value(), id.value(), oldHash)
                        .update()
                == 1;
    }

    @Override
    public boolean revokeAllTokens(OrganizationId organization, MemberId id) {
        return jdbc.sql("UPDATE members SET token_generation = token_generation + 1"
                                + " WHERE organization_id = ? AND id = ?")
                        .params(organization.value(), id.value())
                        .update()
                == 1;
    }

    @Override
    public void revokeToken(OrganizationId organization, MemberId id, String tokenId, Instant expiresAt, Instant now) {
        // Two statements, each its own transaction: on PostgreSQL a duplicate key would spoil a shared one.
        jdbc.sql("DELETE FROM revoked_access_tokens WHERE expires_at <= ?")
                .param(time(now))
                .update();
        try {
            jdbc.sql("INSERT INTO revoked_access_tokens (token_id, organization_id, member_id, expires_at)"
                            + " VALUES (?, ?, ?, ?)")
                    .params(tokenId, organization.value(), id.value(), time(expiresAt))
                    .update();
        } catch (DuplicateKeyException alreadyRevoked) {
            // Signing out twice with the same token (on two nodes at once) is one revocation.
        }
    }

    @Override
    public Set<String> revokedTokens(OrganizationId organization, MemberId id, Instant now) {
        return Set.copyOf(jdbc.sql("SELECT token_id FROM revoked_access_tokens"
                        + " WHERE organization_id = ? AND member_id = ? AND expires_at > ?")
                .params(organization.value(), id.value(), time(now))
                .query(String.class)
                .list());
    }

    @Override
    public void touch(MemberId id, Instant at) {
        jdbc.sql("UPDATE members SET last_seen_at = ? WHERE id = ?")
                .params(time(at), id.value())
                .update();
    }

    /** Serializes changes to one organization's members: the organization's row is locked until the commit. */
    private void lockMembersOf(OrganizationId organization) {
        jdbc.sql("SELECT id FROM organizations WHERE id = ? FOR UPDATE")
                .param(organization.value())
                .query(String.class)
                .optional();
    }

    private boolean isOnlyOwner(Member member) {
        if (member.role() != MemberRole.OWNER) {
            return false;
        }
        long owners = jdbc.sql("SELECT COUNT(*) FROM members WHERE organization_id = ? AND role = ?")
                .params(member.organization().value(), MemberRole.OWNER.name())
                .query(Long.class)
                .single();
        return owners <= 1;
    }

    private void insertMember(Member member) {
        jdbc.sql("INSERT INTO members (id, organization_id, email, name, password_hash, role, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        member.id().value(),
                        member.organization().value(),
                        member.email(),
                        member.name(),
                        member.passwordHash(),
                        member.role().name(),
                        time(member.createdAt()))
                .update();
    }

    private static Member member(ResultSet rs, int row) throws SQLException {
        OffsetDateTime seen = rs.getObject("last_seen_at", OffsetDateTime.class);
        return new Member(
                new MemberId(rs.getString("id")),
                new OrganizationId(rs.getString("organization_id")),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("password_hash"),
                MemberRole.valueOf(rs.getString("role")),
                instant(rs, "created_at"),
                seen == null ? null : seen.toInstant(),
                rs.getLong("token_generation"));
    }

    @Override
    public Optional<ProfileVersion> currentProfile(OrganizationId organization) {
        return jdbc.sql("SELECT * FROM business_profiles WHERE organization_id = ? ORDER BY version DESC LIMIT 1")
                .param(organization.value())
                .query(this::profile)
                .optional();
    }

    @Override
    public Optional<ProfileVersion> profileVersion(OrganizationId organization, int version) {
        return jdbc.sql("SELECT * FROM business_profiles WHERE organization_id = ? AND version = ?")
                .params(organization.value(), version)
                .query(this::profile)
                .optional();
    }

    @Override
    public ProfileVersion saveProfile(
            OrganizationId organization, BusinessProfile profile, String prompt, MemberId savedBy, Instant at) {
        // Two saves at once both read the same latest version; the primary key lets only one insert it, and the
        // other simply tries again with the next number.
        for (int attempt = 0; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM business_profiles"
                                    + " WHERE organization_id = ?")
                            .param(organization.value())
                            .query(Integer.class)
                            .single();
                    ProfileVersion saved = new ProfileVersion(organization, next, profile, prompt, at);
                    insertProfile(saved, savedBy);
                    return saved;
                });
            } catch (DuplicateKeyException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String sealedCustomerSecret(OrganizationId organization) {
        return jdbc.sql("SELECT customer_secret FROM organizations WHERE id = ?")
                .param(organization.value())
                .query(String.class)
                .single();
    }

    @Override
    public void replaceCustomerSecret(OrganizationId organization, String sealedCustomerSecret) {
        jdbc.sql("UPDATE organizations SET customer_secret = ? WHERE id = ?")
                .params(sealedCustomerSecret, organization.value())
                .update();
    }

    @Override
    public List<String> allowedOrigins(OrganizationId organization) {
        return jdbc.sql("SELECT origin FROM allowed_origins WHERE organization_id = ? ORDER BY origin")
                .param(organization.value())
                .query(String.class)
                .list();
    }

    @Override
    public void replaceAllowedOrigins(OrganizationId organization, List<String> origins) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM allowed_origins WHERE organization_id = ?")
                    .param(organization.value())
                    .update();
            for (String origin : origins) {
                jdbc.sql("INSERT INTO allowed_origins (organization_id, origin) VALUES (?, ?)")
                        .params(organization.value(), origin)
                        .update();
            }
        });
    }

    private void insertProfile(ProfileVersion version, MemberId savedBy) {
        BusinessProfile profile = version.profile();
        jdbc.sql("INSERT INTO business_profiles (organization_id, version, business_name, description, rules,"
                        + " guidelines, profile_values, tone, fallback_message, prompt, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        version.organization().value(),
                        version.version(),
                        profile.businessName(),
                        profile.description(),
                        json.writeValueAsString(profile.rules()),
                        json.writeValueAsString(profile.guidelines()),
                        json.writeValueAsString(profile.values()),
                        profile.tone(),
                        profile.fallbackMessage(),
                        version.prompt(),
                        savedBy == null ? null : savedBy.value(),
                        time(version.generatedAt()))
                .update();
    }

    private ProfileVersion profile(ResultSet rs, int row) throws SQLException {
        BusinessProfile profile = new BusinessProfile(
                rs.getString("business_name"),
                rs.getString("description"),
                json.readValue(rs.getString("rules"), STRINGS),
                json.readValue(rs.getString("guidelines"), STRINGS),
                json.readValue(rs.getString("profile_values"), STRINGS),
                rs.getString("tone"),
                rs.getString("fallback_message"));
        return new ProfileVersion(
                new OrganizationId(rs.getString("organization_id")),
                rs.getInt("version"),
                profile,
                rs.getString("prompt"),
                instant(rs, "created_at"));
    }

    private static Organization organization(ResultSet rs, int row) throws SQLException {
        return new Organization(
                new OrganizationId(rs.getString("id")),
                rs.getString("name"),
                new SiteKey(rs.getString("site_key")),
                instant(rs, "created_at"));
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}

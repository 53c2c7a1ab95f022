package io.parley.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where organizations, their members, profiles and settings are kept. Every call about an organization's data takes
 * that organization explicitly. Implementations are thread-safe; each method is one transaction.
 */
public interface TenantStore {

    /**
     * Creates an organization with its owner and first profile version, all or nothing.
     *
     * @param sealedCustomerSecret the organization's customer-signing secret, already encrypted
     * @throws EmailTakenException when a member already has the owner's email
     */
    void createOrganization(Organization organization, String sealedCustomerSecret, Member owner, ProfileVersion first);

    Optional<Organization> organization(OrganizationId id);

    Optional<Organization> organizationBySiteKey(SiteKey siteKey);

    /** @param email already normalized (trimmed, lower case) */
    Optional<Member> memberByEmail(String email);

    /** The organization's members, by name. */
    List<Member> members(OrganizationId organization);

    /** The member, only if it belongs to this organization. */
    Optional<Member> member(OrganizationId organization, MemberId id);

    /**
     * Adds a member to an existing organization.
     *
     * @throws EmailTakenException when a member (of any organization) already has the email
     */
    void addMember(Member member);

    /**
     * Gives a member of this organization another role; changes to one organization's members are serialized, so
     * two owners demoting each other at once cannot leave it with none.
     *
     * @return the member with the new role, or empty when the organization has no such member
     * @throws LastOwnerException when the member is the organization's only owner and the role is not OWNER
     */
    Optional<Member> changeRole(OrganizationId organization, MemberId id, MemberRole role);

    /**
     * Removes a member of this organization (serialized as {@link #changeRole}).
     *
     * @return false when the organization has no such member
     * @throws LastOwnerException when the member is the organization's only owner
     */
    boolean removeMember(OrganizationId organization, MemberId id);

    /**
     * Gives the member a new password and ends every access token issued before (counts their token generation up).
     *
     * @return false when there is no such member
     */
    boolean replacePasswordHash(MemberId id, String passwordHash);

    /**
     * Replaces the hash of the same password with a costlier one, only if the stored hash is still {@code oldHash} (a
     * password changed meanwhile wins). Access tokens are untouched: the password is the same.
     *
     * @return whether the hash was replaced
     */
    boolean rehashPassword(OrganizationId organization, MemberId id, String oldHash, String newHash);

    /**
     * Ends every access token the member holds now: counts their token generation up.
     *
     * @return false when the organization has no such member
     */
    boolean revokeAllTokens(OrganizationId organization, MemberId id);

    /**
     * Ends one access token before it expires; revoking it again does nothing. Forgets tokens that expired by
     * {@code now}.
     */
    void revokeToken(OrganizationId organization, MemberId id, String tokenId, Instant expiresAt, Instant now);

    /** The ids of the member's revoked access tokens that have not expired by {@code now}. */
    Set<String> revokedTokens(OrganizationId organization, MemberId id, Instant now);

    /** Records that the member was active at {@code at}. */
    void touch(MemberId id, Instant at);

    Optional<ProfileVersion> currentProfile(OrganizationId organization);

    Optional<ProfileVersion> profileVersion(OrganizationId organization, int version);

    /**
     * Saves a new profile version numbered one more than the current one.
     *
     * @return the saved version
     */
    ProfileVersion saveProfile(
            OrganizationId organization, BusinessProfile profile, String prompt, MemberId savedBy, Instant at);

    /** The encrypted customer-signing secret. */
    String sealedCustomerSecret(OrganizationId organization);

    void replaceCustomerSecret(OrganizationId organization, String sealedCustomerSecret);

    /** Origins (scheme://host[:port]) allowed to open the chat from a browser, sorted. */
    List<String> allowedOrigins(OrganizationId organization);

    void replaceAllowedOrigins(OrganizationId organization, List<String> origins);
}

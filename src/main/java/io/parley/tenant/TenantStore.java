package io.parley.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

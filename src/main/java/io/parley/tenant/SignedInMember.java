package io.parley.tenant;

/**
 * The member behind an authenticated admin request. Controllers of any feature declare a parameter of this type to
 * get it; it comes from the verified access token, never from the request's body or path.
 */
public record SignedInMember(MemberId id, OrganizationId organization, MemberRole role) {}

package io.parley.tenant;

/** What a member may do in their organization. */
public enum MemberRole {
    /** Created the organization; may change everything. */
    OWNER
}

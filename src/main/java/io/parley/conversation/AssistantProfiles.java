package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import io.parley.tenant.ProfileVersion;

/** The engine's view of the tenant feature: each organization's current profile and generated prompt. */
@FunctionalInterface
public interface AssistantProfiles {

    /** The current version; fast (cached) because it is read for every reply. */
    ProfileVersion current(OrganizationId organization);
}

package io.parley.handoff;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link HandoffSettingsStore} in memory for unit tests; counts reads of the hours. */
final class InMemoryHandoffSettingsStore implements HandoffSettingsStore {

    private final Map<OrganizationId, BusinessHours> hours = new ConcurrentHashMap<>();
    private final Map<OrganizationId, EscalationSettings> escalation = new ConcurrentHashMap<>();
    int reads;

    @Override
    public Optional<BusinessHours> hours(OrganizationId organization) {
        reads++;
        return Optional.ofNullable(hours.get(organization));
    }

    @Override
    public void saveHours(OrganizationId organization, BusinessHours saved, Instant at) {
        hours.put(organization, saved);
    }

    @Override
    public Optional<EscalationSettings> escalation(OrganizationId organization) {
        return Optional.ofNullable(escalation.get(organization));
    }

    @Override
    public void saveEscalation(OrganizationId organization, EscalationSettings saved, Instant at) {
        escalation.put(organization, saved);
    }
}

package io.parley.handoff;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where each organization's business hours and escalation settings are kept. Every call names the organization and
 * sees only its settings. Thread-safe.
 */
public interface HandoffSettingsStore {

    /** The organization's business hours; empty when it never set any. */
    Optional<BusinessHours> hours(OrganizationId organization);

    /** Replaces the organization's business hours. */
    void saveHours(OrganizationId organization, BusinessHours hours, Instant at);

    /** The organization's escalation settings; empty when it never changed them. */
    Optional<EscalationSettings> escalation(OrganizationId organization);

    /** Replaces the organization's escalation settings. */
    void saveEscalation(OrganizationId organization, EscalationSettings settings, Instant at);
}

package io.parley.redaction;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.Optional;

/** Where each organization's redaction settings are kept; every call names the organization. Thread-safe. */
public interface RedactionSettingsStore {

    /** The organization's settings; empty when it never saved any. */
    Optional<RedactionSettings> find(OrganizationId organization);

    /** Replaces the organization's settings. */
    void save(OrganizationId organization, RedactionSettings settings, Instant at);
}

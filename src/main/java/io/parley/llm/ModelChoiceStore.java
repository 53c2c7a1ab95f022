package io.parley.llm;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.Optional;

/** Where each organization's {@link ModelChoice} is kept. Thread-safe; every call names the organization. */
public interface ModelChoiceStore {

    /** The organization's choice; empty when it never chose (it gets the server's default). */
    Optional<ModelChoice> find(OrganizationId organization);

    /** Replaces the organization's choice. */
    void save(OrganizationId organization, ModelChoice choice, Instant at);

    /** No organization ever chose: everyone gets the server's default (for tests and tools). */
    ModelChoiceStore NONE = new ModelChoiceStore() {
        @Override
        public Optional<ModelChoice> find(OrganizationId organization) {
            return Optional.empty();
        }

        @Override
        public void save(OrganizationId organization, ModelChoice choice, Instant at) {
            throw new UnsupportedOperationException("no store");
        }
    };
}

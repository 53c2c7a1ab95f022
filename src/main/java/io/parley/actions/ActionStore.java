package io.parley.actions;

import io.parley.tenant.OrganizationId;
import java.util.List;
import java.util.Optional;

/** Where an organization's actions are kept. Every call names the organization; another's actions are never seen. */
interface ActionStore {

    /** @throws InvalidActionException when the organization already has an action of that name */
    void add(StoredAction action);

    /** @return false when the organization has no such action; @throws InvalidActionException for a taken name */
    boolean replace(StoredAction action);

    Optional<StoredAction> find(OrganizationId organization, ActionId id);

    Optional<StoredAction> findByName(OrganizationId organization, String name);

    /** Ordered by name. */
    List<StoredAction> list(OrganizationId organization);

    boolean delete(OrganizationId organization, ActionId id);
}

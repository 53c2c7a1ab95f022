package io.parley.store;

import io.parley.tenant.OrganizationId;

/** The organization has no store: it has not loaded the retail template. */
public class StoreNotLoadedException extends RuntimeException {

    public StoreNotLoadedException(OrganizationId organization) {
        super("Organization " + organization.value() + " has no store", null, false, false);
    }
}

package io.parley.store;

import io.parley.tenant.OrganizationId;

class InMemoryStoreDataTest extends StoreDataContract {

    private final InMemoryStoreData data = new InMemoryStoreData();

    @Override
    protected StoreData data() {
        return data;
    }

    @Override
    protected OrganizationId newOrganization() {
        return OrganizationId.generate();
    }
}

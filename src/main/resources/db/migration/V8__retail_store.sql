-- Issue 10: the retail demo store, per organization. Each user, order and product is its JSON text, keyed by
-- (organization, id); seq keeps the store's order (the order db.json lists them, new entries last).

-- One row per organization that loaded the store. Writers lock it (SELECT … FOR UPDATE), so one organization's writes
-- run one at a time, across nodes.
CREATE TABLE store_state (
    organization_id VARCHAR(64)  PRIMARY KEY REFERENCES organizations (id),
    template        VARCHAR(32)  NOT NULL,
    loaded_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE store_users (
    organization_id VARCHAR(64)  NOT NULL,
    id              VARCHAR(200) NOT NULL,
    seq             INTEGER      NOT NULL,
    -- Lower-cased, for find_user_id_by_email.
    email           VARCHAR(500) NOT NULL,
    body            VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (organization_id, id)
);
CREATE INDEX store_users_by_seq ON store_users (organization_id, seq);

CREATE TABLE store_orders (
    organization_id VARCHAR(64)  NOT NULL,
    id              VARCHAR(200) NOT NULL,
    seq             INTEGER      NOT NULL,
    user_id         VARCHAR(200) NOT NULL,
    body            VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (organization_id, id)
);
CREATE INDEX store_orders_by_seq ON store_orders (organization_id, seq);

CREATE TABLE store_products (
    organization_id VARCHAR(64)  NOT NULL,
    id              VARCHAR(200) NOT NULL,
    seq             INTEGER      NOT NULL,
    body            VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (organization_id, id)
);
CREATE INDEX store_products_by_seq ON store_products (organization_id, seq);

-- Each tool write's first result, by the engine's idempotency key: a retried call returns it and changes nothing.
CREATE TABLE store_writes (
    organization_id VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    failed          BOOLEAN      NOT NULL,
    result          VARCHAR(1000000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organization_id, idempotency_key)
);

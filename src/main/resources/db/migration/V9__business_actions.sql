-- Issue 10: each organization's own HTTP actions, offered to its assistant as tools.
CREATE TABLE business_actions (
    id              VARCHAR(64)   PRIMARY KEY,
    organization_id VARCHAR(64)   NOT NULL REFERENCES organizations (id),
    -- What the model calls it: [A-Za-z0-9_-]{1,64}, unique in the organization.
    name            VARCHAR(64)   NOT NULL,
    description     VARCHAR(2000) NOT NULL,
    -- The arguments, as a JSON Schema object in JSON text.
    parameters      VARCHAR(20000) NOT NULL,
    -- "read" or "write"
    kind            VARCHAR(8)    NOT NULL,
    -- GET, POST, PUT, PATCH or DELETE
    method          VARCHAR(8)    NOT NULL,
    -- An absolute http(s) address whose {placeholders} are parameter names.
    url             VARCHAR(2000) NOT NULL,
    -- A JSON object of header name to value, each value sealed with the server's encryption key (SecretBox).
    headers         VARCHAR(20000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT business_actions_name_unique UNIQUE (organization_id, name)
);

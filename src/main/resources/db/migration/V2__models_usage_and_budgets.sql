-- Issue 7: each organization's model, what every model call cost, budgets, and conversation summaries.

-- The organization's choice among the providers the operator offers; its own API key is sealed (AES-GCM, SecretBox).
CREATE TABLE organization_models (
    organization_id VARCHAR(64)   PRIMARY KEY REFERENCES organizations (id),
    provider        VARCHAR(64)   NOT NULL,
    model           VARCHAR(200),
    sealed_api_key  VARCHAR(2000),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per model call (replies, summaries, playground, connection tests): the usage ledger costs are read from.
CREATE TABLE model_calls (
    id                  VARCHAR(64)  PRIMARY KEY,
    organization_id     VARCHAR(64)  NOT NULL,
    conversation_id     VARCHAR(64),
    message_id          VARCHAR(64),
    purpose             VARCHAR(16)  NOT NULL,
    provider            VARCHAR(64)  NOT NULL,
    model               VARCHAR(200) NOT NULL,
    input_tokens        BIGINT       NOT NULL,
    output_tokens       BIGINT       NOT NULL,
    cached_input_tokens BIGINT       NOT NULL,
    estimated           BOOLEAN      NOT NULL,
    cost                DECIMAL(18, 8) NOT NULL,
    latency_ms          BIGINT       NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The UTC day of created_at, written by the application: H2 and PostgreSQL have no common way to take it.
    created_on          DATE         NOT NULL
);
-- Usage by day and month to date, per organization.
CREATE INDEX model_calls_by_time ON model_calls (organization_id, created_at);
-- The cost of one reply, shown next to it in the console.
CREATE INDEX model_calls_by_message ON model_calls (message_id);

CREATE TABLE organization_budgets (
    organization_id VARCHAR(64)    PRIMARY KEY REFERENCES organizations (id),
    monthly_limit   DECIMAL(14, 2) NOT NULL,
    currency        VARCHAR(3)     NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What the model wrote about a long conversation's older turns, through which message.
CREATE TABLE conversation_summaries (
    conversation_id VARCHAR(64)    PRIMARY KEY REFERENCES conversations (id),
    organization_id VARCHAR(64)    NOT NULL,
    through_seq     BIGINT         NOT NULL,
    summary         VARCHAR(16000) NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Purging conversations that never got a message (sockets opened and abandoned).
CREATE INDEX conversations_empty ON conversations (message_count, started_at);

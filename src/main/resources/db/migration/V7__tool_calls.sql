-- Issue 10: tools. Every call the assistant makes is audited; a change waits here for the customer's "yes"; and a
-- conversation is bound to one customer, decided by the database (a conditional update), never by one node's memory.

-- The customer an identification tool found (a store user id); null until then. A verified customer's conversation
-- is bound to customer_id from its start.
ALTER TABLE conversations ADD COLUMN identified_customer VARCHAR(200);

CREATE TABLE tool_calls (
    id              VARCHAR(64)    PRIMARY KEY,
    organization_id VARCHAR(64)    NOT NULL,
    conversation_id VARCHAR(64)    NOT NULL REFERENCES conversations (id),
    -- The customer the conversation was bound to when the call was made; null before.
    customer        VARCHAR(200),
    tool            VARCHAR(64)    NOT NULL,
    -- "read" or "write"
    kind            VARCHAR(8)     NOT NULL,
    arguments       VARCHAR(16000) NOT NULL,
    -- A write's confirmation: "yes", "no" or "expired"; null for reads (and writes the platform refused outright).
    decision        VARCHAR(8),
    result          VARCHAR(16000),
    error           VARCHAR(2000),
    at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tool_calls_by_conversation ON tool_calls (organization_id, conversation_id, at);

-- A write the model asked for, waiting for the customer's decision. Single-use: the decision is a conditional update
-- from "open"; the turn goes on from what is stored here, so a restart loses nothing.
CREATE TABLE tool_confirmations (
    id              VARCHAR(64)    PRIMARY KEY,
    organization_id VARCHAR(64)    NOT NULL,
    conversation_id VARCHAR(64)    NOT NULL REFERENCES conversations (id),
    -- The customer message the turn answers.
    question_id     VARCHAR(64)    NOT NULL,
    tool_call_id    VARCHAR(200)   NOT NULL,
    tool            VARCHAR(64)    NOT NULL,
    arguments       VARCHAR(16000) NOT NULL,
    summary         VARCHAR(2000)  NOT NULL,
    -- The turn so far as the model saw it (its tool calls and their results), as JSON.
    turn            VARCHAR(200000) NOT NULL,
    -- "open", "yes", "no" or "expired"
    state           VARCHAR(8)     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX tool_confirmations_by_conversation ON tool_confirmations (organization_id, conversation_id, state);

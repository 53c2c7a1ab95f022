-- One schema for H2 (MODE=PostgreSQL) and PostgreSQL: plain types only, no vendor extensions.

CREATE TABLE organizations (
    id              VARCHAR(64)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    site_key        VARCHAR(64)  NOT NULL UNIQUE,
    -- HMAC secret for verified customers, encrypted at rest (AES-GCM, see SecretBox)
    customer_secret VARCHAR(512) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE allowed_origins (
    organization_id VARCHAR(64)  NOT NULL REFERENCES organizations (id),
    origin          VARCHAR(255) NOT NULL,
    PRIMARY KEY (organization_id, origin)
);

CREATE TABLE members (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL REFERENCES organizations (id),
    email           VARCHAR(320) NOT NULL UNIQUE,
    password_hash   VARCHAR(255) NOT NULL,
    role            VARCHAR(20)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every saved profile is a new version; the prompt generated from it is kept with it.
CREATE TABLE business_profiles (
    organization_id  VARCHAR(64)  NOT NULL REFERENCES organizations (id),
    version          INTEGER      NOT NULL,
    business_name    VARCHAR(200) NOT NULL,
    description      VARCHAR(8000) NOT NULL,
    rules            VARCHAR(100000) NOT NULL,
    guidelines       VARCHAR(100000) NOT NULL,
    profile_values   VARCHAR(100000) NOT NULL,
    tone             VARCHAR(500) NOT NULL,
    fallback_message VARCHAR(1000) NOT NULL,
    prompt           VARCHAR(400000) NOT NULL,
    created_by       VARCHAR(64),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organization_id, version)
);

CREATE TABLE conversations (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL REFERENCES organizations (id),
    visitor_id      VARCHAR(64)  NOT NULL,
    customer_id     VARCHAR(200),
    customer_email  VARCHAR(320),
    customer_name   VARCHAR(200),
    status          VARCHAR(32)  NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_message_at TIMESTAMP WITH TIME ZONE NOT NULL,
    message_count   INTEGER      NOT NULL
);
-- The console's list: an organization's conversations, most recently active first.
CREATE INDEX conversations_by_activity ON conversations (organization_id, last_message_at DESC);
-- A verified customer's or a visitor's latest conversation, so history follows them.
CREATE INDEX conversations_by_customer ON conversations (organization_id, customer_id, started_at);
CREATE INDEX conversations_by_visitor ON conversations (organization_id, visitor_id, started_at);

CREATE TABLE messages (
    id                VARCHAR(64)  PRIMARY KEY,
    conversation_id   VARCHAR(64)  NOT NULL REFERENCES conversations (id),
    organization_id   VARCHAR(64)  NOT NULL,
    seq               BIGINT       NOT NULL,
    role              VARCHAR(16)  NOT NULL,
    content           VARCHAR(16000) NOT NULL,
    client_message_id VARCHAR(100),
    reply_to          VARCHAR(64),
    prompt_version    INTEGER,
    model             VARCHAR(200),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- History by conversation and seq (the hot read), and no two messages at one place.
    CONSTRAINT messages_seq UNIQUE (conversation_id, seq)
);
-- Idempotent sends: one message per clientMessageId in a conversation (NULLs do not collide).
CREATE UNIQUE INDEX messages_by_client_id ON messages (conversation_id, client_message_id);

CREATE TABLE message_feedback (
    message_id      VARCHAR(64)  PRIMARY KEY REFERENCES messages (id),
    organization_id VARCHAR(64)  NOT NULL,
    rating          VARCHAR(8)   NOT NULL,
    comment         VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

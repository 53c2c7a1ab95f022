-- Issue 8: when the organization's people answer, and which triggers hand a conversation to them.
-- Lists are JSON text, like the profile's rules: the application reads and writes them whole.

CREATE TABLE organization_hours (
    organization_id VARCHAR(64)   PRIMARY KEY REFERENCES organizations (id),
    -- IANA name, such as Europe/Berlin
    time_zone       VARCHAR(64)   NOT NULL,
    -- [{"day":"monday","open":"09:00","close":"17:30"}, …]; empty: open around the clock
    weekly          VARCHAR(4000) NOT NULL,
    -- ["2026-12-25", …], dates in time_zone
    holidays        VARCHAR(8000) NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE organization_escalation (
    organization_id VARCHAR(64)    PRIMARY KEY REFERENCES organizations (id),
    ask_for_person  BOOLEAN        NOT NULL,
    negative_turns  INTEGER        NOT NULL,
    fallback_turns  INTEGER        NOT NULL,
    -- ["refund*", "lawyer", …]: at most 50 of at most 100 characters
    keywords        VARCHAR(16000) NOT NULL,
    -- ["en", "de", …]
    languages       VARCHAR(200)   NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

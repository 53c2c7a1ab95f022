-- Issue 11: who changed what and when, per organization. Append-only: the application has no statement that updates
-- or deletes a row (an erasure of a customer's data is itself recorded here, without the data).
CREATE TABLE audit_log (
    id              VARCHAR(64)    PRIMARY KEY,
    organization_id VARCHAR(64)    NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id        VARCHAR(64),
    -- Who it was as they were then (their email), kept should the member later leave.
    actor           VARCHAR(320)   NOT NULL,
    -- e.g. "PUT /api/v1/admin/organization/profile"
    action          VARCHAR(300)   NOT NULL,
    -- The path's ids, e.g. {"id":"…"}; empty for organization-wide settings.
    target          VARCHAR(1000)  NOT NULL,
    -- What was sent, secrets masked; empty when nothing was.
    details         VARCHAR(16000) NOT NULL,
    status          INTEGER        NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (organization_id, at);

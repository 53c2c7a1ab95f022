-- Issue 11: how long each organization keeps its conversations (no row, or null days: for ever), and a lease per
-- scheduled job, so that with several nodes running the same schedule one of them does each run.
CREATE TABLE organization_retention (
    organization_id VARCHAR(64) PRIMARY KEY REFERENCES organizations (id),
    days            INTEGER,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE scheduled_jobs (
    name         VARCHAR(64)  PRIMARY KEY,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by    VARCHAR(200)
);
INSERT INTO scheduled_jobs (name, locked_until, locked_by) VALUES ('retention', TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', NULL);

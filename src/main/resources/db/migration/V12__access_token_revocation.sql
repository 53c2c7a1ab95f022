-- Issue 11: signing out ends an access token at once, on every node.
-- A member's tokens carry the generation they were issued in; signing out everywhere and changing or resetting the
-- password count it up, so every token issued before stops working. Tokens from before this migration count as
-- generation 0.
ALTER TABLE members ADD COLUMN token_generation BIGINT DEFAULT 0 NOT NULL;

-- Single tokens signed out before they expire, by their jti. A row is useless once its token has expired; rows are
-- pruned then.
CREATE TABLE revoked_access_tokens (
    token_id        VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64) NOT NULL,
    member_id       VARCHAR(64) NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX revoked_access_tokens_by_member ON revoked_access_tokens (organization_id, member_id, expires_at);
CREATE INDEX revoked_access_tokens_by_expiry ON revoked_access_tokens (expires_at);

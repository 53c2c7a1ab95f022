-- Issue 8, the team: members' display names and last activity, invitations, and password resets.
-- Tokens in links are never stored: only their SHA-256 (hex), so a copy of the database opens no account.

-- The name customers see when a person answers them; existing members are named after their email's local part
-- until they choose one.
ALTER TABLE members ADD COLUMN name VARCHAR(100);
UPDATE members SET name = CASE
        WHEN POSITION('@' IN email) > 1 THEN SUBSTRING(email FROM 1 FOR POSITION('@' IN email) - 1)
        ELSE email
    END
    WHERE name IS NULL;
ALTER TABLE members ALTER COLUMN name SET NOT NULL;
-- When the member last made an authenticated request (written at most once a minute per member and node).
ALTER TABLE members ADD COLUMN last_seen_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX members_by_organization ON members (organization_id);

-- An owner's invitation to join the organization with a role: single use, valid for a week.
CREATE TABLE invitations (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL REFERENCES organizations (id),
    email           VARCHAR(320) NOT NULL,
    role            VARCHAR(20)  NOT NULL,
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    invited_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX invitations_by_organization ON invitations (organization_id, email);

-- A link to choose a new password: single use, valid for an hour.
CREATE TABLE password_resets (
    token_hash VARCHAR(64) PRIMARY KEY,
    member_id  VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX password_resets_by_member ON password_resets (member_id);

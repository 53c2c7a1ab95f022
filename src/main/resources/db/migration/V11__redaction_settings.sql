-- Issue 11: whether an organization masks personal data (emails, phone numbers, card numbers, IBANs) in what its
-- customers write, before model providers see it and optionally in what is stored. No row: nothing is masked.

CREATE TABLE organization_redaction (
    organization_id VARCHAR(64) PRIMARY KEY REFERENCES organizations (id),
    before_model    BOOLEAN     NOT NULL,
    in_stored_text  BOOLEAN     NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

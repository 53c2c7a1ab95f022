-- Issue 11: signing in through an OpenID Connect issuer (Amazon Cognito or another).
-- Which of the issuer's users (its stable subject, `sub`) is which member, remembered at their first console sign-in
-- through it, so that the issuer's access tokens (which, with Cognito, carry no email) name the member. One subject per
-- member and issuer; removing the member forgets it.
CREATE TABLE member_identities (
    issuer          VARCHAR(500) NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    member_id       VARCHAR(64)  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    linked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, subject),
    CONSTRAINT member_identities_one_per_member UNIQUE (issuer, member_id)
);

-- Issue 8: who owns each conversation, every change of that (who, why, when), what people write, and ratings.

-- The member a conversation is assigned to while people handle it; the email the customer left when nobody was online.
ALTER TABLE conversations ADD COLUMN assigned_to VARCHAR(64);
ALTER TABLE conversations ADD COLUMN contact_email VARCHAR(320);
-- The page the customer was on when they opened the chat (shown to the team beside the conversation).
ALTER TABLE conversations ADD COLUMN page_url VARCHAR(2000);
-- The inbox: an organization's conversations by status, the longest waiting first.
CREATE INDEX conversations_by_status ON conversations (organization_id, status, last_message_at);

-- A person's messages carry who wrote them; a customer's message its sentiment (VADER compound score, -1..1).
ALTER TABLE messages ADD COLUMN author_id VARCHAR(64);
ALTER TABLE messages ADD COLUMN author_name VARCHAR(200);
ALTER TABLE messages ADD COLUMN sentiment DOUBLE PRECISION;

-- Every change of a conversation's status or assignee, in order.
CREATE TABLE conversation_status_changes (
    id              VARCHAR(64)  PRIMARY KEY,
    conversation_id VARCHAR(64)  NOT NULL REFERENCES conversations (id),
    organization_id VARCHAR(64)  NOT NULL,
    from_status     VARCHAR(32)  NOT NULL,
    to_status       VARCHAR(32)  NOT NULL,
    reason          VARCHAR(64)  NOT NULL,
    detail          VARCHAR(500),
    -- A member's id, or "customer", "assistant", "platform".
    actor           VARCHAR(64)  NOT NULL,
    actor_name      VARCHAR(200),
    assigned_to     VARCHAR(64),
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX status_changes_by_conversation ON conversation_status_changes (conversation_id, changed_at);

-- Internal notes: the team's, never shown to the customer.
CREATE TABLE conversation_notes (
    id              VARCHAR(64)   PRIMARY KEY,
    conversation_id VARCHAR(64)   NOT NULL REFERENCES conversations (id),
    organization_id VARCHAR(64)   NOT NULL,
    author_id       VARCHAR(64)   NOT NULL,
    author_name     VARCHAR(200)  NOT NULL,
    content         VARCHAR(8000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notes_by_conversation ON conversation_notes (conversation_id, created_at);

-- The customer's rating of a resolved conversation (the latest one counts).
CREATE TABLE conversation_ratings (
    conversation_id VARCHAR(64)   PRIMARY KEY REFERENCES conversations (id),
    organization_id VARCHAR(64)   NOT NULL,
    score           INTEGER       NOT NULL,
    comment         VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

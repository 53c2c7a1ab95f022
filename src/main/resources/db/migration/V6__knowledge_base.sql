-- Issue 9: each organization's knowledge base. The database is the source of truth: the original content of every
-- document, its chunks and their embeddings are here, and the search index on disk is rebuilt from them at will.

-- Web pages imported together: one address, or every page a sitemap lists. Synced on demand and on a schedule.
CREATE TABLE knowledge_sources (
    id              VARCHAR(64)   PRIMARY KEY,
    organization_id VARCHAR(64)   NOT NULL REFERENCES organizations (id),
    -- "url" or "sitemap"
    type            VARCHAR(16)   NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    -- "syncing", "ready" or "failed"
    status          VARCHAR(16)   NOT NULL,
    error           VARCHAR(1000),
    pages           INTEGER       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    synced_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX knowledge_sources_by_organization ON knowledge_sources (organization_id);

CREATE TABLE knowledge_documents (
    id              VARCHAR(64)   PRIMARY KEY,
    organization_id VARCHAR(64)   NOT NULL REFERENCES organizations (id),
    -- The source a fetched page belongs to; null for uploads, pasted text and FAQ entries.
    source_id       VARCHAR(64)   REFERENCES knowledge_sources (id),
    -- "file", "text", "faq" or "page"
    origin          VARCHAR(16)   NOT NULL,
    title           VARCHAR(500)  NOT NULL,
    url             VARCHAR(2000),
    file_name       VARCHAR(500),
    content_type    VARCHAR(200),
    -- What was uploaded, pasted or fetched, exactly; ingestion reads it from here.
    content         BYTEA         NOT NULL,
    -- SHA-256 of content: a re-synced page that did not change is not re-indexed.
    content_hash    VARCHAR(64)   NOT NULL,
    -- "processing", "ready" or "failed"
    status          VARCHAR(16)   NOT NULL,
    error           VARCHAR(1000),
    chunks          INTEGER       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX knowledge_documents_by_organization ON knowledge_documents (organization_id, created_at);
CREATE INDEX knowledge_documents_by_source ON knowledge_documents (source_id);

-- A document's passages as retrieved, each with its all-MiniLM-L6-v2 embedding (384 little-endian floats).
CREATE TABLE knowledge_chunks (
    id              VARCHAR(64)   PRIMARY KEY,
    document_id     VARCHAR(64)   NOT NULL REFERENCES knowledge_documents (id) ON DELETE CASCADE,
    organization_id VARCHAR(64)   NOT NULL,
    ordinal         INTEGER       NOT NULL,
    -- The heading path the chunk is under ("Returns > Refunds"); empty when none.
    section         VARCHAR(1000) NOT NULL,
    body            VARCHAR(20000) NOT NULL,
    embedding       BYTEA         NOT NULL
);
CREATE INDEX knowledge_chunks_by_organization ON knowledge_chunks (organization_id, document_id, ordinal);

-- Customer questions the knowledge base had no confident answer for: what the business should write next.
CREATE TABLE knowledge_gaps (
    id              VARCHAR(64)   PRIMARY KEY,
    organization_id VARCHAR(64)   NOT NULL REFERENCES organizations (id),
    conversation_id VARCHAR(64),
    question        VARCHAR(2000) NOT NULL,
    -- The question folded (lower case, no punctuation, single spaces): the same question asked twice counts twice.
    normalized      VARCHAR(2000) NOT NULL,
    best_score      DOUBLE PRECISION NOT NULL,
    asked_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX knowledge_gaps_by_organization ON knowledge_gaps (organization_id, asked_at);

-- The sources a reply used: [{"ref":"1","documentId":"…","title":"…","url":"…","snippet":"…"}], JSON text.
ALTER TABLE messages ADD COLUMN citations VARCHAR(16000);

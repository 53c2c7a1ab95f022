/**
 * Each organization's knowledge base: documents it uploads, pastes, writes as FAQ entries or imports from its
 * website; their text in chunks that follow headings; an in-process embedding of each chunk; a per-organization
 * hybrid (keyword and vector) search index on disk, rebuilt from the database whenever it is missing; and the
 * grounding of every conversation turn in what that search finds, with the questions it could not answer recorded as
 * gaps.
 */
package io.parley.knowledge;

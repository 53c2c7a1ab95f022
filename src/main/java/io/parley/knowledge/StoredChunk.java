package io.parley.knowledge;

/** A chunk as stored in the database, with the title and address of its document, for (re)building the index. */
public record StoredChunk(
        String id,
        String documentId,
        int ordinal,
        String title,
        String url,
        String section,
        String body,
        float[] embedding) {}

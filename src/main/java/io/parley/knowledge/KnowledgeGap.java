package io.parley.knowledge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A customer question the knowledge base had no confident answer for, with how often it was asked in the period
 * (the same question, ignoring case and punctuation).
 *
 * @param conversationId the conversation it was last asked in
 * @param askedAt when it was last asked
 * @param bestScore the best similarity retrieval found, 0 to 1
 */
public record KnowledgeGap(
        String question, @Nullable String conversationId, Instant askedAt, double bestScore, int count) {}

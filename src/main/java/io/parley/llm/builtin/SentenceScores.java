package io.parley.llm.builtin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores short texts (sentences, one-sentence facts) against a question's terms: BM25 with each term counted once
 * per text, since repeats within one sentence are mostly synonyms folded into a topic rather than emphasis; and a
 * term among a text's first few counts more, since a sentence is about what it opens with ("Returns are accepted…"
 * is about returns; "…beyond the published shipping times" is not about shipping).
 */
final class SentenceScores {

    private static final double K1 = 1.2;
    /** Weaker length normalisation than BM25's usual 0.75: sentences differ little in length. */
    private static final double B = 0.3;
    /** A text's first this many terms say what it is about. */
    static final int OPENING_TERMS = 3;

    private static final double OPENING_BONUS = 0.5;
    private static final double OFF_SUBJECT_WEIGHT = 0.7;
    /** "How long" is what the question is for: a text stating a duration answers it more than any one word. */
    private static final double ASKED_DURATION_WEIGHT = 2;

    private final List<List<String>> texts;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    /** @param texts each text's terms, as {@link TextAnalysis#terms} gives them */
    SentenceScores(List<List<String>> texts) {
        this.texts = List.copyOf(texts);
        long totalLength = 0;
        for (List<String> terms : this.texts) {
            totalLength += length(terms);
            new LinkedHashSet<>(terms).forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
        }
        averageLength = this.texts.isEmpty() ? 0 : (double) totalLength / this.texts.size();
    }

    /** Every term of every text. */
    Set<String> vocabulary() {
        return documentFrequency.keySet();
    }

    /**
     * The question's terms that text {@code index} has. "Some place" counts only where no place the question named
     * does: asked about Canada, "We ship to Canada" answers, "We don't ship to any other country" does not.
     */
    Set<String> shared(int index, Set<String> question) {
        Set<String> shared = new LinkedHashSet<>(texts.get(index));
        shared.retainAll(question);
        if (shared.stream().anyMatch(term -> TextAnalysis.isPlace(term) && !term.equals(Vocabulary.PLACE))) {
            shared.remove(Vocabulary.PLACE);
        }
        return shared;
    }

    /** Whether {@code term} is among the first terms of text {@code index}: what it is about. */
    boolean opensWith(int index, String term) {
        List<String> terms = texts.get(index);
        return terms.subList(0, Math.min(OPENING_TERMS, terms.size())).contains(term);
    }

    /**
     * How well text {@code index} answers a question made of {@code question}'s terms. A text that opens with a
     * support topic the question does not ask about is about something else, and counts less: asked "is shipping
     * free?", "Orders can be cancelled free of charge until they ship" is about cancelling.
     */
    double score(int index, Set<String> question) {
        double lengthNorm = 1 - B + B * length(texts.get(index)) / Math.max(averageLength, 1);
        double saturated = (K1 + 1) / (1 + K1 * lengthNorm);
        double score = 0;
        for (String term : shared(index, question)) {
            double weight = term.equals(Vocabulary.DURATION) ? ASKED_DURATION_WEIGHT : 1;
            score += weight * idf(term) * saturated * (opensWith(index, term) ? 1 + OPENING_BONUS : 1);
        }
        return aboutSomethingElse(index, question) ? score * OFF_SUBJECT_WEIGHT : score;
    }

    private boolean aboutSomethingElse(int index, Set<String> question) {
        List<String> terms = texts.get(index);
        List<String> opening = terms.subList(0, Math.min(OPENING_TERMS, terms.size())).stream()
                .filter(term -> TextAnalysis.isTopic(term) && !TextAnalysis.isPlace(term))
                .toList();
        return !opening.isEmpty() && opening.stream().noneMatch(question::contains);
    }

    /** A text's length: its different terms, since each counts once. */
    private static int length(List<String> terms) {
        return new HashSet<>(terms).size();
    }

    /** What a term no text has weighs: the most any term can. */
    double unseenTermWeight() {
        return idf("");
    }

    /** Rarer terms weigh more; a term no text has weighs most. */
    double idf(String term) {
        int n = texts.size();
        int df = documentFrequency.getOrDefault(term, 0);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
}

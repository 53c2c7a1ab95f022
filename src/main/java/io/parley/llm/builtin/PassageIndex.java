package io.parley.llm.builtin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks an organization's passages (its rules, guidelines, values and description sentences) against a question
 * with BM25, and keeps only those relevant enough to quote. Built per call: a profile is a few dozen passages.
 *
 * <p>A passage is relevant when it shares with the question at least a third of the question's weight (rarer
 * words weigh more), or two different words, or one support topic (returns, shipping, cancelling, prices, hours,
 * repairs). The last two let a long, chatty message still find the one rule it is about. A second passage is quoted
 * only when it scores at least half as well as the first and answers a word of the question the first did not.
 */
final class PassageIndex {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final double MIN_COVERAGE = 1.0 / 3;
    /** Further passages must score at least this share of the best one, so weak extras are not tacked on. */
    private static final double MIN_SHARE_OF_BEST = 0.5;

    private final List<String> passages;
    private final List<Double> weights;
    private final List<List<String>> terms = new ArrayList<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    PassageIndex(List<String> passages) {
        this(passages, passages.stream().map(p -> 1.0).toList());
    }

    /** @param weights one per passage: how much its score counts (below 1 for passages that should yield to facts) */
    PassageIndex(List<String> passages, List<Double> weights) {
        if (weights.size() != passages.size()) {
            throw new IllegalArgumentException("one weight per passage");
        }
        this.passages = List.copyOf(passages);
        this.weights = List.copyOf(weights);
        long totalLength = 0;
        for (String passage : this.passages) {
            List<String> passageTerms = TextAnalysis.terms(passage);
            terms.add(passageTerms);
            totalLength += passageTerms.size();
            new LinkedHashSet<>(passageTerms).forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
        }
        averageLength = this.passages.isEmpty() ? 0 : (double) totalLength / this.passages.size();
    }

    /** Up to {@code limit} relevant passages, most relevant first; ties keep the organization's order. */
    List<String> mostRelevant(List<String> questionTerms, int limit) {
        Set<String> question = new LinkedHashSet<>(questionTerms);
        if (question.isEmpty()) {
            return List.of();
        }
        double questionWeight = question.stream().mapToDouble(this::idf).sum();
        List<Scored> relevant = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Set<String> shared = new LinkedHashSet<>(terms.get(i));
            shared.retainAll(question);
            double coverage = shared.stream().mapToDouble(this::idf).sum() / questionWeight;
            boolean enough = coverage >= MIN_COVERAGE
                    || shared.size() >= 2
                    || shared.stream().anyMatch(TextAnalysis::isTopic);
            if (!shared.isEmpty() && enough) {
                relevant.add(new Scored(i, bm25(i, question) * weights.get(i), shared));
            }
        }
        relevant.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
        List<String> chosen = new ArrayList<>();
        Set<String> answered = new LinkedHashSet<>();
        for (Scored scored : relevant) {
            // Another passage must be nearly as good and answer a part of the question the others did not.
            boolean addsSomething = !answered.containsAll(scored.shared());
            if (chosen.size() < limit
                    && addsSomething
                    && scored.score() >= relevant.getFirst().score() * MIN_SHARE_OF_BEST) {
                chosen.add(passages.get(scored.index()));
                answered.addAll(scored.shared());
            }
        }
        return chosen;
    }

    private double bm25(int passage, Set<String> question) {
        List<String> passageTerms = terms.get(passage);
        double lengthNorm = 1 - B + B * passageTerms.size() / Math.max(averageLength, 1);
        double score = 0;
        for (String term : question) {
            long frequency = passageTerms.stream().filter(term::equals).count();
            if (frequency > 0) {
                score += idf(term) * frequency * (K1 + 1) / (frequency + K1 * lengthNorm);
            }
        }
        return score;
    }

    private double idf(String term) {
        int n = passages.size();
        int df = documentFrequency.getOrDefault(term, 0);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    private record Scored(int index, double score, Set<String> shared) {}
}

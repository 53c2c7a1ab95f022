package io.parley.llm.builtin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ranks short texts (an organization's facts) against a question, and keeps only those clearly relevant enough to
 * quote. Built per call: a profile is a few dozen sentences.
 *
 * <p>A text is relevant when it shares with the question at least half of the question's weight (rarer words weigh
 * more); or two different words and a quarter of the weight; or a support topic (returns, shipping, cancelling,
 * prices, hours, …) that the customer asks about ("can I return…", not "my parcel hasn't moved") and that is what
 * the text is about, which is to say among its first few terms. A topic mentioned in passing does not count on
 * either side: "Never promise … beyond the published shipping times" is not about shipping, and must not answer
 * "Can I ship to Mexico?". Numbers do not count as shared words, and a place with its country counts as one. A second text is quoted only when it scores at least half as well as the first and
 * answers a term of the question the first did not.
 */
final class PassageIndex {

    private static final double MIN_COVERAGE = 0.5;
    private static final double MIN_COVERAGE_OF_TWO_TERMS = 0.25;
    /** Further texts must score at least this share of the best one, so weak extras are not tacked on. */
    private static final double MIN_SHARE_OF_BEST = 0.5;

    private final List<String> passages;
    private final SentenceScores scores;

    PassageIndex(List<String> passages) {
        this.passages = List.copyOf(passages);
        this.scores = new SentenceScores(
                this.passages.stream().map(TextAnalysis::terms).toList());
    }

    /**
     * Up to {@code limit} relevant texts, most relevant first; ties keep the organization's order.
     *
     * @param questionTerms the question's terms ({@link TextAnalysis#questionTerms})
     * @param requestedTopics the topics it asks about ({@link TextAnalysis#requestedTopics})
     */
    List<String> mostRelevant(List<String> questionTerms, Set<String> requestedTopics, int limit) {
        Set<String> question = new LinkedHashSet<>();
        questionTerms.forEach(term ->
                question.add(Typos.likelyMeant(term, scores.vocabulary()).orElse(term)));
        if (question.isEmpty()) {
            return List.of();
        }
        double questionWeight = weight(question);
        List<Scored> relevant = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Set<String> shared = scores.shared(i, question);
            double coverage = weight(shared) / questionWeight;
            if (coverage >= MIN_COVERAGE
                    || (distinctWords(shared) >= 2 && coverage >= MIN_COVERAGE_OF_TWO_TERMS)
                    || sharesItsSubject(i, shared, requestedTopics)) {
                relevant.add(new Scored(i, scores.score(i, question), shared));
            }
        }
        relevant.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
        List<String> chosen = new ArrayList<>();
        Set<String> answered = new LinkedHashSet<>();
        for (Scored scored : relevant) {
            // Another text must be nearly as good and answer a part of the question the others did not.
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

    /** The terms' weight, a place with its country and "some place" weighing as much as the heaviest of them. */
    private double weight(Set<String> terms) {
        double words = terms.stream()
                .filter(term -> !TextAnalysis.isPlace(term))
                .mapToDouble(scores::idf)
                .sum();
        double place = terms.stream()
                .filter(TextAnalysis::isPlace)
                .mapToDouble(scores::idf)
                .max()
                .orElse(0);
        return words + place;
    }

    /** Shared words, a place and its country counting once and numbers not at all. */
    private static long distinctWords(Set<String> shared) {
        long words = shared.stream()
                .filter(term -> !TextAnalysis.isPlace(term) && !isNumber(term))
                .count();
        return words + (shared.stream().anyMatch(TextAnalysis::isPlace) ? 1 : 0);
    }

    private boolean sharesItsSubject(int passage, Set<String> shared, Set<String> requestedTopics) {
        return shared.stream()
                .anyMatch(term -> requestedTopics.contains(term)
                        && !TextAnalysis.isPlace(term)
                        && scores.opensWith(passage, term));
    }

    private static boolean isNumber(String term) {
        return term.chars().allMatch(Character::isDigit);
    }

    private record Scored(int index, double score, Set<String> shared) {}
}

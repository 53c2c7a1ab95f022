package io.parley.knowledge.quality;

import io.parley.knowledge.index.SearchMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well one search mode found the expected documents for a set of answerable questions. A question's rank is the
 * place of the first of its expected documents among the results with one result per document (as the search API
 * returns them), counting from 1; 0 when it is not among the first {@link RetrievalHarness#RESULTS}.
 *
 * @param recallAt1 share of questions whose expected document came first (top-1 accuracy)
 * @param recallAt5 share with an expected document in the first five
 * @param mrr mean reciprocal rank (0 for a question whose document is not in the first {@link
 *     RetrievalHarness#RESULTS})
 * @param outcomes each question's rank and what came first, in the set's order
 */
public record RetrievalScores(
        SearchMode mode, int questions, double recallAt1, double recallAt5, double mrr, List<Outcome> outcomes) {

    /**
     * @param rank 1-based, 0 when not found
     * @param first the document that came first (null when nothing was found)
     * @param bestSimilarity the highest cosine similarity among the results (what the chat's confidence looks at)
     */
    public record Outcome(String question, List<String> expected, int rank, String first, double bestSimilarity) {}

    public static RetrievalScores of(SearchMode mode, List<Outcome> outcomes) {
        int n = outcomes.size();
        double at1 = outcomes.stream().filter(o -> o.rank() == 1).count();
        double at5 =
                outcomes.stream().filter(o -> o.rank() >= 1 && o.rank() <= 5).count();
        double reciprocal = outcomes.stream()
                .mapToDouble(o -> o.rank() == 0 ? 0 : 1.0 / o.rank())
                .sum();
        return new RetrievalScores(
                mode,
                n,
                n == 0 ? 0 : at1 / n,
                n == 0 ? 0 : at5 / n,
                n == 0 ? 0 : reciprocal / n,
                List.copyOf(outcomes));
    }

    /** The figures without the per-question detail, rounded to 4 places, for JSON reports. */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("questions", questions);
        s.put("recallAt1", round(recallAt1));
        s.put("recallAt5", round(recallAt5));
        s.put("mrr", round(mrr));
        return s;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

package io.parley.knowledge.quality;

import io.parley.knowledge.index.SearchMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Evaluations as text tables and as plain maps for JSON reports. */
public final class RetrievalReport {

    private RetrievalReport() {}

    /** recall@1, recall@5 and MRR per mode, with the set's sizes and the settings. */
    public static String table(RetrievalHarness.Evaluation e) {
        StringBuilder out = new StringBuilder();
        int answerable = e.hybrid().questions();
        out.append(String.format(
                Locale.ROOT,
                "%s: %d questions (%d answerable), %d documents, %d chunks%n%s%n",
                e.set(),
                answerable + e.unanswerable().size(),
                answerable,
                e.documents(),
                e.chunks(),
                e.settings().label()));
        out.append(String.format(Locale.ROOT, "%-8s %9s %9s %9s%n", "mode", "recall@1", "recall@5", "MRR@10"));
        for (SearchMode mode : SearchMode.values()) {
            RetrievalScores s = e.scores().get(mode);
            out.append(String.format(
                    Locale.ROOT,
                    "%-8s %9.3f %9.3f %9.3f%n",
                    mode.name().toLowerCase(Locale.ROOT),
                    s.recallAt1(),
                    s.recallAt5(),
                    s.mrr()));
        }
        if (!e.unanswerable().isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "unanswerable: %d; best result at or above similarity 0.25 (would be answered from): %d%n",
                    e.unanswerable().size(),
                    e.confidentlyWrong(0.25)));
        }
        return out.toString();
    }

    /** The questions hybrid search did not put first, with where their document came and what came first. */
    public static String misses(RetrievalHarness.Evaluation e) {
        StringBuilder out = new StringBuilder("hybrid, not first:\n");
        for (RetrievalScores.Outcome o : e.hybrid().outcomes()) {
            if (o.rank() != 1) {
                out.append(String.format(
                        Locale.ROOT,
                        "  %-3s %s%n      expected %s, first %s%n",
                        o.rank() == 0 ? "-" : String.valueOf(o.rank()),
                        o.question(),
                        o.expected(),
                        o.first()));
            }
        }
        return out.toString();
    }

    /** The figures of an evaluation, for the JSON report. */
    public static Map<String, Object> summary(RetrievalHarness.Evaluation e) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("set", e.set());
        s.put("documents", e.documents());
        s.put("chunks", e.chunks());
        s.put("settings", e.settings().label());
        for (SearchMode mode : SearchMode.values()) {
            s.put(mode.name().toLowerCase(Locale.ROOT), e.scores().get(mode).summary());
        }
        if (!e.unanswerable().isEmpty()) {
            s.put("unanswerable", e.unanswerable().size());
            s.put("unanswerableAnsweredAtMinSimilarity025", e.confidentlyWrong(0.25));
        }
        return s;
    }

    /** Ranks of each question under hybrid search, for looking at one run in detail. */
    public static List<Map<String, Object>> hybridRanks(RetrievalHarness.Evaluation e) {
        return e.hybrid().outcomes().stream()
                .map(o -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("question", o.question());
                    m.put("rank", o.rank());
                    m.put("first", o.first());
                    return m;
                })
                .toList();
    }
}

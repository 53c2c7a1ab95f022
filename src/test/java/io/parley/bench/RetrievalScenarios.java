package io.parley.bench;

import io.parley.knowledge.Embeddings;
import io.parley.knowledge.index.OrganizationIndex.Fusion;
import io.parley.knowledge.quality.EmbeddingCache;
import io.parley.knowledge.quality.IndexSettings;
import io.parley.knowledge.quality.IndexSettings.EmbeddedText;
import io.parley.knowledge.quality.LabeledSet;
import io.parley.knowledge.quality.RetrievalHarness;
import io.parley.knowledge.quality.RetrievalReport;
import io.parley.knowledge.quality.RetrievalScores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Retrieval quality, in-process (no server): recall@1, recall@5 and MRR of keyword, vector and hybrid search on the
 * labeled sets, and the grid of settings tried to choose the defaults. Embeddings are kept in {@code
 * target/bench/embedding-cache.bin} between runs (the figures do not depend on it; only the time does).
 */
final class RetrievalScenarios {

    private static final Path CACHE = Path.of("target", "bench", "embedding-cache.bin");

    private RetrievalScenarios() {}

    /**
     * {@code ./bench/run retrieval [set=banking|banking-faq|demo (comma-separated)] [split=tune|test|all] [misses=true]}
     * and any of {@code target= max= overlap= embed= method= rankConstant= vectorWeight= keywordWeight= candidates=}
     * to try other settings than the server's.
     */
    static void retrieval(Bench bench) {
        IndexSettings settings = settings(bench.settings(), IndexSettings.PRODUCTION);
        String split = bench.settings().get("split", "tune");
        List<Map<String, Object>> results = new ArrayList<>();
        try (RetrievalHarness harness = new RetrievalHarness(new Embeddings(), EmbeddingCache.in(CACHE))) {
            for (String name : bench.settings().get("set", "banking").split(",")) {
                RetrievalHarness.Evaluation e =
                        harness.evaluate(LabeledSet.named(name).split(split), settings);
                System.out.println();
                System.out.print(RetrievalReport.table(e));
                if (bench.settings().get("misses", "false").equals("true")) {
                    System.out.print(RetrievalReport.misses(e));
                }
                Map<String, Object> result = new LinkedHashMap<>(RetrievalReport.summary(e));
                result.put("hybridRanks", RetrievalReport.hybridRanks(e));
                results.add(result);
            }
        }
        bench.report().put("retrieval", results);
    }

    /**
     * {@code ./bench/run retrieval-tuning [sets=banking,banking-faq]}: on the {@code tune} splits only, (1) fusion
     * methods and weights on the server's chunking, (2) chunk sizes and embedded texts with the server's fusion and
     * with the best fusion of (1), (3) fusion again on the best chunking. Every row is printed as it is measured.
     */
    static void tuning(Bench bench) {
        List<LabeledSet> sets = new ArrayList<>();
        for (String name : bench.settings().get("sets", "banking,banking-faq").split(",")) {
            sets.add(LabeledSet.named(name).split("tune"));
        }
        if (Files.isDirectory(Path.of("src/main/resources/demo/knowledge"))
                && Files.isRegularFile(Path.of("src/test/resources/knowledge/demo-questions.json"))
                && bench.settings().get("sets", "").isEmpty()) {
            sets.add(LabeledSet.demo().split("tune"));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (RetrievalHarness harness = new RetrievalHarness(new Embeddings(), EmbeddingCache.in(CACHE))) {
            Tuner tuner = new Tuner(harness, sets, rows);
            IndexSettings production = IndexSettings.PRODUCTION;
            Fusion bestFusion = tuner.fusions("1 fusion", production);
            IndexSettings bestCorpus = production;
            double bestScore = -1;
            for (int[] chunks : CHUNKINGS) {
                for (EmbeddedText text : EmbeddedText.values()) {
                    IndexSettings tried = production
                            .withChunks(chunks[0], chunks[1], chunks[2])
                            .withEmbeddedText(text);
                    tuner.row("2 corpus", tried);
                    double score = tuner.row("2 corpus", tried.withFusion(bestFusion));
                    if (score > bestScore) {
                        bestScore = score;
                        bestCorpus = tried;
                    }
                }
            }
            Fusion finalFusion = tuner.fusions("3 fusion on best corpus", bestCorpus);
            bench.report()
                    .put("bestByTuneMrr", bestCorpus.withFusion(finalFusion).label());
        }
        bench.report().put("rows", rows);
    }

    /** target/max/overlap tokens tried; the first is the server's default before tuning. */
    private static final List<int[]> CHUNKINGS = List.of(
            new int[] {250, 350, 40}, new int[] {250, 350, 0}, new int[] {150, 220, 25}, new int[] {400, 550, 50});

    /** Runs and prints one row per settings; a row's score is its mean hybrid MRR over the sets. */
    private record Tuner(RetrievalHarness harness, List<LabeledSet> sets, List<Map<String, Object>> rows) {

        Fusion fusions(String stage, IndexSettings corpus) {
            List<Fusion> tried = new ArrayList<>();
            for (int candidates : new int[] {20, 50, 100}) {
                for (double keyword : new double[] {0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0}) {
                    tried.add(new Fusion(candidates, Fusion.Method.WEIGHTED_SCORE, 60, 1.0, keyword));
                }
                for (int k : new int[] {5, 20, 60}) {
                    for (double[] w : new double[][] {{1, 1}, {1, 0.5}, {1, 0.3}, {0.5, 1}}) {
                        tried.add(new Fusion(candidates, Fusion.Method.RECIPROCAL_RANK, k, w[0], w[1]));
                    }
                }
            }
            Fusion best = corpus.fusion();
            double bestScore = -1;
            for (Fusion fusion : tried) {
                double score = row(stage, corpus.withFusion(fusion));
                if (score > bestScore + 1e-9) {
                    bestScore = score;
                    best = fusion;
                }
            }
            System.out.println("best of stage " + stage + ": " + IndexSettings.fusionLabel(best));
            return best;
        }

        double row(String stage, IndexSettings settings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage);
            row.put("settings", settings.label());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-70s", settings.label()));
            double sum = 0;
            for (LabeledSet set : sets) {
                RetrievalHarness.Evaluation e = harness.evaluate(set, settings);
                Map<String, Object> figures = RetrievalReport.summary(e);
                figures.remove("settings");
                row.put(set.name(), figures);
                RetrievalScores h = e.hybrid();
                sum += h.mrr();
                line.append(String.format(
                        Locale.ROOT,
                        " | %s %d ch: hyb %.3f/%.3f/%.3f kw %.3f vec %.3f",
                        set.name(),
                        e.chunks(),
                        h.recallAt1(),
                        h.recallAt5(),
                        h.mrr(),
                        e.keyword().mrr(),
                        e.vector().mrr()));
            }
            System.out.println(line);
            rows.add(row);
            return sum / sets.size();
        }
    }

    /** The base settings with whatever the command line changes. */
    static IndexSettings settings(Bench.Settings s, IndexSettings base) {
        Fusion f = base.fusion();
        Fusion fusion = new Fusion(
                s.integer("candidates", f.candidates()),
                Fusion.Method.valueOf(s.get("method", f.method().name()).toUpperCase(Locale.ROOT)),
                s.integer("rankConstant", f.rankConstant()),
                Double.parseDouble(s.get("vectorWeight", String.valueOf(f.vectorWeight()))),
                Double.parseDouble(s.get("keywordWeight", String.valueOf(f.keywordWeight()))));
        return new IndexSettings(
                s.integer("target", base.targetTokens()),
                s.integer("max", base.maxTokens()),
                s.integer("overlap", base.overlapTokens()),
                EmbeddedText.valueOf(s.get("embed", base.embeddedText().name()).toUpperCase(Locale.ROOT)),
                fusion);
    }
}

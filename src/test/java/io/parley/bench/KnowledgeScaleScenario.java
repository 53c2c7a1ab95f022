package io.parley.bench;

import io.parley.knowledge.Embeddings;
import io.parley.knowledge.index.IndexedChunk;
import io.parley.knowledge.index.OrganizationIndex;
import io.parley.knowledge.index.SearchMode;
import io.parley.knowledge.quality.RetrievalHarness;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.FileSystemUtils;

/**
 * One organization with a very large knowledge base, in-process: {@code chunks} (default 100,000) synthetic support
 * passages embedded with the real model, indexed in one {@link OrganizationIndex}, then searched.
 *
 * <p>{@code ./bench/run knowledge-scale [chunks=100000] [queries=500]}. The embeddings are written to {@code
 * target/bench/synthetic-<chunks>.vectors}; {@code reuse=true} reads them back instead of embedding again (about ten
 * minutes of both cores for 100,000), for re-measuring the index alone.
 */
final class KnowledgeScaleScenario {

    private static final int EMBED_BATCH = 256;
    private static final int INDEX_BATCH = 1000;

    private KnowledgeScaleScenario() {}

    static void run(Bench bench) throws Exception {
        int count = bench.settings().integer("chunks", 100_000);
        int queries = bench.settings().integer("queries", 500);
        boolean reuse = bench.settings().get("reuse", "false").equals("true");
        Path vectorsFile = Path.of("target", "bench", "synthetic-" + count + ".vectors");
        bench.put("loadAtStart", KnowledgeScenarios.loadAverage());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("chunks", count);
        result.put("heapAfterGcMiBAtStart", KnowledgeScenarios.round(heapAfterGcMiB()));

        SyntheticSupportText text = new SyntheticSupportText(42);
        List<SyntheticSupportText.Passage> passages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            passages.add(text.next());
        }
        List<String> embedded = passages.stream()
                .map(p -> IndexedChunk.searchText(p.title(), p.section(), p.body()))
                .toList();
        result.put("meanCharactersEmbedded", (int)
                embedded.stream().mapToInt(String::length).average().orElse(0));
        result.put("meanTokensEmbedded", meanTokens(embedded.subList(0, Math.min(2000, count))));

        Embeddings embeddings = new Embeddings();
        embeddings.embed("warm up the model");
        List<float[]> vectors;
        if (reuse && Files.exists(vectorsFile)) {
            vectors = read(vectorsFile, count);
            result.put("embeddings", "read from " + vectorsFile);
        } else {
            vectors = new ArrayList<>(count);
            long started = System.nanoTime();
            for (int from = 0; from < count; from += EMBED_BATCH) {
                vectors.addAll(embeddings.embedAll(embedded.subList(from, Math.min(count, from + EMBED_BATCH))));
                if ((from / EMBED_BATCH) % 40 == 0) {
                    System.out.printf(
                            "embedded %,d in %.0f s (load %s)%n",
                            vectors.size(), (System.nanoTime() - started) / 1e9, KnowledgeScenarios.loadAverage());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            result.put("embedSeconds", KnowledgeScenarios.round(seconds));
            result.put("embeddingsPerSecond", KnowledgeScenarios.round(count / seconds));
            result.put("loadAfterEmbedding", KnowledgeScenarios.loadAverage());
            write(vectorsFile, vectors);
        }
        result.put("heapAfterGcMiBWithTextsAndVectors", KnowledgeScenarios.round(heapAfterGcMiB()));

        Path directory = Files.createTempDirectory("parley-scale-index-");
        try {
            long started = System.nanoTime();
            try (OrganizationIndex index = new OrganizationIndex(directory, OrganizationIndex.Fusion.DEFAULT)) {
                for (int from = 0; from < count; from += INDEX_BATCH) {
                    List<IndexedChunk> batch = new ArrayList<>(INDEX_BATCH);
                    for (int i = from; i < Math.min(count, from + INDEX_BATCH); i++) {
                        SyntheticSupportText.Passage p = passages.get(i);
                        batch.add(new IndexedChunk(
                                "c" + i, "d" + (i / 4), p.title(), null, p.section(), p.body(), vectors.get(i)));
                    }
                    index.addAll(batch);
                }
                index.publish();
                double seconds = (System.nanoTime() - started) / 1e9;
                result.put("indexSeconds", KnowledgeScenarios.round(seconds));
                result.put("indexedChunksPerSecond", KnowledgeScenarios.round(count / seconds));
                result.put("indexSize", index.size());
                result.put("indexMiB", KnowledgeScenarios.round(KnowledgeScenarios.sizeMiB(directory)));
                passages = null;
                vectors = null;
                embedded = null;
                result.put("heapAfterGcMiBIndexOpenTextsDropped", KnowledgeScenarios.round(heapAfterGcMiB()));
                result.put("search", search(index, embeddings, queries));
                result.put("heapAfterGcMiBAfterSearches", KnowledgeScenarios.round(heapAfterGcMiB()));
                result.put("processRssMiB", KnowledgeScenarios.round(rssMiB()));
                result.put("indexMiBAfterSearches", KnowledgeScenarios.round(KnowledgeScenarios.sizeMiB(directory)));
            }
        } finally {
            FileSystemUtils.deleteRecursively(directory);
        }
        result.put("loadAtEnd", KnowledgeScenarios.loadAverage());
        bench.put("scale", result);
    }

    /** Hybrid searches as the search API makes them (embedding, search, one per document), and the other modes. */
    private static Map<String, Object> search(OrganizationIndex index, Embeddings embeddings, int queries) {
        SyntheticSupportText questions = new SyntheticSupportText(7);
        List<String> warmUp = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            warmUp.add(questions.question());
        }
        for (int i = 0; i < queries; i++) {
            measured.add(questions.question());
        }
        for (String q : warmUp) {
            RetrievalHarness.perDocument(index, q, embeddings.embed(q), SearchMode.HYBRID);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        List<float[]> vectors = new ArrayList<>();
        List<Long> embed = new ArrayList<>();
        for (String q : measured) {
            long t = System.nanoTime();
            vectors.add(embeddings.embed(q));
            embed.add(System.nanoTime() - t);
        }
        result.put("embedQuestionMs", KnowledgeScenarios.percentiles(embed));
        for (SearchMode mode : SearchMode.values()) {
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < measured.size(); i++) {
                long t = System.nanoTime();
                RetrievalHarness.perDocument(index, measured.get(i), vectors.get(i), mode);
                nanos.add(System.nanoTime() - t);
            }
            result.put(
                    mode.name().toLowerCase(java.util.Locale.ROOT) + "SearchMs", KnowledgeScenarios.percentiles(nanos));
        }
        return result;
    }

    private static int meanTokens(List<String> texts) {
        return (int)
                texts.stream().mapToInt(io.parley.llm.Tokens::count).average().orElse(0);
    }

    private static double heapAfterGcMiB() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
    }

    private static double rssMiB() {
        return new ServerProbe(ProcessHandle.current().pid(), 0).rssMiB();
    }

    private static void write(Path file, List<float[]> vectors) throws IOException {
        Files.createDirectories(file.getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            for (float[] v : vectors) {
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
    }

    private static List<float[]> read(Path file, int count) throws IOException {
        List<float[]> vectors = new ArrayList<>(count);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (int i = 0; i < count; i++) {
                float[] v = new float[Embeddings.DIMENSIONS];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                vectors.add(v);
            }
        }
        return vectors;
    }
}

package io.parley.bench;

import io.parley.knowledge.Embeddings;
import io.parley.knowledge.index.Hit;
import io.parley.knowledge.index.OrganizationIndex;
import io.parley.knowledge.index.SearchMode;
import io.parley.knowledge.quality.EmbeddingCache;
import io.parley.knowledge.quality.IndexSettings;
import io.parley.knowledge.quality.LabeledSet;
import io.parley.knowledge.quality.RetrievalHarness;
import io.parley.knowledge.quality.RetrievalScores;
import io.parley.testing.ParleyApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge base's speed and memory through the packaged server: ingesting the banking set's 698 documents over the
 * REST API until every one is ready, then search latency over REST, and the same searches in-process.
 */
final class KnowledgeScenarios {

    /** What the server is started with for these runs (Lucene's SIMD vector code needs the incubator module). */
    static final List<String> SERVER_JVM =
            List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");

    private KnowledgeScenarios() {}

    /**
     * {@code ./bench/run knowledge [documents=698] [searches=2]}: adds the 698 banking documents (JSON {@code {title, content}}, as fast as the API
     * accepts them) and polls the document list every 250 ms until none is processing; then {@code searches} (default
     * 2) passes of every banking and banking-FAQ question through {@code GET search} after one pass to warm up, and the
     * same in-process.
     */
    static void ingestAndSearch(Bench bench) throws Exception {
        LabeledSet banking = LabeledSet.banking();
        int limit = bench.settings().integer("documents", banking.documents().size());
        if (limit < banking.documents().size()) { // a quick smoke run
            java.util.Set<String> kept = new java.util.HashSet<>(banking.documents().subList(0, limit).stream()
                    .map(LabeledSet.SourceDocument::id)
                    .toList());
            banking = banking.documentsWhere("first-" + limit, d -> kept.contains(d.id()));
        }
        List<String> questions = new ArrayList<>();
        banking.questions().forEach(q -> questions.add(q.question()));
        LabeledSet.bankingFaq().questions().forEach(q -> questions.add(q.question()));
        bench.put("load", loadAverage());
        try (Bench.Target target = bench.start(Bench.instantModel(), SERVER_JVM)) {
            ParleyApi api = new ParleyApi(target.server().port());
            String token = target.ownerToken();
            double heapBefore = target.probe().heapAfterGcMiB();
            double rssBefore = target.probe().rssMiB();
            double cpuBefore = target.probe().cpuSeconds();
            long started = System.nanoTime();
            Map<String, String> datasetIds = new java.util.HashMap<>();
            for (LabeledSet.SourceDocument d : banking.documents()) {
                ParleyApi.Response r = api.call(
                        "POST",
                        "/api/v1/admin/knowledge/documents",
                        token,
                        Map.of("title", d.title(), "content", d.content()));
                if (r.status() != 202) {
                    throw new IllegalStateException("document refused: " + r);
                }
                datasetIds.put(r.body().path("id").asString(), d.id());
            }
            double submitted = seconds(started);
            JsonNode documents;
            while (true) {
                documents = api.get("/api/v1/admin/knowledge/documents", token)
                        .body()
                        .path("items");
                long processing = stream(documents)
                        .filter(d -> d.path("status").asString().equals("processing"))
                        .count();
                if (processing == 0) {
                    break;
                }
                Thread.sleep(250);
            }
            double elapsed = seconds(started);
            double cpu = target.probe().cpuSeconds() - cpuBefore;
            long ready = stream(documents)
                    .filter(d -> d.path("status").asString().equals("ready"))
                    .count();
            long chunks =
                    stream(documents).mapToLong(d -> d.path("chunks").asLong()).sum();
            Map<String, Object> ingestion = new LinkedHashMap<>();
            ingestion.put("documents", banking.documents().size());
            ingestion.put("ready", ready);
            ingestion.put("failed", documents.size() - ready);
            ingestion.put("chunks", chunks);
            ingestion.put("submitSeconds", round(submitted));
            ingestion.put("untilAllReadySeconds", round(elapsed));
            ingestion.put("documentsPerSecond", round(banking.documents().size() / elapsed));
            ingestion.put("chunksPerSecond", round(chunks / elapsed));
            ingestion.put("serverCpuSeconds", round(cpu));
            ingestion.put("indexMiB", round(sizeMiB(target.data().resolve("knowledge-index"))));
            ingestion.put("dataDirectoryMiB", round(sizeMiB(target.data())));
            ingestion.put("serverHeapAfterGcMiBBefore", round(heapBefore));
            ingestion.put("serverHeapAfterGcMiBAfter", round(target.probe().heapAfterGcMiB()));
            ingestion.put("serverRssMiBBefore", round(rssBefore));
            ingestion.put("serverRssMiBAfter", round(target.probe().rssMiB()));
            bench.put("ingestion", ingestion);

            int passes = bench.settings().integer("searches", 2);
            Map<String, Object> rest = new LinkedHashMap<>();
            for (String mode : List.of("hybrid", "keyword", "vector")) {
                for (String q : questions) { // warm-up pass
                    search(api, token, q, mode);
                }
                List<Long> nanos = new ArrayList<>();
                for (int pass = 0; pass < (mode.equals("hybrid") ? passes : 1); pass++) {
                    for (String q : questions) {
                        long t = System.nanoTime();
                        search(api, token, q, mode);
                        nanos.add(System.nanoTime() - t);
                    }
                }
                rest.put(mode, percentiles(nanos));
            }
            rest.put("serverRssMiBAfterSearches", round(target.probe().rssMiB()));
            bench.put("restSearchMs", rest);
            bench.put("restQuality", restQuality(api, token, banking, datasetIds));
        }
        bench.put(
                "inProcessSearchMs",
                inProcess(banking, questions, bench.settings().integer("searches", 2)));
    }

    /**
     * The same questions against the same documents in this process: the question's embedding, then the index's
     * search and one result per document, as {@code Retrieval} does, without HTTP, security and JSON.
     */
    private static Map<String, Object> inProcess(LabeledSet banking, List<String> questions, int passes) {
        Embeddings embeddings = new Embeddings();
        try (RetrievalHarness harness = new RetrievalHarness(
                        embeddings, EmbeddingCache.in(Path.of("target", "bench", "embedding-cache.bin")));
                OrganizationIndex index = harness.open(banking, IndexSettings.PRODUCTION)) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (String q : questions) { // warm-up
                RetrievalHarness.perDocument(index, q, embeddings.embed(q), SearchMode.HYBRID);
            }
            List<Long> embed = new ArrayList<>();
            List<Long> search = new ArrayList<>();
            List<Long> both = new ArrayList<>();
            for (int pass = 0; pass < passes; pass++) {
                for (String q : questions) {
                    long t0 = System.nanoTime();
                    float[] vector = embeddings.embed(q);
                    long t1 = System.nanoTime();
                    List<Hit> hits = RetrievalHarness.perDocument(index, q, vector, SearchMode.HYBRID);
                    long t2 = System.nanoTime();
                    if (hits.isEmpty()) {
                        throw new IllegalStateException("nothing found for " + q);
                    }
                    embed.add(t1 - t0);
                    search.add(t2 - t1);
                    both.add(t2 - t0);
                }
            }
            result.put("embedQuestion", percentiles(embed));
            result.put("hybridSearchAndPerDocument", percentiles(search));
            result.put("total", percentiles(both));
            return result;
        }
    }

    /**
     * The labeled questions through the search API ({@code k=10}, as an outside benchmark would call it): the same
     * recall and MRR as the in-process harness computes, to show the two agree.
     */
    private static Map<String, Object> restQuality(
            ParleyApi api, String token, LabeledSet banking, Map<String, String> datasetIds) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (SearchMode mode : SearchMode.values()) {
            String name = mode.name().toLowerCase(java.util.Locale.ROOT);
            List<RetrievalScores.Outcome> outcomes = new ArrayList<>();
            for (LabeledSet.LabeledQuestion q : banking.questions()) {
                JsonNode results = search(api, token, q.question(), name, RetrievalHarness.RESULTS)
                        .path("results");
                int rank = 0;
                for (int i = 0; i < results.size() && rank == 0; i++) {
                    if (q.expected()
                            .contains(datasetIds.get(
                                    results.get(i).path("documentId").asString()))) {
                        rank = i + 1;
                    }
                }
                outcomes.add(new RetrievalScores.Outcome(q.question(), q.expected(), rank, null, 0));
            }
            result.put(name, RetrievalScores.of(mode, outcomes).summary());
        }
        return result;
    }

    private static void search(ParleyApi api, String token, String q, String mode) {
        search(api, token, q, mode, 5);
    }

    private static JsonNode search(ParleyApi api, String token, String q, String mode, int k) {
        ParleyApi.Response r = api.get(
                "/api/v1/admin/knowledge/search?k=" + k + "&mode=" + mode + "&q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8),
                token);
        if (r.status() != 200) {
            throw new IllegalStateException("search failed: " + r);
        }
        return r.body();
    }

    static Map<String, Object> percentiles(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", sorted.size());
        p.put("p50", ms(sorted.get((int) Math.floor(0.50 * (sorted.size() - 1)))));
        p.put("p90", ms(sorted.get((int) Math.floor(0.90 * (sorted.size() - 1)))));
        p.put("p99", ms(sorted.get((int) Math.floor(0.99 * (sorted.size() - 1)))));
        p.put("max", ms(sorted.getLast()));
        return p;
    }

    static double sizeMiB(Path directory) {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                            .mapToLong(p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    return 0; // a file Lucene merged away while we walked
                                }
                            })
                            .sum()
                    / (1024.0 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The machine's 1-minute load average (the bench shares 2 cores with whatever else runs). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

package io.parley.knowledge.quality;

import io.parley.knowledge.Embeddings;
import io.parley.knowledge.index.Hit;
import io.parley.knowledge.index.IndexedChunk;
import io.parley.knowledge.index.OrganizationIndex;
import io.parley.knowledge.index.SearchMode;
import io.parley.knowledge.quality.LabeledSet.LabeledQuestion;
import io.parley.knowledge.quality.LabeledSet.SourceDocument;
import io.parley.knowledge.text.Block;
import io.parley.knowledge.text.Chunk;
import io.parley.knowledge.text.Chunker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.FileSystemUtils;

/**
 * Measures retrieval the way the product retrieves: each document chunked and embedded as ingestion does it, all of
 * them in one {@link OrganizationIndex}, each question searched as the search API searches (the best chunks, then one
 * result per document) by keywords only, by meaning only, and fused. Embeddings are cached by text, and an index is
 * built once per chunking and embedded text, so trying many fusion settings costs only the searches.
 *
 * <p>Not thread-safe: one harness per thread.
 */
public final class RetrievalHarness implements AutoCloseable {

    /** Documents looked at per question: a rank past this counts as not found (reciprocal rank 0). */
    public static final int RESULTS = 10;

    private final Embeddings embeddings;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final Map<String, Corpus> corpora = new HashMap<>();
    private final Path workDirectory;

    private final EmbeddingCache cache;

    public RetrievalHarness(Embeddings embeddings) {
        this(embeddings, EmbeddingCache.none());
    }

    /** With embeddings remembered on disk between runs, for trying many settings in a row. */
    public RetrievalHarness(Embeddings embeddings, EmbeddingCache cache) {
        this.embeddings = embeddings;
        this.cache = cache;
        try {
            this.workDirectory = Files.createTempDirectory("parley-retrieval-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What one set of settings finds for one set of questions.
     *
     * @param scores per search mode, over the answerable questions
     * @param unanswerable for questions nothing answers: what a hybrid search came up with (rank is always 0)
     */
    public record Evaluation(
            String set,
            int documents,
            int chunks,
            IndexSettings settings,
            Map<SearchMode, RetrievalScores> scores,
            List<RetrievalScores.Outcome> unanswerable) {

        public RetrievalScores hybrid() {
            return scores.get(SearchMode.HYBRID);
        }

        public RetrievalScores keyword() {
            return scores.get(SearchMode.KEYWORD);
        }

        public RetrievalScores vector() {
            return scores.get(SearchMode.VECTOR);
        }

        /** Unanswerable questions whose best result is as similar as {@code minSimilarity}: a reply would use it. */
        public long confidentlyWrong(double minSimilarity) {
            return unanswerable.stream()
                    .filter(o -> o.bestSimilarity() >= minSimilarity)
                    .count();
        }
    }

    /** A set's documents chunked and embedded one way, indexed in a directory of their own. */
    private record Corpus(Path path, int chunks) {}

    public Evaluation evaluate(LabeledSet set, IndexSettings settings) {
        Corpus corpus = corpus(set.documents(), settings);
        List<LabeledQuestion> answerable =
                set.questions().stream().filter(LabeledQuestion::answerable).toList();
        List<LabeledQuestion> unanswerable =
                set.questions().stream().filter(q -> !q.answerable()).toList();
        embedAll(set.questions().stream().map(LabeledQuestion::question).toList());
        Map<SearchMode, RetrievalScores> scores = new EnumMap<>(SearchMode.class);
        List<RetrievalScores.Outcome> notAnswered = new ArrayList<>();
        try (OrganizationIndex index = new OrganizationIndex(corpus.path(), settings.fusion())) {
            for (SearchMode mode : SearchMode.values()) {
                List<RetrievalScores.Outcome> outcomes = new ArrayList<>();
                for (LabeledQuestion q : answerable) {
                    outcomes.add(outcome(index, q, mode));
                }
                scores.put(mode, RetrievalScores.of(mode, outcomes));
            }
            for (LabeledQuestion q : unanswerable) {
                notAnswered.add(outcome(index, q, SearchMode.HYBRID));
            }
        }
        return new Evaluation(set.name(), set.documents().size(), corpus.chunks(), settings, scores, notAnswered);
    }

    /**
     * The set's documents chunked, embedded and indexed with these settings, opened for searching (for timing searches
     * in-process); the caller closes it.
     */
    public OrganizationIndex open(LabeledSet set, IndexSettings settings) {
        return new OrganizationIndex(corpus(set.documents(), settings).path(), settings.fusion());
    }

    /** The documents in the order a search API call with {@code k} = {@link #RESULTS} would list them. */
    public static List<Hit> perDocument(OrganizationIndex index, String question, float[] vector, SearchMode mode) {
        // As Retrieval.search: four chunks per wanted result (at least 20), then the best chunk of each document.
        List<Hit> hits = index.search(question, vector, Math.max(RESULTS * 4, 20), mode);
        Set<String> seen = new LinkedHashSet<>();
        List<Hit> kept = new ArrayList<>();
        for (Hit hit : hits) {
            if (kept.size() < RESULTS && seen.add(hit.documentId())) {
                kept.add(hit);
            }
        }
        return kept;
    }

    private RetrievalScores.Outcome outcome(OrganizationIndex index, LabeledQuestion q, SearchMode mode) {
        float[] vector = mode == SearchMode.KEYWORD ? new float[Embeddings.DIMENSIONS] : vectors.get(q.question());
        List<Hit> results = perDocument(index, q.question(), vector, mode);
        int rank = 0;
        for (int i = 0; i < results.size() && rank == 0; i++) {
            if (q.expected().contains(results.get(i).documentId())) {
                rank = i + 1;
            }
        }
        double best = results.stream().mapToDouble(Hit::similarity).max().orElse(0);
        return new RetrievalScores.Outcome(
                q.question(),
                q.expected(),
                rank,
                results.isEmpty() ? null : results.getFirst().documentId(),
                best);
    }

    private Corpus corpus(List<SourceDocument> documents, IndexSettings settings) {
        String key = documents.hashCode() + " " + settings.corpusKey();
        Corpus existing = corpora.get(key);
        if (existing != null) {
            return existing;
        }
        Chunker chunker = settings.chunker();
        List<PendingChunk> pending = new ArrayList<>();
        for (SourceDocument d : documents) {
            List<Block> blocks = d.faq() ? Chunker.faq(d.title(), d.content()) : Chunker.plainText(d.content());
            for (Chunk c : chunker.chunk(blocks)) {
                pending.add(new PendingChunk(d, c, settings.embeddedText().of(d.title(), c.section(), c.body())));
            }
        }
        embedAll(pending.stream().map(PendingChunk::embeddedText).toList());
        Path path = workDirectory.resolve("corpus-" + corpora.size());
        try (OrganizationIndex index = new OrganizationIndex(path, settings.fusion())) {
            index.addAll(pending.stream()
                    .map(p -> new IndexedChunk(
                            p.document().id() + "#" + p.chunk().ordinal(),
                            p.document().id(),
                            p.document().title(),
                            null,
                            p.chunk().section(),
                            p.chunk().body(),
                            vectors.get(p.embeddedText())))
                    .toList());
            index.publish();
        }
        Corpus corpus = new Corpus(path, pending.size());
        corpora.put(key, corpus);
        return corpus;
    }

    private record PendingChunk(SourceDocument document, Chunk chunk, String embeddedText) {}

    private void embedAll(List<String> texts) {
        List<String> missing =
                texts.stream().filter(t -> !vectors.containsKey(t)).distinct().toList();
        List<float[]> computed = embeddings.embedAll(missing);
        for (int i = 0; i < missing.size(); i++) {
            vectors.put(missing.get(i), computed.get(i));
        }
    }

    /** How many texts have been embedded so far (each once). */
    public int embedded() {
        return vectors.size();
    }

    @Override
    public void close() {
        cache.save();
        try {
            FileSystemUtils.deleteRecursively(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

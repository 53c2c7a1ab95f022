package io.parley.knowledge.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * One organization's search index, in its own directory: every chunk of its ready documents, searchable by keywords
 * (BM25 over title, section and body, English stemming) and by meaning (HNSW over unit-length embeddings). A hybrid
 * search takes the best candidates of each and ranks their union by both: by default a weighted sum of the
 * embedding's similarity and the BM25 score scaled to the best one, or by reciprocal rank fusion.
 *
 * <p>Every change is committed and made visible before the call returns, so a deleted document is never found
 * again. Thread-safe; many searches run at once.
 */
public final class OrganizationIndex implements Closeable {

    private static final String CHUNK_ID = "chunkId";
    private static final String DOCUMENT_ID = "documentId";
    private static final String TITLE = "title";
    private static final String URL = "url";
    private static final String SECTION = "section";
    private static final String BODY = "body";
    private static final String TEXT = "text";
    private static final String VECTOR = "vector";
    private static final int MAX_QUERY_TERMS = 64;

    private final Analyzer analyzer = new EnglishAnalyzer(QueryWords.STOP_WORDS);
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Fusion fusion;

    public OrganizationIndex(Path path, Fusion fusion) {
        this.fusion = fusion;
        try {
            directory = FSDirectory.open(path);
            writer = new IndexWriter(
                    directory,
                    new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge index at " + path, e);
        }
    }

    /**
     * How keyword and vector results are fused.
     *
     * @param candidates how many of each are considered
     * @param method by reciprocal rank, or by a weighted sum of similarity and the keyword score scaled to the best one
     * @param rankConstant reciprocal rank fusion's k (ranks count as 1 / (k + rank))
     * @param vectorWeight the weight of the vector side (reciprocal rank) or of similarity (weighted sum)
     * @param keywordWeight the weight of the keyword side
     */
    public record Fusion(int candidates, Method method, int rankConstant, double vectorWeight, double keywordWeight) {

        public enum Method {
            RECIPROCAL_RANK,
            WEIGHTED_SCORE
        }

        /**
         * Chosen on the tune splits of the labeled sets (docs/benchmarks.md, "Knowledge base (issue 9)"): meaning
         * leads and keywords break near-ties. Customers' questions share few words with the documents, so equal
         * weights (plain reciprocal rank fusion) did worse than meaning alone; keyword weights from 0.1 to 0.3 did
         * equally well, and 0.2 sits in the middle of that plateau. 50 candidates a side cost nothing measurable.
         */
        public static final Fusion DEFAULT = new Fusion(50, Method.WEIGHTED_SCORE, 60, 1.0, 0.2);
    }

    /** Replaces whatever the index holds of the document with these chunks (none: the document is removed). */
    public void replace(String documentId, List<IndexedChunk> chunks) {
        List<Document> documents =
                chunks.stream().map(OrganizationIndex::document).toList();
        try {
            writer.updateDocuments(new Term(DOCUMENT_ID, documentId), documents);
            publish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds chunks without looking for earlier ones: for rebuilding an emptied index. */
    public void addAll(List<IndexedChunk> chunks) {
        try {
            writer.addDocuments(chunks.stream().map(OrganizationIndex::document).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String documentId) {
        try {
            writer.deleteDocuments(new Term(DOCUMENT_ID, documentId));
            publish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the index (before a rebuild). */
    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits and makes everything written so far searchable. */
    public void publish() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many chunks are searchable. */
    public int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /**
     * The best chunks for a question, best first.
     *
     * @param text the question (and whatever context resolves it), for keywords
     * @param vector its embedding (unit length), for meaning; ignored by {@link SearchMode#KEYWORD}
     * @param limit how many to return at most
     */
    public List<Hit> search(String text, float[] vector, int limit, SearchMode mode) {
        return withSearcher(searcher -> {
            Map<Integer, Integer> keywordRanks = new HashMap<>();
            Map<Integer, Double> keywordScores = new HashMap<>();
            Map<Integer, Integer> vectorRanks = new HashMap<>();
            int depth = Math.max(limit, fusion.candidates());
            if (mode != SearchMode.VECTOR) {
                Query keywords = keywordQuery(text);
                if (keywords != null) {
                    ScoreDoc[] found = searcher.search(keywords, depth).scoreDocs;
                    for (int i = 0; i < found.length; i++) {
                        keywordRanks.put(found[i].doc, i + 1);
                        keywordScores.put(found[i].doc, (double) found[i].score);
                    }
                }
            }
            Map<Integer, Double> similarities = new HashMap<>();
            if (mode != SearchMode.KEYWORD) {
                ScoreDoc[] found = searcher.search(new KnnFloatVectorQuery(VECTOR, vector, depth), depth).scoreDocs;
                for (int i = 0; i < found.length; i++) {
                    vectorRanks.put(found[i].doc, i + 1);
                    // Lucene scores unit vectors by dot product as (1 + cosine) / 2.
                    similarities.put(found[i].doc, 2.0 * found[i].score - 1);
                }
            }
            Set<Integer> candidates = new LinkedHashSet<>(vectorRanks.keySet());
            candidates.addAll(keywordRanks.keySet());
            double bestKeyword =
                    keywordScores.values().stream().mapToDouble(d -> d).max().orElse(1);
            List<Scored> scored = new ArrayList<>(candidates.size());
            for (int doc : candidates) {
                double keywordScore = keywordScores.getOrDefault(doc, 0.0);
                double similarity = mode == SearchMode.KEYWORD
                        ? 0
                        : similarities.computeIfAbsent(doc, d -> similarity(searcher, d, vector));
                double score =
                        switch (mode) {
                            case KEYWORD -> keywordScore;
                            case VECTOR -> similarity;
                            case HYBRID ->
                                fusion.method() == Fusion.Method.RECIPROCAL_RANK
                                        ? fused(keywordRanks.get(doc), vectorRanks.get(doc))
                                        : fusion.vectorWeight() * similarity
                                                + fusion.keywordWeight() * keywordScore / bestKeyword;
                        };
                scored.add(new Scored(doc, score, similarity, keywordScore));
            }
            scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::doc));
            // Only what is returned is read from the stored fields: the costly part of a search.
            List<Hit> hits = new ArrayList<>(Math.min(limit, scored.size()));
            for (Scored s : scored.subList(0, Math.min(limit, scored.size()))) {
                hits.add(hit(searcher.storedFields().document(s.doc()), s));
            }
            return List.copyOf(hits);
        });
    }

    private record Scored(int doc, double score, double similarity, double keywordScore) {}

    /** The cosine of a chunk found by keywords only, from the vector values (not the stored fields). */
    private static double similarity(IndexSearcher searcher, int doc, float[] question) {
        try {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
            if (values == null) {
                return 0;
            }
            KnnVectorValues.DocIndexIterator iterator = values.iterator();
            int local = doc - leaf.docBase;
            if (iterator.advance(local) != local) {
                return 0;
            }
            return VectorUtil.dotProduct(values.vectorValue(iterator.index()), question);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double fused(Integer keywordRank, Integer vectorRank) {
        double score = 0;
        if (keywordRank != null) {
            score += fusion.keywordWeight() / (fusion.rankConstant() + keywordRank);
        }
        if (vectorRank != null) {
            score += fusion.vectorWeight() / (fusion.rankConstant() + vectorRank);
        }
        return score;
    }

    /** Any of the question's words (stemmed, stop words dropped), BM25-scored; null when it has none. */
    private Query keywordQuery(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.forEach(t -> query.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD));
        return query.build();
    }

    private static Document document(IndexedChunk chunk) {
        Document d = new Document();
        d.add(new StringField(CHUNK_ID, chunk.chunkId(), Field.Store.YES));
        d.add(new StringField(DOCUMENT_ID, chunk.documentId(), Field.Store.YES));
        d.add(new StoredField(TITLE, chunk.title()));
        if (chunk.url() != null) {
            d.add(new StoredField(URL, chunk.url()));
        }
        d.add(new StoredField(SECTION, chunk.section()));
        d.add(new StoredField(BODY, chunk.body()));
        d.add(new TextField(
                TEXT, IndexedChunk.searchText(chunk.title(), chunk.section(), chunk.body()), Field.Store.NO));
        d.add(new KnnFloatVectorField(VECTOR, chunk.embedding(), VectorSimilarityFunction.DOT_PRODUCT));
        return d;
    }

    private static Hit hit(Document d, Scored scored) {
        return new Hit(
                d.get(CHUNK_ID),
                d.get(DOCUMENT_ID),
                d.get(TITLE),
                d.get(URL),
                d.get(SECTION),
                d.get(BODY),
                scored.score(),
                scored.similarity(),
                scored.keywordScore());
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

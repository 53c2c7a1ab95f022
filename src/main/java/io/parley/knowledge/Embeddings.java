package io.parley.knowledge;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings computed in-process with all-MiniLM-L6-v2 (quantized, 384 dimensions; the model ships inside a
 * jar, so nothing is downloaded). The model is loaded on first use: a server whose organizations have no knowledge base
 * never pays its second of start-up and its memory. Vectors are unit length, so a dot product is their cosine.
 * Thread-safe.
 */
public final class Embeddings {

    public static final int DIMENSIONS = 384;
    /** Texts embedded per call: large enough to amortise a call, small enough to report progress often. */
    static final int BATCH = 32;

    private volatile EmbeddingModel model;

    public float[] embed(String text) {
        return normalized(model().embed(text).content().vector());
    }

    /** Embeddings of the texts, in order, computed in batches. */
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(TextSegment::from)
                    .toList();
            model().embedAll(batch).content().forEach(e -> vectors.add(normalized(e.vector())));
        }
        return vectors;
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    static float[] normalized(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return vector;
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}

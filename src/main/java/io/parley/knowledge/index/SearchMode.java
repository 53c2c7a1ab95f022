package io.parley.knowledge.index;

/** How chunks are ranked: by keywords (BM25), by meaning (embedding similarity), or both fused. */
public enum SearchMode {
    KEYWORD,
    VECTOR,
    HYBRID
}

package io.parley.knowledge.index;

import org.springframework.modulith.NamedInterface;

/**
 * How chunks are ranked: by keywords (BM25), by meaning (embedding similarity), or both fused. Part of the "search"
 * interface with {@link Hit}: other features (the console) search the knowledge base with these.
 */
@NamedInterface("search")
public enum SearchMode {
    KEYWORD,
    VECTOR,
    HYBRID
}

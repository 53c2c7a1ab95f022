package io.parley.knowledge;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the knowledge base.
 *
 * @param indexDir where the search indexes live; by default {@code knowledge-index} in the data directory. Derived
 *     data: delete it and it is rebuilt from the database
 * @param maxFileSize the largest document accepted
 * @param maxSitemapPages pages imported from one sitemap at most
 * @param syncInterval how often web sources are fetched again
 * @param minSimilarity how similar (cosine, 0–1) a passage must be to the question to be answered from; below it the
 *     question is a knowledge gap
 * @param maxPassages passages given to the model for one reply at most
 * @param passageMargin further passages must be at least this close in similarity to the best one
 */
@ConfigurationProperties("parley.knowledge")
public record KnowledgeProperties(
        Path indexDir,
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("200") int maxSitemapPages,
        @DefaultValue("24h") Duration syncInterval,
        @DefaultValue("0.30") double minSimilarity,
        @DefaultValue("3") int maxPassages,
        @DefaultValue("0.15") double passageMargin) {

    public KnowledgeProperties {
        if (maxSitemapPages < 1 || maxPassages < 1) {
            throw new IllegalArgumentException("parley.knowledge.max-sitemap-pages and max-passages must be positive");
        }
        if (!(minSimilarity >= 0 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("parley.knowledge.min-similarity is between 0 and 1");
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("parley.knowledge.sync-interval must be positive");
        }
    }
}

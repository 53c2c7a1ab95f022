package io.parley.knowledge.fetch;

import java.net.URI;
import java.util.List;

/**
 * One sitemap file as read: either a urlset, whose locations are pages, or a sitemap index, whose locations are
 * further sitemaps.
 *
 * @param locations the {@code <loc>} addresses that are absolute http(s) ones, in document order, duplicates kept
 */
record Sitemap(boolean isIndex, List<URI> locations) {

    Sitemap {
        locations = List.copyOf(locations);
    }
}

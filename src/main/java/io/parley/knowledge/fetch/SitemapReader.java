package io.parley.knowledge.fetch;

import io.parley.outbound.OutboundException;
import io.parley.outbound.SafeHttpClient;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pages a site lists in its sitemap (sitemaps.org), so that a business can import its site by giving one address.
 * Every sitemap is fetched through {@link SafeHttpClient}, so a sitemap cannot point the platform at a private
 * address any more than the business could.
 *
 * <p>A sitemap index may list sitemaps, and those may be indexes too, {@value #MAX_NESTING} levels below the given
 * one at most (the protocol allows one; some sites use two); deeper ones are skipped. At most {@value #MAX_SITEMAPS}
 * sitemap files are read for one call, so an index of thousands of empty sitemaps cannot keep it busy for hours.
 */
public final class SitemapReader {

    static final int MAX_NESTING = 2;
    static final int MAX_SITEMAPS = 100;

    private final SafeHttpClient http;

    public SitemapReader(SafeHttpClient http) {
        this.http = http;
    }

    /**
     * The distinct http(s) page addresses the sitemap lists, in the order it lists them, at most {@code maxPages}.
     *
     * @throws OutboundException when a sitemap cannot be fetched or read; for one listed in an index, the message names
     *     it
     */
    public List<URI> pages(URI sitemapUrl, int maxPages) throws OutboundException {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, not " + maxPages);
        }
        Set<URI> pages = new LinkedHashSet<>();
        Set<URI> seen = new HashSet<>();
        Deque<Pending> queue = new ArrayDeque<>();
        queue.add(new Pending(sitemapUrl, 0));
        int read = 0;
        while (!queue.isEmpty() && pages.size() < maxPages && read < MAX_SITEMAPS) {
            Pending next = queue.poll();
            if (!seen.add(next.url())) {
                continue;
            }
            read++;
            Sitemap sitemap = fetch(next);
            if (sitemap.isIndex()) {
                if (next.depth() < MAX_NESTING) {
                    sitemap.locations().forEach(child -> queue.add(new Pending(child, next.depth() + 1)));
                }
            } else {
                for (URI page : sitemap.locations()) {
                    if (pages.size() == maxPages) {
                        break;
                    }
                    pages.add(page);
                }
            }
        }
        return List.copyOf(pages);
    }

    private record Pending(URI url, int depth) {}

    private Sitemap fetch(Pending sitemap) throws OutboundException {
        try {
            return SitemapParser.parse(http.get(sitemap.url()).body());
        } catch (OutboundException e) {
            if (sitemap.depth() == 0) {
                throw e;
            }
            throw new OutboundException(e.kind(), "the sitemap " + sitemap.url() + ": " + e.getMessage(), e);
        }
    }
}

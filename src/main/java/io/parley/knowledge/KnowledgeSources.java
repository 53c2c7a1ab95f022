package io.parley.knowledge;

import io.parley.knowledge.fetch.SitemapReader;
import io.parley.outbound.HttpResult;
import io.parley.outbound.OutboundException;
import io.parley.outbound.SafeHttpClient;
import io.parley.tenant.OrganizationId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports and re-syncs web sources: fetches the page (or every page the sitemap lists, up to the cap) through the
 * SSRF-safe client, adds pages that are new, re-processes pages whose content changed, leaves unchanged ones alone and
 * deletes pages the sitemap no longer lists. A page that cannot be fetched becomes a failed document with the reason;
 * a sitemap that cannot be read fails the source and changes nothing. One sync per source at a time.
 */
public final class KnowledgeSources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeSources.class);

    private final KnowledgeStore store;
    private final Knowledge knowledge;
    private final SafeHttpClient http;
    private final SitemapReader sitemaps;
    private final int maxPages;
    private final Clock clock;
    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> syncing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("knowledge-sync").daemon().factory());

    KnowledgeSources(KnowledgeStore store, Knowledge knowledge, SafeHttpClient http, int maxPages, Clock clock) {
        this.store = store;
        this.knowledge = knowledge;
        this.http = http;
        this.sitemaps = new SitemapReader(http);
        this.maxPages = maxPages;
        this.clock = clock;
    }

    /** Adds a source and starts its first sync. */
    public KnowledgeSource add(OrganizationId organization, KnowledgeSource.Type type, URI url) {
        KnowledgeSource source = new KnowledgeSource(
                io.parley.ids.TimeOrderedIds.next(),
                organization,
                type,
                url.toString(),
                KnowledgeSource.Status.SYNCING,
                null,
                0,
                clock.instant(),
                null);
        store.addSource(source);
        start(source);
        return source;
    }

    /** Starts a sync in the background unless one of this source is running; false when one is. */
    boolean start(KnowledgeSource source) {
        if (!syncing.add(source.id())) {
            return false;
        }
        store.updateSource(source.id(), KnowledgeSource.Status.SYNCING, null, source.pages(), null);
        fetchers.execute(() -> {
            try {
                sync(source);
            } finally {
                syncing.remove(source.id());
            }
        });
        return true;
    }

    public List<KnowledgeSource> list(OrganizationId organization) {
        return store.sources(organization);
    }

    /** Starts syncing the source now (unless it is syncing already); empty when the organization has no such source. */
    public Optional<KnowledgeSource> sync(OrganizationId organization, String id) {
        Optional<KnowledgeSource> source = store.source(organization, id);
        source.ifPresent(this::start);
        return source;
    }

    /** Deletes the source and its pages; they are no longer found once this returns. */
    public boolean delete(OrganizationId organization, String id) {
        List<KnowledgeDocument> pages = store.documentsOf(id).stream()
                .filter(d -> d.organization().equals(organization))
                .toList();
        pages.forEach(knowledge::deletePage);
        return store.deleteSource(organization, id);
    }

    /** Re-syncs every source every {@code interval}, the first time one interval from now. */
    void scheduleEvery(Duration interval) {
        long seconds = Math.max(1, interval.toSeconds());
        schedule.scheduleWithFixedDelay(this::syncAllSafely, seconds, seconds, TimeUnit.SECONDS);
    }

    private void syncAllSafely() {
        try {
            syncAll();
        } catch (RuntimeException e) {
            log.warn("The scheduled sync of knowledge sources failed; it runs again at the next interval", e);
        }
    }

    /** Re-syncs every source (the schedule). */
    void syncAll() {
        store.allSources().forEach(this::start);
    }

    private void sync(KnowledgeSource source) {
        List<URI> pages;
        try {
            pages = source.type() == KnowledgeSource.Type.SITEMAP
                    ? sitemaps.pages(URI.create(source.url()), maxPages)
                    : List.of(URI.create(source.url()));
        } catch (OutboundException e) {
            log.info("Knowledge source {} could not be read: {}", source.id(), e.getMessage());
            store.updateSource(
                    source.id(), KnowledgeSource.Status.FAILED, e.getMessage(), source.pages(), clock.instant());
            return;
        } catch (RuntimeException e) {
            log.warn("Knowledge source {} could not be synced", source.id(), e);
            store.updateSource(
                    source.id(),
                    KnowledgeSource.Status.FAILED,
                    "the source could not be read",
                    source.pages(),
                    clock.instant());
            return;
        }
        Map<String, KnowledgeDocument> known = new HashMap<>();
        store.documentsOf(source.id()).forEach(d -> known.put(d.url(), d));
        Set<String> listed = new LinkedHashSet<>();
        for (URI page : pages) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            listed.add(page.toString());
            syncPage(source, page, Optional.ofNullable(known.get(page.toString())));
        }
        List<KnowledgeDocument> removed = new ArrayList<>();
        known.forEach((url, document) -> {
            if (!listed.contains(url)) {
                removed.add(document);
            }
        });
        removed.forEach(knowledge::deletePage);
        store.updateSource(source.id(), KnowledgeSource.Status.READY, null, pages.size(), clock.instant());
        log.info("Knowledge source {} synced: {} pages, {} removed", source.id(), pages.size(), removed.size());
    }

    private void syncPage(KnowledgeSource source, URI page, Optional<KnowledgeDocument> known) {
        Instant now = clock.instant();
        try {
            HttpResult result = http.get(page);
            byte[] body = result.body();
            if (known.isEmpty()) {
                knowledge.addPage(source.organization(), source.id(), page.toString(), result.contentType(), body);
            } else if (!known.get().contentHash().equals(Knowledge.sha256(body))
                    || known.get().status() == KnowledgeDocument.Status.FAILED) {
                knowledge.updatePage(known.get(), result.contentType(), body);
            }
        } catch (OutboundException e) {
            KnowledgeDocument document =
                    known.orElseGet(() -> knowledge.addFailedPage(source.organization(), source.id(), page.toString()));
            store.markFailed(document.id(), e.getMessage(), now);
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        fetchers.shutdownNow();
    }
}

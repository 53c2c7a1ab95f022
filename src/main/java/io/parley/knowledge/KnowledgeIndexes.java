package io.parley.knowledge;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.parley.knowledge.index.IndexedChunk;
import io.parley.knowledge.index.OrganizationIndex;
import io.parley.tenant.OrganizationId;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organizations' search indexes on disk, one directory each, opened on first use and closed when not used for a
 * while. An index is derived data: when it is missing, or holds a different number of chunks than the database says
 * the organization's ready documents have (a crash between the two writes, a deleted directory), it is rebuilt from
 * the database's chunks and their stored embeddings, with no model call. Thread-safe.
 */
final class KnowledgeIndexes implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndexes.class);

    private final Path root;
    private final KnowledgeStore store;
    private final OrganizationIndex.Fusion fusion;
    private final LoadingCache<OrganizationId, OrganizationIndex> open;

    KnowledgeIndexes(Path root, KnowledgeStore store, OrganizationIndex.Fusion fusion, int maxOpen) {
        this.root = root;
        this.store = store;
        this.fusion = fusion;
        this.open = Caffeine.newBuilder()
                .maximumSize(maxOpen)
                // Closed on the caller's thread, so that a forgotten index is closed when forget() returns.
                .executor(Runnable::run)
                .removalListener(
                        (OrganizationId id,
                                OrganizationIndex index,
                                com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                            if (index != null) {
                                index.close();
                            }
                        })
                .build(this::openOrRebuild);
    }

    /** The organization's index, opened (and rebuilt if need be) on first use. */
    OrganizationIndex of(OrganizationId organization) {
        return open.get(organization);
    }

    /** Closes the organization's index; the next use opens it again (and rebuilds it if it is gone). */
    void forget(OrganizationId organization) {
        open.invalidate(organization);
        open.cleanUp();
    }

    /** Throws the organization's index away and builds it again from the database. */
    void rebuild(OrganizationId organization) {
        rebuildInto(of(organization), organization);
    }

    private OrganizationIndex openOrRebuild(OrganizationId organization) {
        Path path = root.resolve(directoryName(organization));
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OrganizationIndex index = new OrganizationIndex(path, fusion);
        int expected = store.chunkCount(organization);
        if (index.size() != expected) {
            log.info(
                    "Knowledge index of organization {} holds {} chunks where the database has {}; rebuilding it",
                    organization.value(),
                    index.size(),
                    expected);
            rebuildInto(index, organization);
        }
        return index;
    }

    private void rebuildInto(OrganizationIndex index, OrganizationId organization) {
        index.clear();
        store.forEachChunk(
                organization,
                page -> index.addAll(page.stream()
                        .map(c -> new IndexedChunk(
                                c.id(), c.documentId(), c.title(), c.url(), c.section(), c.body(), c.embedding()))
                        .toList()));
        index.publish();
    }

    /**
     * A directory name from the organization's id: its characters when they are safe in a path, otherwise a hash, so
     * that no id can point outside the root.
     */
    static String directoryName(OrganizationId organization) {
        String id = organization.value();
        if (id.matches("[A-Za-z0-9_-]{1,100}")) {
            return id;
        }
        try {
            byte[] digest =
                    java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "h-" + HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        open.invalidateAll();
        open.cleanUp();
    }

    /** Used by tests and the rebuild command: where the organization's index lives. */
    Path pathOf(OrganizationId organization) {
        return root.resolve(directoryName(organization));
    }

    static List<IndexedChunk> indexed(KnowledgeDocument document, String title, List<StoredChunk> chunks) {
        return chunks.stream()
                .map(c -> new IndexedChunk(
                        c.id(), document.id(), title, document.url(), c.section(), c.body(), c.embedding()))
                .toList();
    }
}

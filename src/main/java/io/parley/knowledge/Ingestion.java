package io.parley.knowledge;

import io.parley.ids.TimeOrderedIds;
import io.parley.knowledge.index.IndexedChunk;
import io.parley.knowledge.text.Chunk;
import io.parley.knowledge.text.Chunker;
import io.parley.knowledge.text.ExtractedDocument;
import io.parley.knowledge.text.TextExtractor;
import io.parley.knowledge.text.UnreadableDocumentException;
import io.parley.tenant.OrganizationId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns stored documents into searchable chunks, in the background, one document at a time: read the content from the
 * database, extract its text and structure, cut it into chunks, embed them in batches (reporting progress), store
 * chunks and embeddings, then put them in the organization's index. A document that cannot be read ends
 * {@code failed} with the reason; nothing else is affected. Embedding is the costly step and uses the CPU fully, so
 * one worker is enough and keeps chat turns responsive.
 */
final class Ingestion implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

    private final KnowledgeStore store;
    private final KnowledgeIndexes indexes;
    private final Embeddings embeddings;
    private final TextExtractor extractor;
    private final Chunker chunker;
    private final KnowledgeWrites writes;
    private final Clock clock;
    private final Consumer<OrganizationId> changed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("knowledge-ingestion").daemon().factory());
    private final Map<String, Integer> progress = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    Ingestion(
            KnowledgeStore store,
            KnowledgeIndexes indexes,
            Embeddings embeddings,
            TextExtractor extractor,
            Chunker chunker,
            KnowledgeWrites writes,
            Clock clock,
            Consumer<OrganizationId> changed) {
        this.store = store;
        this.indexes = indexes;
        this.embeddings = embeddings;
        this.extractor = extractor;
        this.chunker = chunker;
        this.writes = writes;
        this.clock = clock;
        this.changed = changed;
    }

    /** Queues the document; it is processed after those queued before it. */
    void submit(KnowledgeDocument document) {
        progress.put(document.id(), 0);
        CompletableFuture<Void> done = pending.computeIfAbsent(document.id(), id -> new CompletableFuture<>());
        worker.execute(() -> {
            try {
                process(document);
            } finally {
                pending.remove(document.id(), done);
                done.complete(null);
            }
        });
    }

    /** Completes once the document is ready or failed (at once when it is not being processed here). */
    CompletableFuture<Void> whenProcessed(String documentId) {
        return pending.getOrDefault(documentId, CompletableFuture.completedFuture(null));
    }

    /** How far a document being processed is, 0 to 100; empty when it is not being processed here. */
    OptionalInt progress(String documentId) {
        Integer percent = progress.get(documentId);
        return percent == null ? OptionalInt.empty() : OptionalInt.of(percent);
    }

    private void process(KnowledgeDocument document) {
        MDC.put("organizationId", document.organization().value());
        try {
            Optional<byte[]> content = store.content(document.id());
            if (content.isEmpty()) {
                return; // deleted while it waited
            }
            Optional<KnowledgeDocument> current = store.document(document.organization(), document.id());
            if (current.isEmpty()) {
                return;
            }
            KnowledgeDocument doc = current.get();
            ExtractedDocument extracted = extract(doc, content.get());
            String title = title(doc, extracted);
            List<Chunk> chunks = chunker.chunk(extracted.blocks());
            if (chunks.isEmpty()) {
                throw new UnreadableDocumentException("the document has no text");
            }
            List<StoredChunk> stored = embed(doc, title, chunks);
            writes.locked(() -> {
                if (store.document(doc.organization(), doc.id()).isEmpty()) {
                    return; // deleted while it was being embedded
                }
                // The index first: once the database says ready, a search finds the document.
                var index = indexes.of(doc.organization());
                index.replace(doc.id(), KnowledgeIndexes.indexed(doc, title, stored));
                try {
                    store.saveChunks(doc, title, stored, clock.instant());
                } catch (RuntimeException e) {
                    index.delete(doc.id());
                    throw e;
                }
            });
            changed.accept(doc.organization());
            log.info("Knowledge document {} is ready: {} chunks", doc.id(), stored.size());
        } catch (UnreadableDocumentException e) {
            log.info("Knowledge document {} failed: {}", document.id(), e.getMessage());
            writes.locked(() -> store.markFailed(document.id(), e.getMessage(), clock.instant()));
        } catch (RuntimeException e) {
            log.error("Knowledge document {} could not be processed", document.id(), e);
            writes.locked(
                    () -> store.markFailed(document.id(), "the document could not be processed", clock.instant()));
        } finally {
            progress.remove(document.id());
            MDC.remove("organizationId");
        }
    }

    private ExtractedDocument extract(KnowledgeDocument doc, byte[] content) throws UnreadableDocumentException {
        return switch (doc.origin()) {
            case TEXT -> new ExtractedDocument(null, Chunker.plainText(new String(content, StandardCharsets.UTF_8)));
            case FAQ ->
                new ExtractedDocument(null, Chunker.faq(doc.title(), new String(content, StandardCharsets.UTF_8)));
            case FILE -> extractor.extract(doc.fileName() == null ? "" : doc.fileName(), doc.contentType(), content);
            case PAGE -> extractor.extract(fileNameOf(doc.url()), doc.contentType(), content);
        };
    }

    private static String title(KnowledgeDocument doc, ExtractedDocument extracted) {
        boolean named = doc.origin() == KnowledgeDocument.Origin.TEXT || doc.origin() == KnowledgeDocument.Origin.FAQ;
        if (named || extracted.title() == null || extracted.title().isBlank()) {
            return doc.title();
        }
        String title = extracted.title().strip();
        return title.length() > 500 ? title.substring(0, 500) : title;
    }

    private List<StoredChunk> embed(KnowledgeDocument doc, String title, List<Chunk> chunks) {
        List<StoredChunk> stored = new ArrayList<>(chunks.size());
        int batch = Embeddings.BATCH;
        for (int from = 0; from < chunks.size(); from += batch) {
            List<Chunk> part = chunks.subList(from, Math.min(chunks.size(), from + batch));
            List<float[]> vectors = embeddings.embedAll(part.stream()
                    .map(c -> IndexedChunk.searchText(title, c.section(), c.body()))
                    .toList());
            for (int i = 0; i < part.size(); i++) {
                Chunk c = part.get(i);
                stored.add(new StoredChunk(
                        TimeOrderedIds.next(),
                        doc.id(),
                        c.ordinal(),
                        title,
                        doc.url(),
                        c.section(),
                        c.body(),
                        vectors.get(i)));
            }
            progress.put(doc.id(), (int) (100L * stored.size() / chunks.size()));
        }
        return stored;
    }

    /** A page's name for type detection: the last part of its path ("faq.html"), or "page.html". */
    private static String fileNameOf(String url) {
        try {
            String path = url == null ? "" : URI.create(url).getPath();
            String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            return name.isBlank() ? "page.html" : name;
        } catch (IllegalArgumentException e) {
            return "page.html";
        }
    }

    /** Waits for nothing: queued documents stay {@code processing} in the database and resume at the next start. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

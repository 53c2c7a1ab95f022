package io.parley.console;

import io.parley.knowledge.Knowledge;
import io.parley.knowledge.KnowledgeDocument;
import io.parley.knowledge.KnowledgeGap;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.index.Hit;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** How the knowledge base reads on the console's pages: documents, web sources, search results and gaps. */
final class KnowledgeViews {

    private static final int SNIPPET_LENGTH = 320;

    private KnowledgeViews() {}

    /**
     * A document as the list shows it.
     *
     * @param link its address when it is a web address (only those become links)
     * @param detail what it came from: the file's name, or the address of the source that brought the page in
     * @param progress how far processing is (0–100) while this node processes it; null when not known
     */
    record DocumentRow(
            String id,
            String title,
            String link,
            String origin,
            String detail,
            String status,
            String statusLabel,
            Integer progress,
            String error,
            int chunks,
            When updated) {

        static DocumentRow of(Knowledge.Listed listed, Map<String, KnowledgeSource> sources) {
            KnowledgeDocument d = listed.document();
            KnowledgeSource source = d.sourceId() == null ? null : sources.get(d.sourceId());
            String origin =
                    switch (d.origin()) {
                        case FILE -> "File";
                        case TEXT -> "Pasted text";
                        case FAQ -> "FAQ entry";
                        case PAGE -> "Web page";
                    };
            String detail =
                    switch (d.origin()) {
                        case FILE -> d.fileName();
                        case PAGE -> source == null ? null : "from " + source.url();
                        default -> null;
                    };
            String statusLabel =
                    switch (d.status()) {
                        case PROCESSING -> "Processing";
                        case READY -> "Ready";
                        case FAILED -> "Failed";
                    };
            return new DocumentRow(
                    d.id(),
                    d.title(),
                    webLink(d.url()),
                    origin,
                    detail,
                    d.status().wireName(),
                    statusLabel,
                    listed.progress().isPresent() ? listed.progress().getAsInt() : null,
                    d.error() == null ? null : sentence(d.error()),
                    d.chunks(),
                    When.of(d.updatedAt()));
        }

        public boolean processing() {
            return "processing".equals(status);
        }
    }

    /** A web source as the list shows it. */
    record SourceRow(
            String id,
            String url,
            String link,
            String type,
            String status,
            String statusLabel,
            String error,
            int pages,
            When synced) {

        static SourceRow of(KnowledgeSource s) {
            return new SourceRow(
                    s.id(),
                    s.url(),
                    webLink(s.url()),
                    s.type() == KnowledgeSource.Type.SITEMAP ? "Sitemap" : "Single page",
                    s.status().wireName(),
                    switch (s.status()) {
                        case SYNCING -> "Syncing";
                        case READY -> "Synced";
                        case FAILED -> "Failed";
                    },
                    s.error() == null ? null : sentence(s.error()),
                    s.pages(),
                    s.syncedAt() == null ? null : When.of(s.syncedAt()));
        }

        public boolean syncing() {
            return "syncing".equals(status);
        }
    }

    /**
     * One search result with why it ranked where it did.
     *
     * @param similarity null when the mode does not measure it (keyword search)
     * @param confident whether a reply would answer from it; null when that is not measured (keyword search)
     */
    record Result(
            int rank,
            String documentId,
            String title,
            String link,
            String section,
            String snippet,
            double score,
            Double similarity,
            double keywordScore,
            Boolean confident) {

        static Result of(int rank, Hit hit, boolean measured, boolean confident) {
            return new Result(
                    rank,
                    hit.documentId(),
                    hit.title(),
                    webLink(hit.url()),
                    hit.section().isBlank() ? null : hit.section(),
                    snippetOf(hit.body()),
                    hit.score(),
                    measured ? hit.similarity() : null,
                    hit.keywordScore(),
                    measured ? confident : null);
        }
    }

    /** A question the knowledge base could not answer, as the gaps list shows it. */
    record Gap(String question, int count, When lastAsked, double bestScore, String conversationId) {

        static Gap of(KnowledgeGap g) {
            return new Gap(g.question(), g.count(), When.of(g.askedAt()), g.bestScore(), g.conversationId());
        }
    }

    /** The address when it is an http(s) one, so that nothing else (a {@code javascript:} URL) becomes a link. */
    static String webLink(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The start of a passage, whitespace flattened, cut at a word. */
    static String snippetOf(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        if (flat.length() <= SNIPPET_LENGTH) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET_LENGTH);
        return flat.substring(0, cut > SNIPPET_LENGTH / 2 ? cut : SNIPPET_LENGTH) + " …";
    }

    /** The knowledge base's reasons are phrases ("the file is larger than 20 MB"); the page shows sentences. */
    static String sentence(String reason) {
        String text = reason.strip();
        if (text.isEmpty()) {
            return text;
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.matches("(?s).*[.!?…]$") ? text : text + ".";
    }
}

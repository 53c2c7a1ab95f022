package io.parley.knowledge.web;

import io.parley.knowledge.Knowledge;
import io.parley.knowledge.KnowledgeDocument;
import io.parley.knowledge.KnowledgeGap;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.KnowledgeSources;
import io.parley.knowledge.index.Hit;
import io.parley.knowledge.index.SearchMode;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The organization's knowledge base: documents, web sources, search (with why) and gaps. */
@RestController
@RequestMapping("/api/v1/admin/knowledge")
@Tag(name = "Knowledge base")
class KnowledgeController {

    static final int MAX_TEXT_LENGTH = 1_000_000;
    private static final int SNIPPET_LENGTH = 300;

    private final Knowledge knowledge;
    private final KnowledgeSources sources;
    private final Clock clock;

    KnowledgeController(Knowledge knowledge, KnowledgeSources sources, Clock clock) {
        this.knowledge = knowledge;
        this.sources = sources;
        this.clock = clock;
    }

    record TextDocument(
            @Schema(description = "The document's title; for a FAQ entry, the question", example = "Shipping to Canada")
                    String title,
            @Schema(description = "Its text (Markdown headings are honoured); for a FAQ entry, the answer")
                    String content,
            @Schema(description = "Where customers can read it (shown with citations)", nullable = true) String url,
            @Schema(description = "true for a FAQ entry: title is the question, content the answer", nullable = true)
                    Boolean faq) {}

    record Accepted(String id, String status) {}

    record DocumentView(
            String id,
            String title,
            @Schema(nullable = true) String url,
            @Schema(allowableValues = {"processing", "ready", "failed"}) String status,
            int chunks,
            @Schema(description = "Why it failed, in plain words", nullable = true) String error,
            @Schema(description = "0–100 while processing", nullable = true) Integer progress,
            @Schema(allowableValues = {"file", "text", "faq", "page"}) String origin,
            @Schema(nullable = true) String fileName,
            @Schema(description = "The web source a page belongs to", nullable = true) String sourceId,
            Instant createdAt,
            Instant updatedAt) {

        static DocumentView of(Knowledge.Listed listed) {
            KnowledgeDocument d = listed.document();
            return new DocumentView(
                    d.id(),
                    d.title(),
                    d.url(),
                    d.status().wireName(),
                    d.chunks(),
                    d.error(),
                    listed.progress().isPresent() ? listed.progress().getAsInt() : null,
                    d.origin().wireName(),
                    d.fileName(),
                    d.sourceId(),
                    d.createdAt(),
                    d.updatedAt());
        }
    }

    record Documents(List<DocumentView> items) {}

    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Upload a file (txt, md, html, pdf, docx; at most 20 MB); it is processed in the background")
    Accepted upload(SignedInMember member, @RequestPart(name = "file", required = false) MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw ProblemException.invalid("file", "attach a non-empty file as the multipart part named file");
        }
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        KnowledgeDocument d = knowledge.addFile(member.organization(), name, file.getContentType(), content);
        return new Accepted(d.id(), d.status().wireName());
    }

    @PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Add pasted text or a FAQ entry; it is processed in the background")
    Accepted addText(SignedInMember member, @RequestBody TextDocument body) {
        String title = body.title() == null ? "" : body.title().strip();
        String content = body.content() == null ? "" : body.content();
        List<ProblemException.FieldError> errors = new java.util.ArrayList<>();
        if (title.isEmpty() || title.length() > 500) {
            errors.add(new ProblemException.FieldError("title", "must be 1 to 500 characters"));
        }
        if (content.isBlank() || content.length() > MAX_TEXT_LENGTH) {
            errors.add(new ProblemException.FieldError("content", "must be 1 to " + MAX_TEXT_LENGTH + " characters"));
        }
        if (body.url() != null && !body.url().isBlank() && !isWebAddress(body.url())) {
            errors.add(new ProblemException.FieldError("url", "must be an http or https address"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String url =
                body.url() == null || body.url().isBlank() ? null : body.url().strip();
        KnowledgeDocument d =
                knowledge.addText(member.organization(), title, content, url, Boolean.TRUE.equals(body.faq()));
        return new Accepted(d.id(), d.status().wireName());
    }

    @GetMapping("/documents")
    @Operation(summary = "The organization's documents, newest first, with their status")
    Documents documents(SignedInMember member) {
        return new Documents(knowledge.documents(member.organization()).stream()
                .map(DocumentView::of)
                .toList());
    }

    @GetMapping("/documents/{id}")
    @Operation(summary = "One document and its status")
    DocumentView document(SignedInMember member, @PathVariable String id) {
        return knowledge
                .document(member.organization(), id)
                .map(DocumentView::of)
                .orElseThrow(KnowledgeController::noDocument);
    }

    @DeleteMapping("/documents/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a document; it is no longer retrieved once this returns")
    void delete(SignedInMember member, @PathVariable String id) {
        if (!knowledge.delete(member.organization(), id)) {
            throw noDocument();
        }
    }

    record SourceRequest(
            @Schema(allowableValues = {"url", "sitemap"}) String type,
            @Schema(example = "https://example.com/sitemap.xml") String url) {}

    record SourceView(
            String id,
            String type,
            String url,
            @Schema(allowableValues = {"syncing", "ready", "failed"}) String status,
            @Schema(nullable = true) String error,
            int pages,
            Instant createdAt,
            @Schema(nullable = true) Instant syncedAt) {

        static SourceView of(KnowledgeSource s) {
            return new SourceView(
                    s.id(),
                    s.type().wireName(),
                    s.url(),
                    s.status().wireName(),
                    s.error(),
                    s.pages(),
                    s.createdAt(),
                    s.syncedAt());
        }
    }

    record Sources(List<SourceView> items) {}

    @PostMapping("/sources")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Import a web page or every page of a sitemap; re-synced on demand and on a schedule")
    Accepted addSource(SignedInMember member, @RequestBody SourceRequest body) {
        KnowledgeSource.Type type =
                switch (body.type() == null ? "" : body.type().strip().toLowerCase(Locale.ROOT)) {
                    case "url" -> KnowledgeSource.Type.URL;
                    case "sitemap" -> KnowledgeSource.Type.SITEMAP;
                    default -> throw ProblemException.invalid("type", "must be url or sitemap");
                };
        if (body.url() == null || !isWebAddress(body.url()) || body.url().length() > 2000) {
            throw ProblemException.invalid("url", "must be an http or https address of at most 2000 characters");
        }
        KnowledgeSource source =
                sources.add(member.organization(), type, URI.create(body.url().strip()));
        return new Accepted(source.id(), source.status().wireName());
    }

    @GetMapping("/sources")
    @Operation(summary = "The organization's web sources and how their last sync went")
    Sources sources(SignedInMember member) {
        return new Sources(
                sources.list(member.organization()).stream().map(SourceView::of).toList());
    }

    @PostMapping("/sources/{id}/sync")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Fetch the source again now: changed pages are re-indexed, removed pages removed")
    Accepted sync(SignedInMember member, @PathVariable String id) {
        KnowledgeSource source = sources.sync(member.organization(), id).orElseThrow(KnowledgeController::noSource);
        return new Accepted(source.id(), KnowledgeSource.Status.SYNCING.wireName());
    }

    @DeleteMapping("/sources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a source and every page it brought in")
    void deleteSource(SignedInMember member, @PathVariable String id) {
        if (!sources.delete(member.organization(), id)) {
            throw noSource();
        }
    }

    record Result(
            String documentId,
            String title,
            @Schema(nullable = true) String url,
            @Schema(description = "The heading path of the passage") String section,
            String snippet,
            @Schema(description = "What results are ranked by: keyword and meaning ranks fused") double score,
            @Schema(description = "How close in meaning the passage is to the question, -1 to 1") double similarity,
            @Schema(description = "BM25 score of the question's words in the passage; 0 when none") double keywordScore,
            @Schema(description = "Whether a reply would answer from it") boolean confident) {}

    record Results(List<Result> results) {}

    @GetMapping("/search")
    @Operation(summary = "What retrieval returns for a question, best first, with scores: one result per document")
    Results search(
            SignedInMember member,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String k,
            @Parameter(description = "hybrid (default), keyword or vector") @RequestParam(required = false)
                    String mode) {
        if (q == null || q.isBlank() || q.length() > 2000) {
            throw ProblemException.invalid("q", "must be 1 to 2000 characters");
        }
        int limit = k == null ? 5 : parseLimit(k);
        SearchMode searchMode =
                switch (mode == null ? "hybrid" : mode.toLowerCase(Locale.ROOT)) {
                    case "hybrid" -> SearchMode.HYBRID;
                    case "keyword" -> SearchMode.KEYWORD;
                    case "vector" -> SearchMode.VECTOR;
                    default -> throw ProblemException.invalid("mode", "must be hybrid, keyword or vector");
                };
        List<Hit> hits = knowledge.search(member.organization(), q, limit, searchMode);
        return new Results(hits.stream()
                .map(h -> new Result(
                        h.documentId(),
                        h.title(),
                        h.url(),
                        h.section(),
                        snippet(h.body()),
                        h.score(),
                        h.similarity(),
                        h.keywordScore(),
                        knowledge.confident(h)))
                .toList());
    }

    record GapView(
            String question,
            @Schema(nullable = true) String conversationId,
            Instant askedAt,
            double bestScore,
            @Schema(description = "How often it was asked in the period") int count) {}

    record Gaps(List<GapView> items) {}

    @GetMapping("/gaps")
    @Operation(summary = "Customer questions the knowledge base could not answer confidently, most frequent first")
    Gaps gaps(
            SignedInMember member,
            @Parameter(description = "ISO date or instant; default 30 days ago") @RequestParam(required = false)
                    String from,
            @Parameter(description = "ISO date (exclusive) or instant; default now") @RequestParam(required = false)
                    String to) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : time("to", to, true);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : time("from", from, false);
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        List<KnowledgeGap> gaps = knowledge.gaps(member.organization(), start, end, 200);
        return new Gaps(gaps.stream()
                .map(g -> new GapView(g.question(), g.conversationId(), g.askedAt(), g.bestScore(), g.count()))
                .toList());
    }

    private static int parseLimit(String k) {
        try {
            int limit = Integer.parseInt(k.strip());
            if (limit >= 1 && limit <= 50) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid("k", "must be a whole number from 1 to 50");
    }

    /** A date is its whole day in UTC: {@code to=2026-12-01} includes the 1st. */
    private static Instant time(String field, String value, boolean end) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date (2026-12-01) or an instant (2026-12-01T09:00:00Z)");
        }
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String snippet(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        if (flat.length() <= SNIPPET_LENGTH) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET_LENGTH);
        return flat.substring(0, cut > SNIPPET_LENGTH / 2 ? cut : SNIPPET_LENGTH) + " …";
    }

    private static ProblemException noDocument() {
        return ProblemType.NOT_FOUND.exception("There is no such document in this organization's knowledge base.");
    }

    private static ProblemException noSource() {
        return ProblemType.NOT_FOUND.exception("There is no such source in this organization's knowledge base.");
    }
}

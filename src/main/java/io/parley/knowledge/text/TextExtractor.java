package io.parley.knowledge.text;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns an uploaded file into an {@link ExtractedDocument}: plain text, Markdown, HTML, PDF or Word (.docx). The
 * file's real type is read from its bytes; what cannot be read for any reason (wrong type, damaged, too large, no
 * text, a decompression bomb, a parse that does not end) ends in an {@link UnreadableDocumentException} whose message
 * tells the business owner why, in a few plain words.
 *
 * <p>Thread-safe and stateless apart from its limits; share one instance. Extraction is CPU-bound (measured on our
 * 2-core machine, warm: a 20-page PDF about 0.1 s, 1 MB of Markdown about 15 ms), and PDF and Word files are parsed
 * on a thread of their own, so callers that take uploads should bound how many run at once.
 */
public final class TextExtractor {

    /**
     * How much one file may cost.
     *
     * @param maxBytes the largest file accepted, checked before anything is parsed
     * @param maxCharacters the most text a file may hold once extracted; also what stops a file that inflates far
     *     beyond its size
     * @param maxTime how long reading one file may take
     */
    public record Limits(long maxBytes, int maxCharacters, Duration maxTime) {

        /** 20 MB files, 5 million characters (a 2,000-page book), one minute. */
        public static final Limits DEFAULT = new Limits(20L * 1024 * 1024, 5_000_000, Duration.ofMinutes(1));

        public Limits {
            Objects.requireNonNull(maxTime, "maxTime");
            if (maxBytes <= 0 || maxCharacters <= 0 || maxTime.isNegative() || maxTime.isZero()) {
                throw new IllegalArgumentException("limits are positive");
            }
        }
    }

    private final Limits limits;

    public TextExtractor(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public TextExtractor() {
        this(Limits.DEFAULT);
    }

    /**
     * @param fileName the name the file was uploaded with: a hint to its type, and what decides between plain text and
     *     Markdown
     * @param declaredContentType the type the uploader declared, if any; a weaker hint than the bytes
     * @param content the whole file
     * @throws UnreadableDocumentException when the file cannot become a document; its message is for the business owner
     */
    public ExtractedDocument extract(String fileName, @Nullable String declaredContentType, byte[] content)
            throws UnreadableDocumentException {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        if (content.length == 0) {
            throw new UnreadableDocumentException("the file is empty");
        }
        if (content.length > limits.maxBytes()) {
            throw new UnreadableDocumentException("the file is larger than " + size(limits.maxBytes()));
        }
        FileKind kind = FileTypes.kindOf(fileName, declaredContentType, content);
        ParsedText parsed =
                switch (kind) {
                    case PLAIN_TEXT, MARKDOWN -> markdown(content);
                    case HTML -> html(content);
                    case PDF, DOCX -> TikaDocuments.extract(kind, content, limits.maxCharacters(), limits.maxTime());
                };
        return document(parsed, kind);
    }

    private ParsedText markdown(byte[] content) throws UnreadableDocumentException {
        String text = TextDecoding.decode(content);
        if (text.length() > limits.maxCharacters()) {
            throw new UnreadableDocumentException(
                    ExtractionStopped.tooMuchText(limits.maxCharacters()).reason());
        }
        return MarkdownBlocks.parse(text);
    }

    private ParsedText html(byte[] content) throws UnreadableDocumentException {
        BlockCollector collector = new BlockCollector(
                limits.maxCharacters(), System.nanoTime() + limits.maxTime().toNanos());
        try {
            return HtmlBlocks.extract(content, collector);
        } catch (ExtractionStopped stopped) {
            throw new UnreadableDocumentException(stopped.reason());
        }
    }

    /** A document needs text; its title falls back to its first heading, as a reader would take it. */
    private static ExtractedDocument document(ParsedText parsed, FileKind kind) throws UnreadableDocumentException {
        if (parsed.blocks().isEmpty()) {
            throw new UnreadableDocumentException(
                    switch (kind) {
                        case PDF ->
                            "the PDF has no text (a scanned PDF holds only pictures of text, which are not read)";
                        case HTML -> "the web page has no text in its main content";
                        default -> "the document has no text";
                    });
        }
        String title = parsed.title();
        if (title == null || title.isBlank()) {
            title = parsed.blocks().stream()
                    .filter(block -> block instanceof Block.Heading)
                    .map(Block::text)
                    .findFirst()
                    .orElse(null);
        }
        return new ExtractedDocument(title, parsed.blocks());
    }

    /** "20 MB", "512 KB": limits as people say them. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}

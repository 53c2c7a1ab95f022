package io.parley.knowledge.text;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.SecureContentHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * PDF and Word documents through Tika, defended against the files an upload form attracts. Each format gets its own
 * parser (never auto-detection, which would follow a file into any of Tika's formats); embedded documents (attached
 * files, OLE objects, images) are not parsed at all; a Word file's ZIP must not declare more unpacked data than a
 * document could need ({@link ZipInflation}); Tika's {@link SecureContentHandler} watches the ratio of text out to
 * bytes in; text beyond the character limit stops the parse; and the parse runs on a thread of its own so that one
 * that will not end leaves the caller at the deadline. Word files are read with Tika's streaming (SAX) extractor, so
 * that these limits act while the text comes out rather than after a whole document part has been loaded into memory.
 *
 * <p>A parse that overran its deadline keeps its thread until the parser next reports an element or text, when the
 * collector stops it; a parser stuck without output holds that one thread until it returns.
 */
final class TikaDocuments {

    private static final Logger log = LoggerFactory.getLogger(TikaDocuments.class);

    private TikaDocuments() {}

    /** The title from the file's metadata, and its blocks, which may be none. */
    static ParsedText extract(FileKind kind, byte[] content, int maxCharacters, Duration maxTime)
            throws UnreadableDocumentException {
        if (kind == FileKind.DOCX) {
            ZipInflation.check(content);
        }
        BlockCollector collector = new BlockCollector(maxCharacters, System.nanoTime() + maxTime.toNanos());
        Metadata metadata = new Metadata();
        FutureTask<Void> parse = new FutureTask<>(() -> {
            parse(kind, content, collector, metadata);
            return null;
        });
        Thread.ofPlatform().daemon().name("parley-text-extraction").start(parse);
        try {
            parse.get(maxTime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            parse.cancel(true);
            throw new UnreadableDocumentException(ExtractionStopped.tooSlow().reason());
        } catch (InterruptedException e) {
            parse.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnreadableDocumentException("reading the document was interrupted", e);
        } catch (ExecutionException e) {
            throw unreadable(kind, e.getCause());
        }
        String title = meaningfulTitle(metadata.get(TikaCoreProperties.TITLE));
        List<Block> blocks = collector.blocks();
        return kind == FileKind.PDF
                ? new ParsedText(title, PdfLayout.tidy(blocks, collector.pages(), title))
                : new ParsedText(title, blocks);
    }

    private static void parse(FileKind kind, byte[] content, BlockCollector collector, Metadata metadata)
            throws Exception {
        Parser parser = kind == FileKind.PDF ? new PDFParser() : new OOXMLParser();
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            SecureContentHandler secure = new SecureContentHandler(new XhtmlBlockHandler(collector), stream);
            try {
                parser.parse(stream, secure, metadata, context());
            } catch (SAXException e) {
                secure.throwIfCauseOf(e);
                throw e;
            }
        }
    }

    private static ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractMarkedContent(true); // tagged PDFs then keep their real headings
        pdf.setExtractBookmarksText(false); // the outline would repeat every heading at the end
        pdf.setExtractAcroFormContent(false);
        pdf.setExtractInlineImages(false);
        pdf.setExtractActions(false);
        context.set(PDFParserConfig.class, pdf);
        OfficeParserConfig office = new OfficeParserConfig();
        office.setIncludeHeadersAndFooters(false);
        office.setIncludeDeletedContent(false);
        office.setIncludeMoveFromContent(false);
        office.setExtractMacros(false);
        office.setUseSAXDocxExtractor(true); // streams the document part instead of loading it whole into memory
        context.set(OfficeParserConfig.class, office);
        context.set(EmbeddedDocumentExtractor.class, new SkipEmbedded());
        return context;
    }

    /**
     * The metadata title unless it is what tools write when the author set none: "Microsoft Word - prices.docx",
     * "Untitled", a file name. Such a title would name the document worse than its first heading does.
     */
    static @Nullable String meaningfulTitle(@Nullable String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        String lower = title.strip().toLowerCase(Locale.ROOT);
        boolean placeholder = lower.startsWith("microsoft word - ")
                || lower.matches("untitled( document)?( \\d+)?|document\\d*|title")
                || lower.matches(".*\\.(docx?|pdf|rtf|odt|txt|html?)$");
        return placeholder ? null : title.strip();
    }

    private static UnreadableDocumentException unreadable(FileKind kind, Throwable failure) {
        ExtractionStopped stopped = ExtractionStopped.in(failure);
        if (stopped != null) {
            return new UnreadableDocumentException(stopped.reason());
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return new UnreadableDocumentException(
                        "the document is password-protected; upload a copy without a password", failure);
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb")) {
                return new UnreadableDocumentException(ZipInflation.BOMB, failure);
            }
            if (t instanceof OutOfMemoryError) {
                return new UnreadableDocumentException("the document is too large to read", failure);
            }
        }
        log.debug("Could not read a {}", kind.inWords(), failure);
        return new UnreadableDocumentException(
                kind == FileKind.PDF
                        ? "the PDF is damaged or not a PDF"
                        : "the Word document is damaged or not a .docx file",
                failure);
    }

    /** Attachments and embedded objects are other documents; a knowledge upload is about its own text only. */
    private static final class SkipEmbedded implements EmbeddedDocumentExtractor {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // never called: shouldParseEmbedded says no
        }
    }
}

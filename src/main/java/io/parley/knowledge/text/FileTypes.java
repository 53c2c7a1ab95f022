package io.parley.knowledge.text;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a file really is from its bytes, with its name and the browser's declared type only as hints: a name is
 * whatever the uploader typed, and a PNG renamed to .pdf must be refused as an image rather than fail deep inside
 * the PDF parser. Text is the exception, as bytes cannot tell Markdown from plain text, so for text the extension
 * decides which of the two (or HTML) it is.
 */
final class FileTypes {

    private static final String SUPPORTED =
            "upload a PDF, a Word document (.docx), a web page (.html), Markdown (.md) or" + " a text file (.txt)";

    private static final Map<String, String> NAMED_TYPES = Map.ofEntries(
            Map.entry("application/zip", "a ZIP archive"),
            Map.entry("application/gzip", "a compressed archive"),
            Map.entry("application/x-7z-compressed", "a compressed archive"),
            Map.entry("application/x-tar", "a TAR archive"),
            Map.entry("application/msword", "an old Word 97-2003 document: save it as .docx"),
            Map.entry(
                    "application/vnd.ms-word.document.macroenabled.12",
                    "a Word document with macros: save it as .docx"),
            Map.entry("application/rtf", "rich text (RTF): save it as .docx"),
            Map.entry("application/vnd.oasis.opendocument.text", "an OpenDocument text: save it as .docx"),
            Map.entry("application/vnd.ms-excel", "a spreadsheet"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "a spreadsheet"),
            Map.entry("application/vnd.ms-powerpoint", "a presentation"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "a presentation"),
            Map.entry("application/x-msdownload", "a program"),
            Map.entry("application/x-dosexec", "a program"),
            Map.entry("application/x-executable", "a program"),
            Map.entry("application/x-sharedlib", "a program"),
            Map.entry("application/java-archive", "a program"),
            Map.entry("application/json", "JSON data"),
            Map.entry("application/xml", "XML data"),
            Map.entry("text/csv", "CSV data"),
            Map.entry("application/octet-stream", "unrecognised binary data"));

    private FileTypes() {}

    private static final class Holder {
        static final Detector DETECTOR = TikaConfig.getDefaultConfig().getDetector();
    }

    static FileKind kindOf(String fileName, @Nullable String declaredContentType, byte[] content)
            throws UnreadableDocumentException {
        MediaType type = detect(null, null, content);
        if (type.equals(MediaType.OCTET_STREAM) || type.equals(MediaType.TEXT_PLAIN)) {
            type = detect(fileName, declaredContentType, content);
        }
        String extension = extension(fileName);
        String base = type.getBaseType().toString();
        if (isText(type) || looksLikeTextNamedAsText(extension, content)) {
            return switch (extension) {
                case "md", "markdown" -> FileKind.MARKDOWN;
                case "txt", "text" -> FileKind.PLAIN_TEXT;
                case "html", "htm", "xhtml" -> FileKind.HTML;
                default -> isHtml(base) ? FileKind.HTML : isMarkdown(base) ? FileKind.MARKDOWN : FileKind.PLAIN_TEXT;
            };
        }
        return switch (base) {
            case "application/pdf" -> FileKind.PDF;
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> FileKind.DOCX;
            case "application/x-tika-ooxml-protected", "application/x-tika-msoffice-protected" ->
                throw new UnreadableDocumentException(
                        "the document is password-protected; upload a copy without a password");
            default ->
                throw new UnreadableDocumentException("unsupported file type (" + describe(type) + "); " + SUPPORTED);
        };
    }

    /**
     * The bytes decide when they are conclusive; only then are the hints consulted, so that a ZIP named .docx stays a
     * ZIP (Tika would take the name as the more specific type of ZIP) while a damaged PDF named .pdf is still a PDF.
     */
    private static MediaType detect(@Nullable String fileName, @Nullable String declaredContentType, byte[] content) {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        if (declaredContentType != null && !declaredContentType.isBlank()) {
            metadata.set(Metadata.CONTENT_TYPE, declaredContentType);
        }
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            return Holder.DETECTOR.detect(stream, metadata);
        } catch (IOException | RuntimeException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    private static boolean isText(MediaType type) {
        String base = type.getBaseType().toString();
        return base.equals("text/plain") || isHtml(base) || isMarkdown(base);
    }

    private static boolean isHtml(String base) {
        return base.equals("text/html") || base.equals("application/xhtml+xml");
    }

    private static boolean isMarkdown(String base) {
        return base.equals("text/x-web-markdown") || base.equals("text/markdown");
    }

    /**
     * A .txt or .md file whose first lines happen to look like something else to a magic-number detector (an e-mail
     * that starts with "From:", a log) is still text to the person who saved it.
     */
    private static boolean looksLikeTextNamedAsText(String extension, byte[] content) {
        if (!(extension.equals("txt") || extension.equals("md") || extension.equals("markdown"))) {
            return false;
        }
        int end = Math.min(content.length, 8192);
        for (int i = 0; i < end; i++) {
            int b = content[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                return false;
            }
        }
        return true;
    }

    private static String describe(MediaType type) {
        String base = type.getBaseType().toString();
        String named = NAMED_TYPES.get(base);
        if (named != null) {
            return named;
        }
        return switch (type.getType()) {
            case "image" -> "an image";
            case "audio" -> "audio";
            case "video" -> "a video";
            default -> base;
        };
    }

    private static String extension(String fileName) {
        String name = fileName.strip();
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return dot > slash && dot < name.length() - 1 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}

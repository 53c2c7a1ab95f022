package io.parley.knowledge.text;

import java.io.IOException;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Refuses a ZIP-based document (.docx) whose parts would unpack to far more than any real document, before a parser
 * inflates a byte of it. Tika switches off POI's own inflation-ratio check (for every caller, when its OOXML parser
 * loads) and relies on watching the text that comes out instead, which for a Word file read into memory comes only
 * after the whole part has been inflated. The sizes checked here are the ones the archive declares; an archive that
 * lies about them is still stopped later, by the character limit and the deadline while its text streams out.
 */
final class ZipInflation {

    /** Real Word files inflate about 5 to 20 times; a hundred times with at least 64 MB leaves room for any of them. */
    private static final long RATIO = 100;

    private static final long FLOOR = 64L * 1024 * 1024;
    private static final long CEILING = 1024L * 1024 * 1024;
    private static final int MAX_ENTRIES = 10_000;

    static final String BOMB =
            "the file unpacks to far more data than its size suggests (a possible zip bomb), so it was not read";

    private ZipInflation() {}

    static void check(byte[] content) throws UnreadableDocumentException {
        long allowed = Math.min(CEILING, Math.max(FLOOR, RATIO * content.length));
        long declared = 0;
        int entries = 0;
        try (ZipFile zip = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(content))
                .get()) {
            for (Enumeration<ZipArchiveEntry> all = zip.getEntries(); all.hasMoreElements(); ) {
                ZipArchiveEntry entry = all.nextElement();
                declared += Math.max(0, entry.getSize());
                if (++entries > MAX_ENTRIES || declared > allowed) {
                    throw new UnreadableDocumentException(BOMB);
                }
            }
        } catch (IOException unreadableDirectory) {
            // not a readable ZIP: the parser will say the document is damaged
        }
    }
}

package io.parley.knowledge.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.model.XWPFHeaderFooterPolicy;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Files built in memory the way real tools write them (PDFBox, POI), so tests need no binary fixtures. */
public final class SampleFiles {

    private SampleFiles() {}

    /** A line of a PDF page: a heading is set in bold, larger type, as a word processor would print it. */
    public record Line(String text, boolean heading) {
        public static Line heading(String text) {
            return new Line(text, true);
        }

        public static Line body(String text) {
            return new Line(text, false);
        }
    }

    /**
     * A PDF with one list of lines per page. Body lines longer than a printed line wrap; a blank gap follows each
     * heading and each body line, so PDFBox sees paragraphs.
     *
     * @param runningHeader printed at the top of every page, or null
     * @param pageNumbers whether "Page n of m" is printed at the bottom of every page
     */
    public static byte[] pdf(String title, String runningHeader, boolean pageNumbers, List<List<Line>> pages) {
        try (PDDocument document = new PDDocument()) {
            if (title != null) {
                document.getDocumentInformation().setTitle(title);
            }
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (int p = 0; p < pages.size(); p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    float y = 750;
                    if (runningHeader != null) {
                        y = print(text, regular, 9, 72, y, runningHeader) - 20;
                    }
                    for (Line line : pages.get(p)) {
                        if (line.heading()) {
                            y = print(text, bold, 15, 72, y - 6, line.text()) - 6;
                        } else {
                            for (String wrapped : wrap(line.text(), 90)) {
                                y = print(text, regular, 11, 72, y, wrapped);
                            }
                            y -= 10;
                        }
                    }
                    if (pageNumbers) {
                        print(text, regular, 9, 280, 40, "Page " + (p + 1) + " of " + pages.size());
                    }
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encryptedPdf() {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                print(text, new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11, 72, 700, "Secret prices.");
            }
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] blankPdf() {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A paragraph of a Word document: style is a paragraph style id (Heading1, Heading2) or null for body text. */
    public record Para(String style, String text) {}

    /** A .docx with real heading styles, an optional table (rows of cells) and text in the page header. */
    public static byte[] docx(String title, String pageHeader, List<Para> paragraphs, List<List<String>> table) {
        try (XWPFDocument document = new XWPFDocument()) {
            if (title != null) {
                document.getProperties().getCoreProperties().setTitle(title);
            }
            XWPFStyles styles = document.createStyles();
            for (int level = 1; level <= 3; level++) {
                CTStyle style = CTStyle.Factory.newInstance();
                style.setStyleId("Heading" + level);
                style.addNewName().setVal("heading " + level);
                style.setType(STStyleType.PARAGRAPH);
                styles.addStyle(new XWPFStyle(style));
            }
            if (pageHeader != null) {
                new XWPFHeaderFooterPolicy(document)
                        .createHeader(XWPFHeaderFooterPolicy.DEFAULT)
                        .createParagraph()
                        .createRun()
                        .setText(pageHeader);
            }
            for (Para para : paragraphs) {
                var paragraph = document.createParagraph();
                if (para.style() != null) {
                    paragraph.setStyle(para.style());
                }
                paragraph.createRun().setText(para.text());
            }
            if (!table.isEmpty()) {
                XWPFTable grid =
                        document.createTable(table.size(), table.getFirst().size());
                for (int r = 0; r < table.size(); r++) {
                    for (int c = 0; c < table.get(r).size(); c++) {
                        grid.getRow(r).getCell(c).setText(table.get(r).get(c));
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ZIP with the given entries, each the UTF-8 bytes of its text. */
    public static byte[] zip(List<String> namesAndTexts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndTexts.size(); i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndTexts.get(i)));
                zip.write(namesAndTexts.get(i + 1).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A .docx-shaped ZIP whose document part inflates to {@code inflatedBytes} of one repeated paragraph: a few
     * hundred kilobytes on disk, far more once unpacked.
     */
    public static byte[] docxBomb(long inflatedBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(
                    zip,
                    "[Content_Types].xml",
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                    </Types>""");
            entry(
                    zip,
                    "_rels/.rels",
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w="
                            + "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] paragraph = "<w:p><w:r><w:t>All work and no play makes a dull day. </w:t></w:r></w:p>"
                    .repeat(100)
                    .getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < inflatedBytes; written += paragraph.length) {
                zip.write(paragraph);
            }
            zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<List<Line>> pagesOf(int count, String topic) {
        List<List<Line>> pages = new ArrayList<>();
        for (int p = 1; p <= count; p++) {
            pages.add(List.of(
                    Line.heading("Section " + p + " " + topic),
                    Line.body(("Customers often ask about " + topic + " in part " + p + ". "
                                    + "We answer every question within one business day. ")
                            .repeat(6)),
                    Line.body(
                            "Orders over fifty dollars ship free. Returns are accepted within thirty days of delivery. "
                                    .repeat(4))));
        }
        return pages;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static float print(PDPageContentStream stream, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, y);
        stream.showText(text);
        stream.endText();
        return y - size * 1.3f;
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}

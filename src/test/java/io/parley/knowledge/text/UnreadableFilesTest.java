package io.parley.knowledge.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parley.knowledge.text.SampleFiles.Para;
import io.parley.knowledge.text.TextExtractor.Limits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Files a business owner might upload by mistake, or an attacker on purpose: each is refused quickly, with a reason
 * that names the problem in plain words and gives away nothing of the parser.
 */
@Timeout(30)
class UnreadableFilesTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final TextExtractor extractor = new TextExtractor();

    @Test
    void refusesRandomBytesNamedAsAPdfAsDamaged() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);

        assertRefused("policy.pdf", "application/pdf", noise, "the PDF is damaged or not a PDF");
    }

    @Test
    void refusesATruncatedPdfAsDamaged() {
        byte[] pdf = SampleFiles.pdf("Policies", null, false, SampleFiles.pagesOf(2, "returns"));
        byte[] truncated = java.util.Arrays.copyOf(pdf, pdf.length / 3);

        assertRefused("policy.pdf", "application/pdf", truncated, "the PDF is damaged or not a PDF");
    }

    @Test
    void refusesAnImageWhateverItIsCalled() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);

        assertRefused("photo.png", "image/png", png.toByteArray(), "unsupported file type (an image)");
        assertRefused("manual.pdf", "application/pdf", png.toByteArray(), "unsupported file type (an image)");
        assertRefused("manual.docx", DOCX, png.toByteArray(), "unsupported file type (an image)");
    }

    @Test
    void refusesAZipArchiveNamedAsAWordDocument() {
        byte[] zip = SampleFiles.zip(List.of("notes.txt", "hello", "prices.txt", "cheap"));

        assertRefused("manual.docx", DOCX, zip, "unsupported file type (a ZIP archive)");
    }

    @Test
    void namesWhatToUploadInstead() {
        byte[] zip = SampleFiles.zip(List.of("notes.txt", "hello"));

        assertThat(refusal("archive.zip", null, zip))
                .isEqualTo("unsupported file type (a ZIP archive); upload a PDF, a Word document (.docx), a web page"
                        + " (.html), Markdown (.md) or a text file (.txt)");
    }

    @Test
    void refusesAFileOverTheSizeLimitBeforeReadingIt() {
        TextExtractor small = new TextExtractor(new Limits(1024, 10_000, Duration.ofSeconds(10)));
        byte[] text = "word ".repeat(300).getBytes(StandardCharsets.UTF_8);

        assertThat(refusal(small, "notes.txt", text)).isEqualTo("the file is larger than 1 KB");
        assertThat(refusal(extractor, "big.pdf", new byte[20 * 1024 * 1024 + 1]))
                .isEqualTo("the file is larger than 20 MB");
    }

    @Test
    void refusesAWordDocumentThatInflatesLikeAZipBomb() {
        byte[] bomb = SampleFiles.docxBomb(200L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);

        long started = System.nanoTime();
        String reason = refusal("report.docx", DOCX, bomb);

        assertThat(reason).contains("zip bomb");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void stopsAWordDocumentWhoseTextOutgrowsTheLimitWhileItUnpacks() {
        // 60 MB unpacked passes the check of declared sizes (64 MB at least); the text then streams into the limit
        byte[] bomb = SampleFiles.docxBomb(60L * 1024 * 1024);

        long started = System.nanoTime();
        String reason = refusal("report.docx", DOCX, bomb);

        assertThat(reason)
                .isIn(
                        ZipInflation.BOMB,
                        ExtractionStopped.tooMuchText(5_000_000).reason());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void stopsADocumentWithMoreTextThanTheLimit() {
        TextExtractor strict = new TextExtractor(new Limits(1024 * 1024, 1000, Duration.ofSeconds(10)));
        byte[] docx = SampleFiles.docx(
                null, null, List.of(new Para(null, "Our opening hours are nine to five. ".repeat(100))), List.of());

        assertThat(refusal(strict, "hours.docx", docx))
                .isEqualTo("the document has too much text (more than 1,000 characters); split it into smaller files");
        assertThat(refusal(strict, "hours.txt", "a".repeat(1001).getBytes(StandardCharsets.UTF_8)))
                .startsWith("the document has too much text");
        assertThat(refusal(strict, "hours.html", ("<p>" + "a ".repeat(600) + "</p>").getBytes(StandardCharsets.UTF_8)))
                .startsWith("the document has too much text");
    }

    @Test
    void givesUpOnADocumentThatTakesTooLong() {
        TextExtractor impatient = new TextExtractor(new Limits(1024 * 1024, 100_000, Duration.ofNanos(1)));
        byte[] pdf = SampleFiles.pdf("Policies", null, false, SampleFiles.pagesOf(3, "returns"));

        assertThat(refusal(impatient, "policies.pdf", pdf))
                .isEqualTo("reading the document took too long; it may be damaged or too complex");
    }

    @Test
    void refusesEmptyFilesAndDocumentsWithoutText() {
        byte[] emptyDocx = SampleFiles.docx(null, null, List.of(), List.of());

        assertRefused("notes.txt", "text/plain", new byte[0], "the file is empty");
        assertRefused(
                "notes.txt", "text/plain", " \n\n \t\n".getBytes(StandardCharsets.UTF_8), "the document has no text");
        assertRefused("empty.docx", DOCX, emptyDocx, "the document has no text");
        assertRefused(
                "scan.pdf",
                "application/pdf",
                SampleFiles.blankPdf(),
                "the PDF has no text (a scanned PDF holds only pictures of text, which are not read)");
        assertRefused(
                "menu.html",
                "text/html",
                "<html><body><nav><a href='/'>Home</a></nav><footer>© ACME</footer></body></html>"
                        .getBytes(StandardCharsets.UTF_8),
                "the web page has no text in its main content");
    }

    @Test
    void refusesAPasswordProtectedPdf() {
        assertRefused(
                "prices.pdf",
                "application/pdf",
                SampleFiles.encryptedPdf(),
                "the document is password-protected; upload a copy without a password");
    }

    @Test
    void neverShowsParserInternalsInTheReason() {
        byte[] noise = new byte[2048];
        new Random(7).nextBytes(noise);
        byte[] fakePdf = ("%PDF-1.7\n" + "garbage ".repeat(100)).getBytes(StandardCharsets.US_ASCII);

        for (String name : List.of("a.pdf", "a.docx", "a.bin")) {
            assertThat(refusal(name, null, noise)).doesNotContainPattern("(?i)exception|org\\.|java\\.|\\bat\\b");
        }
        assertThat(refusal("a.pdf", null, fakePdf)).isEqualTo("the PDF is damaged or not a PDF");
        assertThat(refusal("a.docx", DOCX, noise))
                .isIn(
                        "the Word document is damaged or not a .docx file",
                        "unsupported file type (unrecognised binary data); upload a PDF, a Word document (.docx), a web page"
                                + " (.html), Markdown (.md) or a text file (.txt)");
    }

    private void assertRefused(String fileName, String declaredType, byte[] content, String reasonStart) {
        assertThat(refusal(extractor, fileName, declaredType, content)).startsWith(reasonStart);
    }

    private String refusal(String fileName, String declaredType, byte[] content) {
        return refusal(extractor, fileName, declaredType, content);
    }

    private static String refusal(TextExtractor extractor, String fileName, byte[] content) {
        return refusal(extractor, fileName, null, content);
    }

    private static String refusal(TextExtractor extractor, String fileName, String declaredType, byte[] content) {
        UnreadableDocumentException refused = catchThrowableOfType(
                UnreadableDocumentException.class, () -> extractor.extract(fileName, declaredType, content));
        assertThat(refused).as("%s is refused", fileName).isNotNull();
        return refused.getMessage();
    }
}

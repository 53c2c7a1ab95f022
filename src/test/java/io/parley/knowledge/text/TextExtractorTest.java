package io.parley.knowledge.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.text.Block.Heading;
import io.parley.knowledge.text.Block.Paragraph;
import io.parley.knowledge.text.SampleFiles.Line;
import io.parley.knowledge.text.SampleFiles.Para;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextExtractorTest {

    private final TextExtractor extractor = new TextExtractor();

    @Test
    void readsAPdfsTitleParagraphsAndHeadingLikeLines() throws Exception {
        byte[] pdf = SampleFiles.pdf(
                "Store policies",
                null,
                false,
                List.of(List.of(
                        Line.heading("Store policies"),
                        Line.heading("Returns"),
                        Line.body("You can return any item within 30 days of delivery. The item must be unused and in"
                                + " its original packaging, and we refund the price to the card you paid with."),
                        Line.heading("Shipping"),
                        Line.body("Orders ship within two business days. Delivery takes three to five days."))));

        ExtractedDocument document = extractor.extract("policies.pdf", "application/pdf", pdf);

        assertThat(document.title()).isEqualTo("Store policies");
        assertThat(document.blocks())
                .containsExactly(
                        new Heading(1, "Store policies"),
                        new Heading(2, "Returns"),
                        new Paragraph("You can return any item within 30 days of delivery. The item must be unused and"
                                + " in its original packaging, and we refund the price to the card you paid with."),
                        new Heading(2, "Shipping"),
                        new Paragraph("Orders ship within two business days. Delivery takes three to five days."));
    }

    @Test
    void leavesOutAPdfsRunningHeaderAndPageNumbers() throws Exception {
        byte[] pdf = SampleFiles.pdf(
                "Shipping guide", "ACME Outdoor - Customer handbook", true, SampleFiles.pagesOf(4, "shipping"));

        ExtractedDocument document = extractor.extract("guide.pdf", null, pdf);

        assertThat(document.blocks()).extracting(Block::text).noneMatch(text -> text.contains("ACME Outdoor"));
        assertThat(document.blocks()).extracting(Block::text).noneMatch(text -> text.matches("Page \\d+ of 4"));
        assertThat(document.blocks())
                .filteredOn(block -> block instanceof Heading)
                .extracting(Block::text)
                .containsExactly(
                        "Section 1 shipping", "Section 2 shipping", "Section 3 shipping", "Section 4 shipping");
        assertThat(document.blocks())
                .filteredOn(block -> block instanceof Paragraph)
                .hasSize(8)
                .allMatch(paragraph -> paragraph.text().endsWith("."));
    }

    @Test
    void readsAWordDocumentsHeadingStylesTableAndTitleButNotItsPageHeader() throws Exception {
        byte[] docx = SampleFiles.docx(
                "Help centre",
                "CONFIDENTIAL draft",
                List.of(
                        new Para("Heading1", "Returns"),
                        new Para(null, "Return any item within 30 days."),
                        new Para("Heading2", "Refunds"),
                        new Para(null, "Refunds reach your card within five business days.")),
                List.of(List.of("Size", "Price"), List.of("Small", "$10")));

        ExtractedDocument document = extractor.extract(
                "help.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx);

        assertThat(document.title()).isEqualTo("Help centre");
        assertThat(document.blocks())
                .containsExactly(
                        new Heading(1, "Returns"),
                        new Paragraph("Return any item within 30 days."),
                        new Heading(2, "Refunds"),
                        new Paragraph("Refunds reach your card within five business days."),
                        new Paragraph("Size | Price"),
                        new Paragraph("Small | $10"));
    }

    @Test
    void takesAWordDocumentsFirstHeadingAsTitleWhenItsMetadataHasNone() throws Exception {
        byte[] docx = SampleFiles.docx(
                null,
                null,
                List.of(new Para("Heading1", "Warranty"), new Para(null, "Two years on all bikes.")),
                List.of());

        assertThat(extractor.extract("warranty.docx", null, docx).title()).isEqualTo("Warranty");
    }

    @Test
    void ignoresPlaceholderTitlesThatToolsWriteIntoPdfs() throws Exception {
        byte[] pdf = SampleFiles.pdf(
                "Microsoft Word - warranty_v3.docx",
                null,
                false,
                List.of(List.of(
                        Line.heading("Warranty terms"),
                        Line.body("Every bike carries a two-year warranty on its frame and parts."))));

        ExtractedDocument document = extractor.extract("warranty.pdf", null, pdf);

        assertThat(document.title()).isEqualTo("Warranty terms");
        assertThat(document.blocks()).first().isEqualTo(new Heading(1, "Warranty terms"));
    }

    @Test
    void keepsAWebPagesMainContentAndDropsItsFurniture() throws Exception {
        String html =
                """
                <!doctype html>
                <html><head><title>Returns | ACME</title><style>p { color: red }</style>
                <script>var tracking = "do not index me";</script></head>
                <body>
                  <header><a href="/">ACME</a> <span>Free shipping over $50</span></header>
                  <nav><ul><li><a href="/shop">Shop</a></li><li><a href="/login">Log in</a></li></ul></nav>
                  <main>
                    <h1>Returns</h1>
                    <p>You can return any item within <b>30 days</b>.</p>
                    <h2>How to return</h2>
                    <ol><li>Print the label.</li><li>Drop the parcel at any post office.</li></ol>
                    <table><tr><th>Item</th><th>Window</th></tr><tr><td>Bikes</td><td>14 days</td></tr></table>
                    <form><label>Email</label><input name="email"><button>Subscribe</button></form>
                    <aside>Related: our gift cards</aside>
                  </main>
                  <footer>© 2025 ACME · Privacy · Contact</footer>
                </body></html>
                """;

        ExtractedDocument document =
                extractor.extract("returns.html", "text/html", html.getBytes(StandardCharsets.UTF_8));

        assertThat(document.title()).isEqualTo("Returns | ACME");
        assertThat(document.blocks())
                .containsExactly(
                        new Heading(1, "Returns"),
                        new Paragraph("You can return any item within 30 days."),
                        new Heading(2, "How to return"),
                        new Paragraph("1. Print the label."),
                        new Paragraph("2. Drop the parcel at any post office."),
                        new Paragraph("Item | Window"),
                        new Paragraph("Bikes | 14 days"));
    }

    @Test
    void readsAPageWithoutMainFromItsBodyLessHeaderAndFooter() throws Exception {
        String html =
                """
                <html><body>
                <header><h1>ACME</h1><p>Free shipping over $50</p></header>
                <div class="content"><h2>Opening hours</h2>Monday to Friday, 9 to 5.<br>Closed on holidays.</div>
                <footer><p>© 2025 ACME</p></footer>
                </body></html>
                """;

        ExtractedDocument document = extractor.extract("hours.htm", null, html.getBytes(StandardCharsets.UTF_8));

        assertThat(document.title()).isEqualTo("Opening hours");
        assertThat(document.blocks())
                .containsExactly(
                        new Heading(2, "Opening hours"),
                        new Paragraph("Monday to Friday, 9 to 5.\nClosed on holidays."));
    }

    @Test
    void readsEveryArticleOfAPageWithoutMainAndSkipsHiddenBanners() throws Exception {
        String html =
                """
                <html><head><meta charset="windows-1252"><title></title></head><body>
                <div role="dialog">We use cookies. <button>Accept</button></div>
                <div aria-hidden="true">Loading…</div>
                <article><header><h1>Caf\u00e9 opening</h1></header><p>Our caf\u00e9 opens on May 1.</p>
                  <footer>Posted by Ann · 3 comments</footer></article>
                <article><h1>New menu</h1><p>Try the cr\u00e8me br\u00fbl\u00e9e.</p></article>
                <p>Unrelated sidebar text outside any article.</p>
                </body></html>
                """;

        ExtractedDocument document =
                extractor.extract("news.html", null, html.getBytes(Charset.forName("windows-1252")));

        assertThat(document.title()).isEqualTo("Caf\u00e9 opening");
        assertThat(document.blocks())
                .containsExactly(
                        new Heading(1, "Caf\u00e9 opening"),
                        new Paragraph("Our caf\u00e9 opens on May 1."),
                        new Heading(1, "New menu"),
                        new Paragraph("Try the cr\u00e8me br\u00fbl\u00e9e."));
    }

    @Test
    void readsMarkdownHeadingsParagraphsListsAndCodeButNotFrontMatter() throws Exception {
        String markdown =
                """
                ---
                layout: page
                draft: true
                ---
                # Shipping FAQ

                We ship to the US and Canada,
                from our warehouse in Ohio.

                ## Costs
                - Standard: free over $50
                - Express: $15

                | Zone | Days |
                |------|------|
                | East | 2    |

                ```
                # not a heading
                ```

                Tracking
                --------
                Every parcel has a tracking number.
                """;

        ExtractedDocument document =
                extractor.extract("shipping.md", "text/markdown", markdown.getBytes(StandardCharsets.UTF_8));

        assertThat(document.title()).isEqualTo("Shipping FAQ");
        assertThat(document.blocks())
                .containsExactly(
                        new Heading(1, "Shipping FAQ"),
                        new Paragraph("We ship to the US and Canada, from our warehouse in Ohio."),
                        new Heading(2, "Costs"),
                        new Paragraph("- Standard: free over $50"),
                        new Paragraph("- Express: $15"),
                        new Paragraph("Zone | Days"),
                        new Paragraph("East | 2"),
                        new Paragraph("# not a heading"),
                        new Heading(2, "Tracking"),
                        new Paragraph("Every parcel has a tracking number."));
    }

    @Test
    void readsPlainTextParagraphsWithoutATitle() throws Exception {
        String text = "Our shop opens at 9.\r\nIt closes at 5.\r\n\r\n\r\nWe are closed on Sundays.\r\n";

        ExtractedDocument document =
                extractor.extract("hours.txt", "text/plain", text.getBytes(StandardCharsets.UTF_8));

        assertThat(document.title()).isNull();
        assertThat(document.blocks())
                .containsExactly(
                        new Paragraph("Our shop opens at 9. It closes at 5."),
                        new Paragraph("We are closed on Sundays."));
    }

    @Test
    void readsTextSavedByOlderWindowsToolsAndWithAByteOrderMark() throws Exception {
        String text = "Café crème costs 3 € – “always” fresh.";
        byte[] windows = text.getBytes(Charset.forName("windows-1252"));
        byte[] utf8WithBom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);

        assertThat(extractor.extract("menu.txt", null, windows).blocks()).containsExactly(new Paragraph(text));
        assertThat(extractor.extract("menu.txt", null, utf8WithBom).blocks()).containsExactly(new Paragraph(text));
    }

    @Test
    void readsATextFileByItsNameEvenWhenItStartsLikeAnEmail() throws Exception {
        String text = "From: the support team\nSubject: opening hours\n\nWe open at 9.";

        ExtractedDocument document = extractor.extract("notes.txt", null, text.getBytes(StandardCharsets.UTF_8));

        assertThat(document.blocks()).extracting(Block::text).contains("We open at 9.");
    }
}

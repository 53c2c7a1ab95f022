package io.parley.knowledge.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeVisitor;

/**
 * A web page's main content as blocks. A saved help-centre page carries menus, cookie notices, footers and scripts
 * around the few paragraphs that matter; searched as is, every page would match "contact", "privacy" and "log in". So
 * the page's own main region wins ({@code <main>}, or its articles), and page furniture (navigation, page headers and
 * footers, asides, forms, scripts) is removed by what the markup says it is, not guessed from class names.
 */
final class HtmlBlocks {

    /** Never content, wherever it sits. */
    private static final String NOISE = "script, style, noscript, template, svg, canvas, iframe, object, embed, form,"
            + " button, select, textarea, nav, aside, dialog, [hidden], [aria-hidden=true], [role=navigation],"
            + " [role=complementary], [role=search], [role=dialog], [role=alertdialog]";

    /** Footers are furniture wherever they are: bylines, tags, legal lines. */
    private static final String FOOTERS = "footer, [role=contentinfo]";

    /** A header is furniture when it belongs to the page; inside an article or section it holds that part's heading. */
    private static final String HEADERS = "header, [role=banner]";

    private HtmlBlocks() {}

    static ParsedText extract(byte[] content, BlockCollector collector) {
        Document page = parse(content);
        page.select(NOISE).not("html, body, main").remove();
        List<Element> regions = mainRegions(page);
        for (Element region : regions) {
            region.select(FOOTERS).remove();
            if (region == page.body()) {
                region.select(HEADERS).stream()
                        .filter(element -> element.closest("article, main, section") == null)
                        .forEach(Element::remove);
            }
            walk(region, collector);
        }
        return new ParsedText(title(page, regions), collector.blocks());
    }

    private static Document parse(byte[] content) {
        try {
            // null charset: jsoup reads the byte-order mark or <meta charset>, else UTF-8
            return Jsoup.parse(new ByteArrayInputStream(content), null, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Element> mainRegions(Document page) {
        Element main = page.selectFirst("main, [role=main]");
        if (main != null) {
            return List.of(main);
        }
        Elements articles = page.select("article");
        List<Element> outermost = articles.stream()
                .filter(article -> article.parents().stream().noneMatch(p -> p.nameIs("article")))
                .toList();
        return outermost.isEmpty() ? List.of(page.body()) : outermost;
    }

    private static String title(Document page, List<Element> regions) {
        if (!page.title().isBlank()) {
            return page.title();
        }
        return regions.stream()
                .map(region -> region.selectFirst("h1"))
                .filter(h1 -> h1 != null && !h1.text().isBlank())
                .map(Element::text)
                .findFirst()
                .orElse(null);
    }

    private static void walk(Element region, BlockCollector collector) {
        region.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element element) {
                    collector.start(element.normalName());
                } else if (node instanceof TextNode text) {
                    collector.text(text.getWholeText());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    collector.end(element.normalName());
                }
            }
        });
        collector.start("div"); // the next region starts a new block
    }
}

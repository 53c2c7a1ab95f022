package io.parley.knowledge.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.outbound.OutboundException;
import io.parley.outbound.OutboundException.Kind;
import io.parley.outbound.OutboundProperties;
import io.parley.outbound.SafeHttpClient;
import io.parley.testing.LocalSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SitemapReaderTest {

    private static final String XML = "application/xml";

    private final LocalSite site = new LocalSite();
    private final SafeHttpClient http = new SafeHttpClient(new OutboundProperties(
            List.of("127.0.0.1/32"), Duration.ofSeconds(5), Duration.ofSeconds(10), DataSize.ofMegabytes(1)));
    private final SitemapReader reader = new SitemapReader(http);

    @AfterEach
    void close() throws IOException {
        site.close();
        http.close();
    }

    @Test
    void readsThePagesOfAnIndexOfTwoSitemapsOneOfThemCompressed() throws Exception {
        serveIndexOfTwoSitemaps();

        List<URI> pages = reader.pages(site.url("/sitemap_index.xml"), 100);

        assertThat(pages)
                .containsExactly(
                        URI.create("https://shop.example/"),
                        URI.create("https://shop.example/opening-hours"),
                        URI.create("https://shop.example/returns"),
                        URI.create("https://shop.example/shipping"),
                        URI.create("https://shop.example/contact"));
    }

    @Test
    void stopsAtTheMaximumNumberOfPages() throws Exception {
        serveIndexOfTwoSitemaps();

        List<URI> pages = reader.pages(site.url("/sitemap_index.xml"), 2);

        assertThat(pages)
                .containsExactly(URI.create("https://shop.example/"), URI.create("https://shop.example/opening-hours"));
        assertThat(site.hits("/sitemaps/more.xml.gz")).isZero();
    }

    @Test
    void followsIndexesTwoLevelsDownOnlyAndEachSitemapOnce() throws Exception {
        site.page("/index.xml", 200, XML, index(site.url("/index.xml"), site.url("/nested-index.xml")))
                .page("/nested-index.xml", 200, XML, index(site.url("/a.xml"), site.url("/deepest-index.xml")))
                .page("/deepest-index.xml", 200, XML, index(site.url("/b.xml")))
                .page("/a.xml", 200, XML, urlset("https://shop.example/a"))
                .page("/b.xml", 200, XML, urlset("https://shop.example/b"));

        List<URI> pages = reader.pages(site.url("/index.xml"), 10);

        assertThat(pages).containsExactly(URI.create("https://shop.example/a"));
        assertThat(site.hits("/index.xml")).isEqualTo(1);
        assertThat(site.hits("/b.xml")).isZero();
    }

    @Test
    void reportsASitemapThatIsNotWellFormed() {
        site.page(
                "/sitemap.xml",
                200,
                XML,
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>https://shop.example/</loc>
                </urlset>
                """);

        assertFails(
                () -> reader.pages(site.url("/sitemap.xml"), 10),
                Kind.BAD_CONTENT,
                "the sitemap is not valid XML (line 4)");
    }

    @Test
    void saysWhenTheAddressIsNotASitemap() {
        site.page("/sitemap.xml", 200, "text/html", "<html><body>Welcome to our shop</body></html>");

        assertFails(
                () -> reader.pages(site.url("/sitemap.xml"), 10),
                Kind.BAD_CONTENT,
                "this is not a sitemap: it starts with <html> instead of <urlset> or <sitemapindex>");
    }

    @Test
    void neverExpandsExternalEntities() {
        site.page("/secret", 200, "text/plain", "internal-only")
                .page(
                        "/sitemap.xml",
                        200,
                        XML,
                        """
                        <?xml version="1.0"?>
                        <!DOCTYPE urlset [
                          <!ENTITY file SYSTEM "file:///etc/passwd">
                          <!ENTITY remote SYSTEM "%s">
                        ]>
                        <urlset><url><loc>https://shop.example/&file;&remote;</loc></url></urlset>
                        """
                                .formatted(site.url("/secret")));

        assertFails(
                () -> reader.pages(site.url("/sitemap.xml"), 10),
                Kind.BAD_CONTENT,
                "the sitemap declares a DTD (<!DOCTYPE>), which sitemaps never do");
        assertThat(site.hits("/secret")).isZero();
    }

    @Test
    void namesTheListedSitemapThatFailed() {
        site.page("/sitemap_index.xml", 200, XML, index(site.url("/gone.xml")));

        assertFails(
                () -> reader.pages(site.url("/sitemap_index.xml"), 10),
                Kind.HTTP_ERROR,
                "the sitemap " + site.url("/gone.xml") + ": HTTP 404");
    }

    @Test
    void cannotBeUsedToReachAPrivateAddress() {
        site.page("/sitemap_index.xml", 200, XML, index(URI.create("http://169.254.169.254/latest/meta-data/")));

        assertFails(
                () -> reader.pages(site.url("/sitemap_index.xml"), 10),
                Kind.BLOCKED_ADDRESS,
                "169.254.169.254 is a private network address");
    }

    @Test
    void refusesACompressedSitemapThatUnpacksBeyondFiftyMegabytes() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write("<urlset>".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = " ".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 51; i++) {
                gzip.write(spaces);
            }
            gzip.write("</urlset>".getBytes(StandardCharsets.US_ASCII));
        }
        site.route(
                "/sitemap.xml.gz",
                exchange -> LocalSite.respond(exchange, 200, "application/gzip", packed.toByteArray()));

        assertFails(
                () -> reader.pages(site.url("/sitemap.xml.gz"), 10),
                Kind.TOO_LARGE,
                "the sitemap is larger than 50 MB once unpacked");
    }

    @Test
    void refusesAPageCapBelowOne() {
        assertThatThrownBy(() -> reader.pages(site.url("/sitemap.xml"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * An index listing a plain sitemap and a gzip-compressed one. The first repeats a page, lists an ftp address and an
     * image (whose {@code image:loc} is not a page); the second repeats one of the first's pages.
     */
    private void serveIndexOfTwoSitemaps() throws IOException {
        site.page(
                        "/sitemap_index.xml",
                        200,
                        XML,
                        index(site.url("/sitemaps/pages.xml"), site.url("/sitemaps/more.xml.gz")))
                .page(
                        "/sitemaps/pages.xml",
                        200,
                        XML,
                        """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                                xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
                          <url><loc>https://shop.example/</loc><lastmod>2026-01-02</lastmod></url>
                          <url>
                            <loc> https://shop.example/opening-hours </loc>
                            <image:image><image:loc>https://shop.example/shopfront.jpg</image:loc></image:image>
                          </url>
                          <url><loc>https://shop.example/</loc></url>
                          <url><loc>ftp://shop.example/catalogue.pdf</loc></url>
                          <url><loc>https://shop.example/returns</loc></url>
                        </urlset>
                        """);
        byte[] more = gzip(urlset(
                "https://shop.example/returns", "https://shop.example/shipping", "https://shop.example/contact"));
        site.route("/sitemaps/more.xml.gz", exchange -> LocalSite.respond(exchange, 200, "application/x-gzip", more));
    }

    private static String index(URI... sitemaps) {
        return Stream.of(sitemaps)
                .map(url -> "<sitemap><loc>" + url + "</loc></sitemap>")
                .collect(Collectors.joining(
                        "\n",
                        "<?xml version=\"1.0\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
                        "\n</sitemapindex>"));
    }

    private static String urlset(String... pages) {
        return Stream.of(pages)
                .map(url -> "<url><loc>" + url + "</loc></url>")
                .collect(Collectors.joining(
                        "", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", "</urlset>"));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return packed.toByteArray();
    }

    private static void assertFails(ThrowingCallable call, Kind kind, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        OutboundException.class,
                        e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind))
                .hasMessageContaining(message);
    }
}

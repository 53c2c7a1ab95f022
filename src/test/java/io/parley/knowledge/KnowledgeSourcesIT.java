package io.parley.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.LocalSite;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Web pages and sitemaps imported from a real HTTP server on this machine (the one network the operator allows here):
 * pages become documents, a re-sync follows the site's changes, and a redirect into a private network is refused.
 */
class KnowledgeSourcesIT extends ParleyAppTest {

    @DynamicPropertySource
    static void allowThisMachine(DynamicPropertyRegistry registry) {
        registry.add("parley.outbound.allowed-networks", () -> "127.0.0.1/32");
    }

    private final AtomicReference<String> sitemap = new AtomicReference<>();
    private final AtomicReference<String> shipping = new AtomicReference<>();
    private LocalSite site;
    private ParleyApi.Organization shop;

    @BeforeEach
    void site() {
        site = new LocalSite();
        site.route(
                "/sitemap.xml",
                exchange -> LocalSite.respond(
                        exchange, 200, "application/xml", sitemap.get().getBytes(StandardCharsets.UTF_8)));
        site.route(
                "/help/shipping",
                exchange -> LocalSite.respond(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        shipping.get().getBytes(StandardCharsets.UTF_8)));
        site.page(
                "/help/care",
                200,
                "text/html",
                page(
                        "Caring for wool",
                        "Hand wash wool in cold water and dry it" + " flat. Never tumble dry wool: it shrinks."));
        site.page(
                "/help/hours",
                200,
                "text/html",
                page("Opening hours", "Our Toronto store opens Monday to Saturday" + " from 10 am to 6 pm."));
        site.redirect("/help/internal", 302, "http://10.0.0.5/admin");
        shop = api.signUp("Northwind Knitwear");
    }

    @AfterEach
    void close() {
        site.close();
    }

    @Test
    void aSitemapsPagesBecomeDocumentsAndAReSyncFollowsTheSitesChanges() {
        shipping.set(page("Shipping", "Parcels to Canada arrive in 5 to 8 business days."));
        sitemap.set(sitemapOf("/help/shipping", "/help/care", "/help/internal"));

        String source = addSource("sitemap", site.url("/sitemap.xml").toString());
        JsonNode synced = awaitSynced(source);
        assertThat(synced.path("pages").asInt()).isEqualTo(3);
        Map<String, JsonNode> pages = awaitPagesSettled();
        assertThat(pages.get("/help/shipping").path("status").asString()).isEqualTo("ready");
        assertThat(pages.get("/help/shipping").path("title").asString()).isEqualTo("Shipping");
        assertThat(pages.get("/help/care").path("status").asString()).isEqualTo("ready");
        JsonNode refused = pages.get("/help/internal");
        assertThat(refused.path("status").asString()).isEqualTo("failed");
        assertThat(refused.path("error").asString()).contains("private");
        assertThat(firstTitle("how long to Canada")).isEqualTo("Shipping");

        // The site changes: shipping rewritten, care gone, hours new.
        shipping.set(page("Shipping", "Parcels to Canada now arrive in 3 to 4 business days."));
        sitemap.set(sitemapOf("/help/shipping", "/help/hours"));
        assertThat(api.call("POST", "/api/v1/admin/knowledge/sources/" + source + "/sync", shop.accessToken(), null)
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<String, JsonNode> now = pagesByPath();
            return now.keySet().equals(java.util.Set.of("/help/shipping", "/help/hours"))
                    && now.values().stream()
                            .allMatch(d -> d.path("status").asString().equals("ready"))
                    && search("how long to Canada").toString().contains("3 to 4 business days");
        });
        assertThat(firstTitle("is the Toronto shop open on Saturday")).isEqualTo("Opening hours");
        assertThat(search("tumble dry wool").toString()).doesNotContain("Caring for wool");
    }

    @Test
    void aPageThatRedirectsIntoAPrivateNetworkFailsWithTheReasonAndAnotherOrganizationCannotTouchTheSource() {
        String source = addSource("url", site.url("/help/internal").toString());
        awaitSynced(source);
        JsonNode page = awaitPagesSettled().get("/help/internal");
        assertThat(page.path("status").asString()).isEqualTo("failed");
        assertThat(page.path("error").asString()).contains("private");

        ParleyApi.Organization other = api.signUp("Elsewhere");
        assertThat(api.call("POST", "/api/v1/admin/knowledge/sources/" + source + "/sync", other.accessToken(), null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("DELETE", "/api/v1/admin/knowledge/sources/" + source, other.accessToken(), null)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/admin/knowledge/sources", other.accessToken())
                        .body()
                        .path("items"))
                .isEmpty();

        assertThat(api.call("DELETE", "/api/v1/admin/knowledge/sources/" + source, shop.accessToken(), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/admin/knowledge/documents", shop.accessToken())
                        .body()
                        .path("items"))
                .isEmpty();
    }

    private String addSource(String type, String url) {
        ParleyApi.Response r = api.call(
                "POST", "/api/v1/admin/knowledge/sources", shop.accessToken(), Map.of("type", type, "url", url));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return r.body().path("id").asString();
    }

    private JsonNode awaitSynced(String source) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            for (JsonNode s : api.get("/api/v1/admin/knowledge/sources", shop.accessToken())
                                    .body()
                                    .path("items")) {
                                if (s.path("id").asString().equals(source)) {
                                    return s;
                                }
                            }
                            throw new AssertionError("source " + source + " is not listed");
                        },
                        s -> s.path("status").asString().equals("ready"));
    }

    private Map<String, JsonNode> awaitPagesSettled() {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        this::pagesByPath,
                        pages -> !pages.isEmpty()
                                && pages.values().stream()
                                        .noneMatch(
                                                d -> d.path("status").asString().equals("processing")));
    }

    private Map<String, JsonNode> pagesByPath() {
        Map<String, JsonNode> pages = new java.util.HashMap<>();
        for (JsonNode d : api.get("/api/v1/admin/knowledge/documents", shop.accessToken())
                .body()
                .path("items")) {
            pages.put(java.net.URI.create(d.path("url").asString()).getPath(), d);
        }
        return pages;
    }

    private JsonNode search(String q) {
        return api.get(
                        "/api/v1/admin/knowledge/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                        shop.accessToken())
                .body()
                .path("results");
    }

    private String firstTitle(String q) {
        return search(q).path(0).path("title").asString();
    }

    private String sitemapOf(String... paths) {
        List<String> urls = new ArrayList<>();
        for (String path : paths) {
            urls.add("<url><loc>" + site.url(path) + "</loc></url>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + String.join("", urls)
                + "</urlset>";
    }

    private static String page(String title, String text) {
        return "<!doctype html><html><head><title>" + title + "</title></head><body><nav>Home · Shop · Help</nav>"
                + "<main><h1>" + title + "</h1><p>" + text + "</p></main><footer>© Northwind</footer></body></html>";
    }
}

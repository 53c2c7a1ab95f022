package io.parley.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.ScreenshotAnimations;
import io.parley.testing.Axe;
import io.parley.testing.Chromium;
import io.parley.testing.LocalSite;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyAppTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two browsers: a shop's owner teaching the assistant in the console (a file and a pasted policy, processed while the
 * list refreshes itself, then searched), and a customer on the shop's own site asking the chat widget, whose reply marks
 * the sentence it took from the policy and lists that policy as its source. The owner then finds the same source under
 * the reply in the conversation's transcript.
 */
class ConsoleKnowledgeE2E extends ParleyAppTest {

    private static final String SHIPPING_URL = "https://northwind.example/shipping";
    private static final String REPLY =
            "Parcels to Canada take 5 to 8 business days. [1] Shipping there costs 15 dollars, free over 150. [1]";
    private static final LocatorAssertions.HasTextOptions PROCESSING =
            new LocatorAssertions.HasTextOptions().setTimeout(60_000);

    private Chromium chromium;
    private BrowserContext ownerContext;
    private BrowserContext customerContext;
    private LocalSite shop;
    private final List<String> scriptErrors = new ArrayList<>();

    @BeforeEach
    void start() {
        chromium = Chromium.launch();
        ownerContext = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
        customerContext = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anOwnerTeachesTheAssistantAndACustomerSeesTheSourceOfTheReply() {
        Page console = ownerContext.newPage();
        watchForScriptErrors(console);
        signUp(console, "Northwind Knitwear");

        console.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Console"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Knowledge"))
                .click();
        assertThat(console).hasTitle("Knowledge base · Parley");
        assertThat(console.locator("#documents-empty")).containsText("Your knowledge base is empty");

        // A file over the limit is refused in the browser, before it is sent.
        Locator file = console.getByLabel("File", new Page.GetByLabelOptions().setExact(true));
        file.setInputFiles(new FilePayload("scans.txt", "text/plain", new byte[20 * 1024 * 1024 + 1]));
        String before = console.url();
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                .click();
        assertThat(file).hasAttribute("aria-invalid", "true");
        assertThat(file).hasAccessibleDescription(Pattern.compile("This file is larger than 20 MB"));
        assertThat(file).isFocused();
        assertThat(console).hasURL(before);

        // A long catalogue takes a few seconds to read: its row shows how far it is, and the list follows by itself.
        console.getByLabel("File", new Page.GetByLabelOptions().setExact(true))
                .setInputFiles(new FilePayload("catalogue.md", "text/markdown", catalogue()));
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                .click();
        Locator catalogue = documentRow(console, "catalogue.md");
        assertThat(catalogue.locator(".badge")).hasText("Processing");
        assertThat(catalogue.getByRole(AriaRole.PROGRESSBAR)).isVisible();
        assertThat(console.locator("#documents")).hasAttribute("hx-trigger", "every 2s");
        console.locator("#documents")
                .screenshot(
                        new Locator.ScreenshotOptions().setPath(Chromium.screenshot("console-knowledge-processing")));

        // A file, uploaded as a browser sends it.
        console.getByLabel("File", new Page.GetByLabelOptions().setExact(true))
                .setInputFiles(new FilePayload(
                        "wool-care.md",
                        "text/markdown",
                        "# Caring for wool\n\nHand wash wool sweaters in cold water and dry them flat.\n"
                                .getBytes(StandardCharsets.UTF_8)));
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                .click();
        assertThat(console.locator("#knowledge-notice")).containsText("was added");

        // A policy, pasted, with the address where customers can read it.
        console.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("Shipping and returns");
        console.getByLabel("Text", new Page.GetByLabelOptions().setExact(true)).fill(ConsoleKnowledgeIT.SHIPPING);
        console.getByLabel("Web address").fill(SHIPPING_URL);
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add text"))
                .click();
        assertThat(console.locator("#knowledge-notice")).containsText("“Shipping and returns” was added.");

        // Both become ready on the page as it is: the list refreshes itself, and stops once nothing is processing.
        Locator shipping = documentRow(console, "Shipping and returns");
        Locator wool = documentRow(console, "wool-care.md");
        assertThat(shipping.locator(".badge")).hasText("Ready", PROCESSING);
        assertThat(wool.locator(".badge")).hasText("Ready", PROCESSING);
        assertThat(catalogue.locator(".badge")).hasText("Ready", PROCESSING);
        assertThat(shipping.getByRole(AriaRole.LINK)).hasAttribute("href", SHIPPING_URL);
        assertThat(console.locator("#documents")).not().hasAttribute("hx-trigger", Pattern.compile(".*"));
        screenshotWholePage(console, "console-knowledge");

        // What a customer's question finds.
        console.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Knowledge base"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Search"))
                .click();
        console.getByLabel("Question").fill("How long until my parcel reaches Toronto?");
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();
        Locator best = console.locator(".result").first();
        assertThat(best.getByRole(AriaRole.HEADING)).containsText("Shipping and returns");
        assertThat(best).containsText("Replies answer from this");
        assertThat(best).containsText("Parcels to Canada arrive in 5 to 8 business days");
        screenshotWholePage(console, "console-knowledge-search");

        // The shop's own site, allowed to show the chat.
        console.navigate(base() + "/console/install");
        String siteKey = console.locator("#site-key").textContent().trim();
        shop = new LocalSite();
        String shopOrigin = "http://127.0.0.1:" + shop.port();
        shop.page("/", 200, "text/html; charset=utf-8", shopPage(siteKey));
        console.getByLabel("Origins").fill(shopOrigin);
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save origins"))
                .click();
        assertThat(console.getByText("Allowed origins saved.")).isVisible();

        // The customer asks. The reply streams in two halves, two seconds apart; its first [1] is in the first half.
        MODEL.script(OpenAiScript.reply(REPLY).inChunks(2).withDelay(Duration.ofSeconds(2)));
        Page customer = customerContext.newPage();
        watchForScriptErrors(customer);
        customer.navigate(shopOrigin + "/");
        customer.locator("parley-chat .launcher").click();
        customer.locator("parley-chat .composer textarea").fill("How long until my parcel reaches Toronto?");
        customer.locator("parley-chat .composer textarea").press("Enter");

        // While it streams, the marker is already a reference; which source it is comes with the finished message.
        Locator streaming = customer.locator("parley-chat [role=log] .msg.assistant.streaming .bubble");
        assertThat(streaming.locator("sup.ref")).hasText("[1]");
        assertThat(streaming).not().containsText("Shipping there costs");
        assertThat(streaming.getByRole(AriaRole.LINK)).hasCount(0);

        Locator reply = customer.locator("parley-chat [role=log] .msg.assistant:not(.streaming)");
        assertThat(reply).hasCount(1);
        assertThat(reply.locator(".bubble")).containsText("Parcels to Canada take 5 to 8 business days.");
        assertThat(reply.locator(".bubble sup.ref")).hasCount(2);
        Locator marker = reply.locator(".bubble sup.ref").first().getByRole(AriaRole.LINK);
        assertThat(marker).hasAccessibleName("[1] Shipping and returns (opens in a new tab)");
        assertThat(marker).hasAttribute("href", SHIPPING_URL);
        assertThat(marker).hasAttribute("target", "_blank");
        assertThat((String) reply.locator(".bubble")
                        .evaluate("b => [...b.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('')"))
                .as("no marker left as plain text")
                .doesNotContain("[1]");
        Axe.assertNoSeriousViolations(customer, "the widget with a reply citing its source");
        Locator sources = reply.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Sources"));
        assertThat(sources).isVisible();
        assertThat(sources.locator(".num")).hasText(new String[] {"[1]"});
        Locator source = sources.getByRole(
                AriaRole.LINK, new Locator.GetByRoleOptions().setName("Shipping and returns (opens in a new tab)"));
        assertThat(source).hasAttribute("href", SHIPPING_URL);
        assertThat(source).hasAttribute("target", "_blank");
        assertThat(source).hasAttribute("rel", Pattern.compile("noopener"));
        customer.screenshot(new Page.ScreenshotOptions()
                .setAnimations(ScreenshotAnimations.DISABLED)
                .setPath(Chromium.screenshot("widget-knowledge-sources")));
        customer.locator("parley-chat [role=dialog]")
                .screenshot(new Locator.ScreenshotOptions()
                        .setAnimations(ScreenshotAnimations.DISABLED)
                        .setPath(Chromium.screenshot("widget-knowledge-reply")));

        // The owner sees the same source under the reply in the transcript, and can read the passage.
        console.navigate(base() + "/console/conversations");
        console.locator("a.who").first().click();
        Locator cited = console.locator(".from-assistant .cited");
        assertThat(cited).containsText("[1]");
        assertThat(cited.getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Shipping and returns (opens in a new tab)")))
                .hasAttribute("href", SHIPPING_URL);
        cited.locator("summary").click();
        assertThat(cited.locator("blockquote")).containsText("Parcels to Canada arrive in 5 to 8 business days");
        screenshotWholePage(console, "console-transcript-sources");

        // A question nothing answers is listed for the owner, who answers it with a FAQ entry from there.
        customer.locator("parley-chat .composer textarea").fill("Do you have a shop in Lisbon?");
        customer.locator("parley-chat .composer textarea").press("Enter");
        assertThat(customer.locator("parley-chat [role=log] .msg.assistant:not(.streaming)"))
                .hasCount(2);
        console.navigate(base() + "/console/knowledge/gaps");
        Locator gap = console.locator("table.gaps tbody tr").filter(new Locator.FilterOptions().setHasText("Lisbon"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            console.reload();
            return gap.count() == 1;
        });
        assertThat(gap).containsText("once");
        screenshotWholePage(console, "console-knowledge-gaps");
        gap.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Answer as FAQ")))
                .click();
        assertThat(console.getByLabel("Question")).hasValue("Do you have a shop in Lisbon?");
        console.getByLabel("Answer").fill("Not yet: we sell online only, and ship to Portugal in 4 to 6 days.");
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add FAQ entry"))
                .click();
        assertThat(console.locator("#knowledge-notice")).containsText("“Do you have a shop in Lisbon?” was added.");

        assertThat(scriptErrors).as("no script errors (CSP, widget)").isEmpty();
    }

    /** A product catalogue of a few hundred sections: long enough that reading it takes seconds. */
    private static byte[] catalogue() {
        StringBuilder text = new StringBuilder("# Catalogue\n\n");
        for (int i = 1; i <= 400; i++) {
            text.append("## Sweater model ")
                    .append(i)
                    .append("\n\nModel ")
                    .append(i)
                    .append(" is knitted from merino wool in Maine, in sizes XS to XXL and eight colours. It is warm,")
                    .append(" light and soft, and keeps its shape wash after wash when it is dried flat.\n\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void signUp(Page page, String business) {
        page.navigate(base() + "/console/signup");
        page.getByLabel("Business name").fill(business);
        page.getByLabel("Work email").fill(ConsoleBrowser.uniqueEmail());
        page.getByLabel("Password").fill("a long enough password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create organization"))
                .click();
        page.waitForURL(Pattern.compile(".*/console/profile\\?welcome$"));
    }

    private static Locator documentRow(Page page, String text) {
        return page.locator("#documents tbody tr").filter(new Locator.FilterOptions().setHasText(text));
    }

    private void watchForScriptErrors(Page page) {
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                scriptErrors.add(m.text());
            }
        });
        page.onPageError(scriptErrors::add);
    }

    private String shopPage(String siteKey) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Northwind Knitwear</title><link rel="icon" href="data:,"></head>
                <body><header><a href="#">Northwind Knitwear</a></header>
                <main><h1>Wool sweaters, knitted in Maine</h1><p>We ship to Canada and the United States.</p></main>
                <script src="%s/widget.js" data-site-key="%s" data-title="Northwind Knitwear" async></script>
                </body></html>
                """
                .formatted(base(), siteKey);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** The viewport grown to the page's height, so the whole page is in the picture. */
    private static void screenshotWholePage(Page page, String name) {
        var viewport = page.viewportSize();
        page.evaluate("() => window.scrollTo(0, 0)");
        int height = ((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue();
        page.setViewportSize(viewport.width, Math.min(Math.max(height, viewport.height), 3200));
        page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot(name)));
        page.setViewportSize(viewport.width, viewport.height);
    }
}

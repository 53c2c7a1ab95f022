package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.team.Teammates;
import io.parley.testing.OpenAiScript;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's knowledge pages as a member's browser uses them: documents added by upload, pasted text and FAQ entry
 * become ready and searchable, web sources are listed with why they failed, deletions are confirmed, bad input keeps
 * what was typed, nothing crosses organizations, and the sources a reply used show under it.
 */
class ConsoleKnowledgeIT extends ParleyAppTest {

    static final String SHIPPING =
            """
            # Shipping and returns

            ## Shipping abroad

            We ship to Canada and the United States. Parcels to Canada arrive in 5 to 8 business days; shipping there \
            costs 15 dollars, and is free on orders over 150 dollars.

            ## Returns

            Unworn items can be returned within 30 days of delivery for a full refund to the original payment method.
            """;
    static final String SHIPPING_URL = "https://northwind.example/shipping";
    private static final String OWNER_PASSWORD = "correct horse battery staple";
    private static final Pattern ADDED = Pattern.compile("/console/knowledge\\?added=([A-Za-z0-9_-]+)$");

    private ParleyApi.Organization shop;
    private ConsoleBrowser browser;

    @BeforeEach
    void signIn() {
        shop = api.signUp("Northwind Knitwear");
        browser = new ConsoleBrowser(port);
        assertThat(browser.signIn(shop.email(), OWNER_PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void aNewOrganizationIsToldWhatToAddOnEveryKnowledgePage() {
        ConsoleBrowser.Page page = browser.get("/console/knowledge");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("<a href=\"/console/knowledge\" aria-current=\"page\">")
                .contains("Your knowledge base is empty")
                .contains("shipping and returns, sizes, opening hours")
                .contains("No web source yet")
                .contains("Upload a file", "Paste text", "Add a FAQ entry", "Import from your website")
                .contains("up to <span>20 MB</span>")
                .doesNotContain("hx-trigger");
        assertThat(browser.get("/console").text()).contains("href=\"/console/knowledge\"");
        assertThat(browser.get("/console/knowledge/search").text())
                .contains("Nothing to search yet")
                .contains("<a href=\"/console/knowledge/search\" aria-current=\"page\">Search</a>");
        assertThat(browser.get("/console/knowledge/gaps").text())
                .contains("No unanswered questions in the last 30 days")
                .contains("Your knowledge base is empty");
    }

    @Test
    void pastedTextIsProcessedThenFoundBySearchWithItsScores() {
        String id = addText("Shipping and returns", SHIPPING, SHIPPING_URL);

        String added = browser.get("/console/knowledge?added=" + id).text();
        assertThat(added).contains("“Shipping and returns” was added.");
        String ready = awaitStatus(id, "ready");

        assertThat(row(ready, id))
                .contains("href=\"" + SHIPPING_URL + "\"")
                .contains("Pasted text")
                .contains(">Ready</span>")
                .containsPattern("class=\"num\">[1-9][0-9]*</td>");
        assertThat(ready).as("nothing is processing: the list stops refreshing").doesNotContain("hx-trigger");

        String found = browser.get("/console/knowledge/search?q=" + encode("how long does delivery to Toronto take"))
                .text();
        assertThat(found)
                .contains("Result 1: ")
                .contains("Shipping and returns")
                .contains("Replies answer from this")
                .contains("Shipping abroad")
                .contains("Parcels to Canada arrive in 5 to 8 business days")
                .contains("<dt>Similarity</dt>")
                .containsPattern("<dt>Score</dt><dd>[0-9]+\\.[0-9]{4}</dd>");
        assertThat(browser.get("/console/knowledge/search?mode=keyword&q=" + encode("Canada parcels"))
                        .text())
                .contains("Shipping and returns")
                .contains("Not measured in keyword mode")
                .doesNotContain("Replies answer from this")
                .containsPattern("id=\"mode-keyword\" value=\"keyword\"[^>]*checked");
    }

    @Test
    void aProcessingDocumentKeepsItsListRefreshingUntilItIsReady() {
        String id = addText("Shipping and returns", SHIPPING, null);

        String list = browser.get("/console/knowledge/documents").text();
        if (row(list, id).contains("data-status=\"processing\"")) {
            assertThat(list)
                    .contains("hx-get=\"/console/knowledge/documents\"")
                    .contains("hx-trigger=\"every 2s\"")
                    .contains("This list updates by itself")
                    .containsPattern("<progress[^>]*aria-label=\"(Reading|Waiting to read) Shipping and returns\"");
        }
        assertThat(awaitStatus(id, "ready")).doesNotContain("hx-trigger").doesNotContain("<progress");
    }

    @Test
    void anUploadedFileAndAFaqEntryBecomeDocuments() {
        browser.get("/console/knowledge");
        ConsoleBrowser.Page uploaded = browser.postFile(
                "/console/knowledge/files",
                "file",
                "wool-care.md",
                "text/markdown",
                "# Caring for wool\n\nHand wash wool sweaters in cold water and dry them flat.\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(302);
        String file = idOf(uploaded);
        browser.get("/console/knowledge");
        String faq = idOf(browser.post(
                "/console/knowledge/faqs",
                Map.of("question", "Do you sell gift cards?", "answer", "Yes, from 25 to 500 dollars.")));

        awaitStatus(file, "ready");
        String page = awaitStatus(faq, "ready");

        assertThat(row(page, file)).contains(">File</td>").contains("wool-care.md");
        assertThat(row(page, faq)).contains("Do you sell gift cards?").contains(">FAQ entry</td>");
    }

    @Test
    void anEmptyUploadIsRefusedNextToTheField() {
        browser.get("/console/knowledge");
        ConsoleBrowser.Page none =
                browser.postFile("/console/knowledge/files", "file", "", "application/octet-stream", new byte[0]);
        browser.get("/console/knowledge");
        ConsoleBrowser.Page empty =
                browser.postFile("/console/knowledge/files", "file", "notes.txt", "text/plain", new byte[0]);

        assertThat(none.status()).isEqualTo(422);
        assertThat(none.text())
                .contains("Nothing was added.")
                .contains("<a href=\"#upload-file\">Choose a file to upload.</a>")
                .contains("id=\"upload-file-error\">Choose a file to upload.</p>")
                .containsPattern("id=\"upload-file\"[^>]*aria-invalid=\"true\"");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.text()).contains("This file is empty. Choose a file with your text in it.");
        assertThat(browser.get("/console/knowledge").text()).contains("Your knowledge base is empty");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithTheLimit() {
        browser.get("/console/knowledge");
        // Past what the server reads at all (25 MB); between 20 and 25 MB the file is kept as a failed document.
        byte[] large = new byte[25 * 1024 * 1024 + 1];
        java.util.Arrays.fill(large, (byte) 'a');

        ConsoleBrowser.Page refused =
                browser.postFile("/console/knowledge/files", "file", "catalogue.txt", "text/plain", large);

        assertThat(refused.status()).isEqualTo(302);
        assertThat(browser.get(refused.location()).text())
                .contains("id=\"upload-file-error\">This file is larger than 20 MB.")
                .contains("Your knowledge base is empty");
    }

    @Test
    void aMissingTitleAndABadAddressKeepWhatWasTyped() {
        browser.get("/console/knowledge");

        ConsoleBrowser.Page refused = browser.post(
                "/console/knowledge/texts",
                Map.of("title", "  ", "content", "Our shop opens at 9.\nClosed on Sundays.", "url", "shop/opening"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text())
                .contains("Nothing was added.")
                .contains("<a href=\"#text-title\">Enter a title, such as “Shipping and returns”.</a>")
                .contains("id=\"text-title-error\">Enter a title, such as “Shipping and returns”.</p>")
                .contains("aria-invalid=\"true\" aria-describedby=\"text-title-error\"")
                .contains("id=\"text-url-error\">Enter an address starting with https:// or http://")
                .contains(">Our shop opens at 9.\nClosed on Sundays.</textarea>")
                .containsPattern("id=\"text-url\"[^>]*value=\"shop/opening\"")
                .doesNotContain("text-content-error");
        assertThat(browser.get("/console/knowledge").text()).contains("Your knowledge base is empty");
    }

    @Test
    void aFaqEntryWithoutAnAnswerAndASourceWithoutAnAddressKeepWhatWasTyped() {
        browser.get("/console/knowledge");
        ConsoleBrowser.Page faq =
                browser.post("/console/knowledge/faqs", Map.of("question", "Do you ship to Iceland?", "answer", " "));
        browser.get("/console/knowledge");
        ConsoleBrowser.Page source = browser.post(
                "/console/knowledge/sources", Map.of("type", "sitemap", "url", "ftp://example.com/sitemap.xml"));

        assertThat(faq.status()).isEqualTo(422);
        assertThat(faq.text())
                .contains("id=\"faq-answer-error\">Enter the answer.</p>")
                .containsPattern("id=\"faq-question\"[^>]*value=\"Do you ship to Iceland\\?\"");
        assertThat(source.status()).isEqualTo(422);
        assertThat(source.text())
                .contains("id=\"source-url-error\">Enter a web address starting with https:// or http://")
                .containsPattern("id=\"source-url\"[^>]*value=\"ftp://example.com/sitemap.xml\"")
                .containsPattern("id=\"source-type-sitemap\"[^>]*checked");
    }

    @Test
    void aDocumentIsDeletedOnlyOnceConfirmedAndIsThenNoLongerFound() {
        String id = addText("Shipping and returns", SHIPPING, null);
        awaitStatus(id, "ready");
        browser.get("/console/knowledge");

        ConsoleBrowser.Page asked = browser.post("/console/knowledge/documents/" + id + "/delete", Map.of());
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.text()).contains("Delete “Shipping and returns”?").contains("Yes, delete");
        assertThat(row(browser.get("/console/knowledge").text(), id)).contains("Shipping and returns");

        ConsoleBrowser.Page deleted =
                browser.post("/console/knowledge/documents/" + id + "/delete", Map.of("confirmed", "true"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(deleted.location()).endsWith("/console/knowledge?done=deleted");
        assertThat(browser.get("/console/knowledge?done=deleted").text())
                .contains("Document deleted. Replies no longer use it.")
                .doesNotContain("document-" + id);
        assertThat(browser.get("/console/knowledge/search?q=" + encode("delivery to Canada"))
                        .text())
                .contains("Nothing to search yet");
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorDeleteTheDocuments() {
        String id = addText("Shipping and returns", SHIPPING, null);
        awaitStatus(id, "ready");

        ConsoleBrowser other = new ConsoleBrowser(port).signedUp("Other Shop");
        String page = other.get("/console/knowledge").text();
        ConsoleBrowser.Page ask = other.post("/console/knowledge/documents/" + id + "/delete", Map.of());
        ConsoleBrowser.Page confirmed =
                other.post("/console/knowledge/documents/" + id + "/delete", Map.of("confirmed", "true"));
        String search = other.get("/console/knowledge/search?q=" + encode("how long does delivery to Canada take"))
                .text();

        assertThat(page).doesNotContain(id).contains("Your knowledge base is empty");
        assertThat(other.get("/console/knowledge/documents").text()).doesNotContain(id);
        assertThat(ask.status()).isEqualTo(404);
        assertThat(confirmed.status()).isEqualTo(404);
        assertThat(confirmed.text()).contains("Your organization's knowledge base has no such document.");
        assertThat(search).doesNotContain("Shipping and returns");
        assertThat(row(browser.get("/console/knowledge").text(), id)).contains("Shipping and returns");
    }

    @Test
    void aWebSourceThatCannotBeReadIsListedWithTheReasonAndCanBeSyncedAndDeleted() {
        browser.get("/console/knowledge");
        ConsoleBrowser.Page added = browser.post(
                "/console/knowledge/sources", Map.of("type", "sitemap", "url", "http://127.0.0.1:9/sitemap.xml"));
        assertThat(added.status()).isEqualTo(302);
        String id = added.location().replaceAll(".*[?&]source=", "");
        assertThat(browser.get("/console/knowledge?source=" + id).text())
                .contains("Importing http://127.0.0.1:9/sitemap.xml.");

        String failed = await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.get("/console/knowledge/sources").text(), list -> row(list, id)
                        .contains("data-status=\"failed\""));
        assertThat(row(failed, id))
                .contains(">Sitemap</td>")
                .contains(">Failed</span>")
                .containsPattern("class=\"doc-error\">[A-Z][^<]+\\.</span>");

        ConsoleBrowser other = new ConsoleBrowser(port).signedUp("Other Shop");
        other.get("/console/knowledge");
        assertThat(other.post("/console/knowledge/sources/" + id + "/sync", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(other.post("/console/knowledge/sources/" + id + "/delete", Map.of("confirmed", "true"))
                        .status())
                .isEqualTo(404);
        browser.get("/console/knowledge");
        assertThat(browser.post("/console/knowledge/sources/" + id + "/sync", Map.of())
                        .location())
                .endsWith("/console/knowledge?done=syncing");
        ConsoleBrowser.Page asked = browser.post("/console/knowledge/sources/" + id + "/delete", Map.of());
        assertThat(asked.text()).contains("Delete the web source http://127.0.0.1:9/sitemap.xml?");
        assertThat(browser.post("/console/knowledge/sources/" + id + "/delete", Map.of("confirmed", "true"))
                        .location())
                .endsWith("/console/knowledge?done=source-deleted");
        assertThat(browser.get("/console/knowledge").text()).contains("No web source yet");
    }

    @Test
    void anAgentReadsTheKnowledgeBaseButCannotChangeIt() {
        String id = addText("Shipping and returns", SHIPPING, null);
        Teammates.Joined agent = new Teammates(api).join(shop, "AGENT");
        ConsoleBrowser agents = new ConsoleBrowser(port);
        assertThat(agents.signIn(agent.email(), Teammates.PASSWORD).status()).isEqualTo(302);

        String page = agents.get("/console/knowledge").text();
        ConsoleBrowser.Page refused =
                agents.post("/console/knowledge/texts", Map.of("title", "Sneaky", "content", "Free shipping always"));
        ConsoleBrowser.Page notDeleted =
                agents.post("/console/knowledge/documents/" + id + "/delete", Map.of("confirmed", "true"));

        assertThat(page)
                .contains("Read only.")
                .contains("Shipping and returns")
                .doesNotContain("Add knowledge")
                .doesNotContain("Delete…");
        assertThat(agents.get("/console/knowledge/search?q=" + encode("shipping to Canada"))
                        .status())
                .isEqualTo(200);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(notDeleted.status()).isEqualTo(403);
        assertThat(browser.get("/console/knowledge").text())
                .doesNotContain("Sneaky")
                .contains("document-" + id);
    }

    @Test
    void theTranscriptAndThePlaygroundShowTheSourcesAReplyUsed() {
        awaitStatus(addText("Shipping and returns", SHIPPING, SHIPPING_URL), "ready");
        MODEL.script(OpenAiScript.reply("Parcels to Canada take 5 to 8 business days. [1]"));
        ParleyApi.Visit visit = api.startConversation(shop.siteKey());
        api.send(visit, "How long until my parcel reaches Toronto?", "m1");

        String transcript =
                browser.get("/console/conversations/" + visit.conversationId()).text();

        assertThat(transcript)
                .contains("Parcels to Canada take 5 to 8 business days. [1]")
                .contains("<p class=\"cited-label\">Sources</p>")
                .contains("<span class=\"cited-ref\">[1]</span>")
                .containsPattern("<a class=\"cited-title\" href=\"" + Pattern.quote(SHIPPING_URL)
                        + "\" title=\"[^\"]*Canada[^\"]*\" target=\"_blank\"\\s+rel=\"noopener noreferrer\">"
                        + "<span>Shipping and returns</span>")
                .containsPattern("<blockquote>[^<]*Parcels to Canada arrive in 5 to 8 business days");

        MODEL.script(OpenAiScript.reply("About a week. [1]"));
        browser.get("/console/playground");
        String tried = browser.post("/console/playground", Map.of("message", "How long does delivery to Canada take?"))
                .text();
        assertThat(tried)
                .contains("About a week. [1]")
                .contains("<span class=\"cited-ref\">[1]</span>")
                .contains("href=\"" + SHIPPING_URL + "\"");
    }

    @Test
    void aPlaygroundHistoryCannotSmuggleInALinkThatIsNotAWebAddress() {
        browser.get("/console/playground");
        String history =
                """
                [{"role":"customer","content":"Hi"},
                 {"role":"assistant","content":"Hello [1]","sources":[
                   {"ref":"1","title":"Trap","link":"javascript:alert(1)","snippet":"x"}]}]""";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("message", "And shipping?");
        form.put("history", history);

        String page = browser.post("/console/playground", form).text();

        assertThat(page).contains("Trap").doesNotContain("javascript:alert");
    }

    @Test
    void unansweredQuestionsAreListedWithTheirConversationAndBecomeAFaqEntryInOneClick() {
        awaitStatus(addText("Shipping and returns", SHIPPING, null), "ready");
        MODEL.respondWith(request -> OpenAiScript.reply("I'm not sure."));
        ParleyApi.Visit first = api.startConversation(shop.siteKey());
        ParleyApi.Visit second = api.startConversation(shop.siteKey());
        api.send(first, "Do you have a store in Lisbon?", "g1");
        api.send(second, "do you have a store in lisbon", "g2");

        String gaps = await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.get("/console/knowledge/gaps").text(), page -> page.contains("2 times"));

        assertThat(gaps)
                .containsIgnoringCase("do you have a store in lisbon")
                .contains("href=\"/console/conversations/" + second.conversationId() + "\"")
                .containsPattern("href=\"/console/knowledge\\?faq=[^\"]*[Ll]isbon[^\"]*#faq-form\"");
        String question = Pattern.compile("class=\"question\">([^<]+)</td>")
                .matcher(gaps)
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        assertThat(browser.get("/console/knowledge?faq=" + encode(question)).text())
                .containsPattern("id=\"faq-question\"[^>]*value=\"" + Pattern.quote(question) + "\"");
        assertThat(new ConsoleBrowser(port)
                        .signedUp("Elsewhere")
                        .get("/console/knowledge/gaps")
                        .text())
                .doesNotContainIgnoringCase("lisbon");
    }

    @Test
    void aQuestionTooLongToSearchIsRefusedNextToTheBox() {
        ConsoleBrowser.Page page = browser.get("/console/knowledge/search?q=" + "a".repeat(2001));

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.text())
                .contains("id=\"q-error\">A question can have at most 2,000 characters; this one has 2,001.</p>")
                .containsPattern("id=\"q\"[^>]*value=\"a{2001}\"");
    }

    /** Adds pasted text through the form and returns the new document's id. */
    private String addText(String title, String content, String url) {
        browser.get("/console/knowledge");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", title);
        form.put("content", content);
        form.put("url", url == null ? "" : url);
        return idOf(browser.post("/console/knowledge/texts", form));
    }

    private static String idOf(ConsoleBrowser.Page added) {
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        Matcher id = ADDED.matcher(added.location());
        assertThat(id.find()).as(added.location()).isTrue();
        return id.group(1);
    }

    /** Waits until the document's row in the self-refreshing list has this status; returns the list. */
    private String awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> browser.get("/console/knowledge/documents").text(), list -> row(list, id)
                        .contains("data-status=\"" + status + "\""));
    }

    /** One row of a list, by the id of what it shows. */
    private static String row(String page, String id) {
        Matcher row = Pattern.compile(
                        "<tr id=\"(?:document|source)-" + Pattern.quote(id) + "\".*?</tr>", Pattern.DOTALL)
                .matcher(page);
        return row.find() ? row.group() : "";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsoleConversationsIT {

    private static final Pattern SITE_KEY = Pattern.compile("id=\"site-key\">([^<]+)<");
    private static final Pattern SECRET = Pattern.compile("id=\"secret-value\"[^>]*>([0-9a-f]{64})<");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        ConsoleBrowser.freshDataDir(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void theListAndTheTranscriptShowAConversationHeldOverRest() {
        ConsoleBrowser owner = new ConsoleBrowser(port).signedUp("Bright Bikes");
        Customers customers = new Customers(owner.base());
        Customers.Chat chat = customers.start(siteKey(owner));
        customers.send(chat, "Hello! Do you repair e-bikes?");
        customers.send(chat, "<script>alert('owned')</script> and <img src=x onerror=alert(1)>");

        ConsoleBrowser.Page list = owner.get("/console/conversations");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body())
                .contains("href=\"/console/conversations/" + chat.conversationId() + "\"")
                .contains("<span class=\"who-name\">Visitor</span>")
                .contains("data-label=\"Messages\" class=\"num\">4</td>")
                .contains("1</span>–<span>1</span> of <span>1</span>");

        ConsoleBrowser.Page transcript = owner.get("/console/conversations/" + chat.conversationId());
        assertThat(transcript.status()).isEqualTo(200);
        assertThat(transcript.body())
                .contains("Hello! Do you repair e-bikes?")
                .contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<script>alert", "<img src=x")
                .contains("class=\"message from-customer\"", "class=\"message from-assistant\"")
                .contains("Prompt v1 · Model ")
                .contains("<dd>4</dd>");
        assertThat(transcript.body().indexOf("Hello! Do you repair e-bikes?"))
                .as("messages in order")
                .isLessThan(transcript.body().indexOf("&lt;script&gt;"));
    }

    @Test
    void theTranscriptShowsWhoHandledItTheNotesTheMoodAndTheCustomersRatings() {
        ConsoleBrowser owner = new ConsoleBrowser(port).signedUp("Calm Canoes");
        String token = owner.cookie("parley_console").orElseThrow().getValue();
        Customers customers = new Customers(owner.base());
        Customers.Chat chat = customers.start(siteKey(owner));
        String reply = customers
                .send(chat, "This is awful, my canoe arrived broken")
                .path("reply")
                .path("id")
                .asString();
        String admin = "/api/v1/admin/conversations/" + chat.conversationId();
        customers.call("POST", admin + "/claim", null, token, 200);
        customers.call("POST", admin + "/notes", Map.of("text", "Offer a replacement"), token, 201);
        customers.call("POST", admin + "/resolve", null, token, 200);
        customers.call(
                "PUT",
                "/api/v1/messages/" + reply + "/feedback",
                Map.of("rating", "down", "comment", "Not what I asked"),
                chat.visitorToken(),
                204);
        customers.call(
                "PUT",
                "/api/v1/conversations/" + chat.conversationId() + "/rating",
                Map.of("score", 4, "comment", "Sorted in the end"),
                chat.visitorToken(),
                204);

        String page =
                owner.get("/console/conversations/" + chat.conversationId()).body();

        assertThat(page)
                .contains("Mood: <span>Negative</span>")
                .contains("Customer rated this reply: <strong>Not helpful</strong>")
                .contains("Not what I asked")
                .contains("aria-label=\"4 out of 5\">★★★★☆</span>")
                .contains("Sorted in the end")
                .contains("Offer a replacement")
                .contains("took it", "resolved it")
                .contains("has joined the conversation.");
    }

    @Test
    void aVerifiedCustomerIsListedByNameAndEmail() throws Exception {
        ConsoleBrowser owner = new ConsoleBrowser(port).signedUp("Bright Bikes");
        owner.get("/console/install");
        Matcher secret =
                SECRET.matcher(owner.post("/console/install/secret", Map.of()).body());
        assertThat(secret.find()).as("the revealed secret").isTrue();
        Customers customers = new Customers(owner.base());

        Customers.Chat chat = customers.start(
                siteKey(owner),
                Map.of(
                        "id", "cust-42",
                        "email", "ada@example.com",
                        "name", "Ada Lovelace",
                        "signature", hmacHex(secret.group(1), "cust-42")));
        customers.send(chat, "Hello, it's Ada.");

        assertThat(owner.get("/console/conversations").body())
                .contains("<span class=\"who-name\">Ada Lovelace</span>")
                .contains("<span class=\"who-detail\">ada@example.com</span>");
        assertThat(owner.get("/console/conversations/" + chat.conversationId()).body())
                .contains("Verified customer");
    }

    @Test
    void anotherOrganizationsConversationIsNotFound() {
        ConsoleBrowser ownerA = new ConsoleBrowser(port).signedUp("Shop A");
        Customers.Chat chatOfA = new Customers(ownerA.base()).start(siteKey(ownerA));
        ConsoleBrowser ownerB = new ConsoleBrowser(port).signedUp("Shop B");

        ConsoleBrowser.Page page = ownerB.get("/console/conversations/" + chatOfA.conversationId());

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.text()).contains("Your organization has no such conversation.");
        assertThat(ownerB.get("/console/conversations").body())
                .doesNotContain(chatOfA.conversationId())
                .contains("No conversations yet");
        assertThat(ownerA.get("/console/conversations/" + chatOfA.conversationId())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aMalformedConversationIdIsNotFound() {
        ConsoleBrowser owner = new ConsoleBrowser(port).signedUp("Bright Bikes");

        assertThat(owner.get("/console/conversations/" + "x".repeat(80)).status())
                .isEqualTo(404);
    }

    @Test
    void theStatusFilterShowsOnlyConversationsInThatStatus() {
        ConsoleBrowser owner = new ConsoleBrowser(port).signedUp("Bright Bikes");
        Customers customers = new Customers(owner.base());
        Customers.Chat chat = customers.start(siteKey(owner));
        customers.send(chat, "Is the shop open on Sunday?");

        assertThat(owner.get("/console/conversations?status=bot").body()).contains(chat.conversationId());
        assertThat(owner.get("/console/conversations?status=resolved").body())
                .doesNotContain(chat.conversationId())
                .contains("No conversations with this status");
    }

    @Test
    void aPageNumberThatIsNotANumberIsABadRequestPage() {
        ConsoleBrowser owner = new ConsoleBrowser(port).signedUp("Bright Bikes");

        ConsoleBrowser.Page page = owner.get("/console/conversations?page=abc");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text()).contains("Part of this address is not valid.").doesNotContain("Exception");
        assertThat(owner.get("/console/conversations?page=2147483647").status()).isEqualTo(200);
    }

    private static String siteKey(ConsoleBrowser owner) {
        Matcher key = SITE_KEY.matcher(owner.get("/console/install").body());
        assertThat(key.find()).as("the install page shows the site key").isTrue();
        return key.group(1);
    }

    /** As the install page tells businesses to sign: hex(HMAC-SHA256(secret, customerId)), the secret's text as key. */
    private static String hmacHex(String secret, String customerId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One customer's data on request: exported whole, then erased everywhere it was, and nobody else's with it. */
class CustomerDataIT extends ParleyAppTest {

    private static final String QUESTION = "Do you sell gift cards for the climbing wall?";

    @Test
    void aCustomersDataIsExportedThenErasedEverywhereAndOnlyTheirs() {
        ParleyApi.Organization shop = api.signUp("Erasure Outfitters");
        ParleyApi.Organization other = api.signUp("Other Outfitters");
        String documents = "/api/v1/admin/knowledge/documents";
        api.call(
                "POST",
                documents,
                shop.accessToken(),
                Map.of("title", "Returns", "content", "Boots can be returned within 30 days with the receipt."));
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(documents, shop.accessToken())
                .body()
                .path("items")
                .valueStream()
                .allMatch(d -> d.path("status").asString().equals("ready")));

        ParleyApi.Visit kim = api.startConversation(shop.siteKey());
        ParleyApi.Visit lee = api.startConversation(shop.siteKey());
        assertThat(api.send(kim, "Hi, I'm Kim. " + QUESTION, "k1").status()).isEqualTo(200);
        assertThat(api.send(lee, "Hi, I'm Lee. Can I return boots?", "l1").status())
                .isEqualTo(200);
        String kimVisitor = visitorOf(shop, kim);
        await().atMost(Duration.ofSeconds(10)).until(() -> gaps(shop).contains("climbing wall"));

        JsonNode export = api.get("/api/v1/admin/customers/" + kimVisitor + "/export", shop.accessToken())
                .body();
        assertThat(export.path("customer").asString()).isEqualTo(kimVisitor);
        assertThat(export.path("conversations")).hasSize(1);
        JsonNode conversation = export.path("conversations").get(0);
        assertThat(conversation.path("id").asString()).isEqualTo(kim.conversationId());
        assertThat(conversation.path("messages"))
                .extracting(m -> m.path("role").asString())
                .containsExactly("customer", "assistant");
        assertThat(conversation.path("messages").get(0).path("content").asString())
                .contains(QUESTION);
        assertThat(api.get("/api/v1/admin/customers/" + kimVisitor + "/export", other.accessToken())
                        .body()
                        .path("conversations"))
                .as("another organization exports nothing of them")
                .isEmpty();

        assertThat(api.call("DELETE", "/api/v1/admin/customers/" + kimVisitor, other.accessToken(), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/admin/conversations/" + kim.conversationId(), shop.accessToken())
                        .status())
                .as("another organization's erasure touches nothing here")
                .isEqualTo(200);

        assertThat(api.call("DELETE", "/api/v1/admin/customers/" + kimVisitor, shop.accessToken(), null)
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/v1/admin/conversations/" + kim.conversationId(), shop.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/admin/conversations/" + kim.conversationId() + "/messages", shop.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + kim.conversationId() + "/messages", kim.visitorToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/admin/conversations?size=100", shop.accessToken())
                        .body()
                        .toString())
                .doesNotContain(kim.conversationId())
                .contains(lee.conversationId());
        assertThat(gaps(shop)).as("the unanswered-question list").doesNotContain("climbing wall");
        assertThat(api.get("/api/v1/admin/customers/" + kimVisitor + "/export", shop.accessToken())
                        .body()
                        .path("conversations"))
                .isEmpty();
        assertThat(api.get("/api/v1/admin/conversations/" + lee.conversationId() + "/messages", shop.accessToken())
                        .status())
                .as("another customer's conversation stays")
                .isEqualTo(200);

        JsonNode audit =
                api.get("/api/v1/admin/audit", shop.accessToken()).body().path("items");
        assertThat(audit.get(0).path("action").asString()).isEqualTo("DELETE /api/v1/admin/customers/{customerId}");
        assertThat(audit.toString()).as("the audit keeps only that it happened").doesNotContain(kimVisitor);

        assertThat(api.call("DELETE", "/api/v1/admin/customers/" + kimVisitor, shop.accessToken(), null)
                        .status())
                .as("erasing again is harmless")
                .isEqualTo(204);
        assertThat(api.call("DELETE", "/api/v1/admin/customers/" + "x".repeat(201), shop.accessToken(), null)
                        .status())
                .isEqualTo(400);
    }

    private String visitorOf(ParleyApi.Organization org, ParleyApi.Visit visit) {
        return api.get("/api/v1/admin/conversations/" + visit.conversationId(), org.accessToken())
                .body()
                .path("customer")
                .path("visitorId")
                .asString();
    }

    private String gaps(ParleyApi.Organization org) {
        return api.get("/api/v1/admin/knowledge/gaps", org.accessToken()).body().toString();
    }
}

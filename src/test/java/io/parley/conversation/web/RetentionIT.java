package io.parley.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.Retention;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The retention period: set per organization, and what is past it erased by the platform, recorded in the audit. */
class RetentionIT extends ParleyAppTest {

    @Autowired
    Retention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void conversationsPastTheOrganizationsPeriodAreErasedAndTheRunIsAudited() {
        ParleyApi.Organization shop = api.signUp("Retention Outfitters");
        ParleyApi.Organization other = api.signUp("Forever Outfitters");
        String path = "/api/v1/admin/organization/retention";
        assertThat(api.get(path, shop.accessToken()).body().path("days").isNull())
                .isTrue();

        ParleyApi.Response set = api.call("PUT", path, shop.accessToken(), Map.of("days", 30));
        assertThat(set.status()).isEqualTo(200);
        assertThat(api.get(path, shop.accessToken()).body().path("days").asInt())
                .isEqualTo(30);
        assertThat(api.get(path, other.accessToken()).body().path("days").isNull())
                .as("another organization's period")
                .isTrue();

        ParleyApi.Visit old = api.startConversation(shop.siteKey());
        ParleyApi.Visit recent = api.startConversation(shop.siteKey());
        ParleyApi.Visit othersOld = api.startConversation(other.siteKey());
        api.send(old, "Where is my order?", "o1");
        api.send(recent, "Where is my order?", "r1");
        api.send(othersOld, "Where is my order?", "x1");
        backdate(old.conversationId(), 31);
        backdate(othersOld.conversationId(), 400);

        int erased = retention.runOnce();

        assertThat(erased).isEqualTo(1);
        assertThat(api.get("/api/v1/admin/conversations/" + old.conversationId(), shop.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/admin/conversations/" + recent.conversationId(), shop.accessToken())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/admin/conversations/" + othersOld.conversationId(), other.accessToken())
                        .status())
                .as("an organization without a period keeps everything")
                .isEqualTo(200);
        JsonNode audit =
                api.get("/api/v1/admin/audit", shop.accessToken()).body().path("items");
        assertThat(audit.get(0).path("actor").asString()).isEqualTo("Parley");
        assertThat(audit.get(0).path("details").asString()).contains("\"erased\":1");

        Map<String, Object> forever = new HashMap<>();
        forever.put("days", null);
        assertThat(api.call("PUT", path, shop.accessToken(), forever).status()).isEqualTo(200);
        assertThat(api.get(path, shop.accessToken()).body().path("days").isNull())
                .isTrue();
    }

    @Test
    void aPeriodOutsideOneDayToTenYearsIsRefused() {
        ParleyApi.Organization shop = api.signUp("Bad Retention Outfitters");
        String path = "/api/v1/admin/organization/retention";

        for (Object days : new Object[] {0, -5, 3651, "a week"}) {
            ParleyApi.Response r = api.call("PUT", path, shop.accessToken(), Map.of("days", days));
            assertThat(r.status()).as(String.valueOf(days)).isEqualTo(400);
        }
        assertThat(api.call("PUT", path, shop.accessToken(), "").status()).isEqualTo(400);
        assertThat(api.get(path, shop.accessToken()).body().path("days").isNull())
                .isTrue();
    }

    private void backdate(String conversationId, int days) {
        OffsetDateTime then = OffsetDateTime.now().minusDays(days);
        jdbc.sql("UPDATE conversations SET last_message_at = ?, started_at = ? WHERE id = ?")
                .params(then, then, conversationId)
                .update();
    }
}

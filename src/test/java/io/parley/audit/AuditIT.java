package io.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The audit log over the admin API: each kind of change recorded once, secrets never, per organization. */
class AuditIT extends ParleyAppTest {

    private static final String API_KEY = "sk-live-0123456789abcdefSECRET";
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @Test
    void eachKindOfChangeIsRecordedWithWhoAndWhatButNeverASecret() {
        ParleyApi.Organization shop = api.signUp("Audit Outfitters");
        ParleyApi.Organization other = api.signUp("Other Outfitters");

        assertThat(api.saveProfile(shop, Map.of("businessName", "Audit Outfitters", "rules", List.of("Be kind.")))
                        .status())
                .isEqualTo(200);
        assertThat(api.call(
                                "PUT",
                                "/api/v1/admin/organization/origins",
                                shop.accessToken(),
                                Map.of("origins", List.of("https://shop.example")))
                        .status())
                .isEqualTo(200);
        assertThat(api.call(
                                "POST",
                                "/api/v1/admin/invitations",
                                shop.accessToken(),
                                Map.of("email", "kim@example.com", "role", "AGENT"))
                        .status())
                .isEqualTo(201);
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", "look_up_booking");
        action.put("description", "Finds a booking by its code.");
        action.put(
                "parameters",
                Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("code", Map.of("type", "string")),
                        "required",
                        List.of("code")));
        action.put("kind", "read");
        action.put("method", "GET");
        action.put("url", "https://api.example.com/bookings/{code}");
        action.put("headers", Map.of("Authorization", "Bearer " + API_KEY));
        ParleyApi.Response created = api.call("POST", "/api/v1/admin/actions", shop.accessToken(), action);
        assertThat(created.status()).isEqualTo(201);
        String actionId = created.body().path("id").asString();
        assertThat(api.call(
                                "POST",
                                "/api/v1/admin/knowledge/documents",
                                shop.accessToken(),
                                Map.of("title", "Returns", "content", "Returns within 30 days."))
                        .status())
                .isEqualTo(202);
        action.put("description", "Finds a booking by its code, or by the guest's name.");
        assertThat(api.call("PUT", "/api/v1/admin/actions/" + actionId, shop.accessToken(), action)
                        .status())
                .isEqualTo(200);
        assertThat(api.saveProfile(shop, Map.of("businessName", "Audit Outfitters", "rules", List.of("Be brief.")))
                        .status())
                .isEqualTo(200);
        assertThat(api.call("DELETE", "/api/v1/admin/actions/" + actionId, shop.accessToken(), null)
                        .status())
                .isEqualTo(204);
        // A read, and a change that fails, are not changes.
        api.get("/api/v1/admin/organization", shop.accessToken());
        assertThat(api.call("PUT", "/api/v1/admin/organization/profile", shop.accessToken(), Map.of("rules", "no"))
                        .status())
                .isEqualTo(400);

        ParleyApi.Response read = api.get("/api/v1/admin/audit", shop.accessToken());
        assertThat(read.status()).isEqualTo(200);
        JsonNode items = read.body().path("items");
        assertThat(items)
                .extracting(i -> i.path("action").asString())
                .containsExactly(
                        "DELETE /api/v1/admin/actions/{id}",
                        "PUT /api/v1/admin/organization/profile",
                        "PUT /api/v1/admin/actions/{id}",
                        "POST /api/v1/admin/knowledge/documents",
                        "POST /api/v1/admin/actions",
                        "POST /api/v1/admin/invitations",
                        "PUT /api/v1/admin/organization/origins",
                        "PUT /api/v1/admin/organization/profile");
        assertThat(items).allSatisfy(i -> assertThat(i.path("actor").asString()).isEqualTo(shop.email()));
        assertThat(items.get(0).path("target").asString()).contains(actionId);
        assertThat(items.get(7).path("details").asString()).contains("Be kind.");
        JsonNode profileChange = JSON.readTree(items.get(1).path("details").asString());
        assertThat(profileChange.path("before").toString()).as("before").contains("Be kind.");
        assertThat(profileChange.path("sent").toString()).as("after").contains("Be brief.");
        JsonNode actionChange = JSON.readTree(items.get(2).path("details").asString());
        assertThat(actionChange.path("before").path("description").asString())
                .isEqualTo("Finds a booking by its code.");
        assertThat(actionChange.path("sent").path("description").asString()).contains("guest's name");
        assertThat(actionChange.toString()).doesNotContain(API_KEY);
        assertThat(items.get(4).path("details").asString())
                .contains("look_up_booking")
                .contains("[secret]")
                .doesNotContain(API_KEY)
                .doesNotContain("Bearer");
        assertThat(read.body().toString()).doesNotContain(API_KEY);

        JsonNode others =
                api.get("/api/v1/admin/audit", other.accessToken()).body().path("items");
        assertThat(others).as("another organization's log").isEmpty();
    }

    @Test
    void theLogIsFilteredByTimeAndMemberAndExportsAsCsv() throws Exception {
        ParleyApi.Organization shop = api.signUp("Filter Outfitters");
        Instant before = Instant.now().minusSeconds(1);
        api.call(
                "PUT",
                "/api/v1/admin/organization/origins",
                shop.accessToken(),
                Map.of("origins", List.of("https://filter.example")));

        assertThat(items(shop, "?from=" + before)).hasSize(1);
        assertThat(items(shop, "?to=" + before)).isEmpty();
        assertThat(items(shop, "?actor=" + shop.email().toUpperCase())).hasSize(1);
        assertThat(items(shop, "?actor=nobody@example.com")).isEmpty();

        HttpResponse<String> csv = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/admin/audit?format=csv"))
                                .header("Authorization", "Bearer " + shop.accessToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .get()
                .asString()
                .contains("audit.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("at,actor,action,target,details");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .contains("\"PUT /api/v1/admin/organization/origins\"")
                .contains("https://filter.example");
    }

    @Test
    void badFiltersAreClearProblems() {
        ParleyApi.Organization shop = api.signUp("Bad Filter Outfitters");

        for (String query : List.of("?from=yesterday", "?to=2026-13-01", "?limit=0", "?limit=5000")) {
            ParleyApi.Response r = api.get("/api/v1/admin/audit" + query, shop.accessToken());
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.body().path("errors").get(0).path("field").asString()).isIn("from", "to", "limit");
        }
        ParleyApi.Response backwards =
                api.get("/api/v1/admin/audit?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", shop.accessToken());
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/admin/audit", null).status()).isEqualTo(401);
    }

    private JsonNode items(ParleyApi.Organization org, String query) {
        return api.get("/api/v1/admin/audit" + query, org.accessToken()).body().path("items");
    }
}
